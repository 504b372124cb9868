#!/usr/bin/python3
"""Reference values for org.lrpo.rewards.metrics, computed by code other people wrote.

Run by MetricsConformanceTest with Debian's /usr/bin/python3 (python3-skimage, python3-dtcwt):

    /usr/bin/python3 metrics_reference.py JOBFILE

JOBFILE has one job a line; each printed result line starts with the job id:

    astronaut OUT.png            -> writes skimage.data.astronaut() (512x512 RGB) to OUT.png
    skimage NAME OUT.png         -> writes skimage.data.NAME() as RGB to OUT.png (e.g. coffee, camera; for a tuple the first)
    fidelity ID X.png GT.png     -> ID <key> <value> for PSNR/SSIM under several protocols and MS-SSIM
    dtcwt ID IMG.png             -> ID lowpass <channel> <rows> <cols> <values row-major...>

PSNR/SSIM: skimage.metrics (the brief's settings). The VQFR colour correction is the loop of
TencentARC/VQFR metric_paper/calculate_psnr_ssim.py, reproduced as written (float32, twice), the MATLAB
Y channel as VQFR's bgr2ycbcr(y_only=True). MS-SSIM has no implementation in Debian's Python, so
ms_ssim_reference() below follows Wang, Simoncelli, Bovik 2003 and Wang's msssim.m; it uses a non-separable
2-D correlation (scipy.ndimage.correlate), not the separable passes of the Java code.
DT-CWT: dtcwt.Transform2d(biort='near_sym_b', qshift='qshift_b').forward(img, nlevels=3).lowpass on each
channel in [0, 1] as float64.
"""
import sys

try:
    import numpy as np
    from PIL import Image
    import scipy.ndimage as ndi
    import skimage.data
    from skimage.metrics import peak_signal_noise_ratio, structural_similarity
except ImportError as e:  # the Java test turns this into a failure that says what to install
    print("MISSING python3-skimage (apt-get install python3-skimage): %s" % e, file=sys.stderr)
    sys.exit(3)
try:
    import logging
    logging.disable(logging.WARNING)  # dtcwt warns about odd sizes; the test wants clean stdout
    import dtcwt
except ImportError as e:
    print("MISSING python3-dtcwt (apt-get install python3-dtcwt): %s" % e, file=sys.stderr)
    sys.exit(3)

MS_WEIGHTS = np.array([0.0448, 0.2856, 0.3001, 0.2363, 0.1333])


def load(path):
    return np.asarray(Image.open(path).convert("RGB"))  # uint8 HWC


def ssim(gt, x, rgb):
    kw = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255)
    if rgb:
        return structural_similarity(gt, x, channel_axis=2, **kw)
    return structural_similarity(gt, x, **kw)


def vqfr_correct(x01, gt01):
    """VQFR calculate_psnr_ssim.py, correct_mean_var branch, as written there (float32 arrays)."""
    img_gt = gt01.astype(np.float32)
    img_restored = x01.astype(np.float32).copy()
    mean_l = [np.mean(img_gt[:, :, j]) for j in range(3)]
    std_l = [np.std(img_gt[:, :, j]) for j in range(3)]
    for j in range(3):
        for _ in range(2):
            mean = np.mean(img_restored[:, :, j])
            img_restored[:, :, j] = img_restored[:, :, j] - mean + mean_l[j]
            std = np.std(img_restored[:, :, j])
            img_restored[:, :, j] = img_restored[:, :, j] / std * std_l[j]
    return img_restored


def y_channel(rgb01):
    """MATLAB rgb2ycbcr Y on [0, 255]: 16 + 65.481 R + 128.553 G + 24.966 B, R, G, B in [0, 1]."""
    rgb01 = rgb01.astype(np.float64)
    return 16.0 + rgb01[..., 0] * 65.481 + rgb01[..., 1] * 128.553 + rgb01[..., 2] * 24.966


def crop(a, b):
    return a[b:-b, b:-b, ...] if b > 0 else a


def gaussian_window():
    k = np.exp(-0.5 * (np.arange(11) - 5.0) ** 2 / 1.5 ** 2)
    k /= k.sum()
    return np.outer(k, k)


def ssim_terms(a, b, L=255.0):
    """Mean SSIM and mean cs over the valid region, 2-D (non-separable) window."""
    win = gaussian_window()
    f = lambda z: ndi.correlate(z, win, mode="constant")[5:-5, 5:-5]
    mx, my = f(a), f(b)
    vx = f(a * a) - mx * mx
    vy = f(b * b) - my * my
    vxy = f(a * b) - mx * my
    c1, c2 = (0.01 * L) ** 2, (0.03 * L) ** 2
    cs = (2 * vxy + c2) / (vx + vy + c2)
    lum = (2 * mx * my + c1) / (mx * mx + my * my + c1)
    return (lum * cs).mean(), cs.mean()


def halve(a):
    """msssim.m: imfilter(a, ones(2)/4, 'symmetric', 'same') then a(1:2:end, 1:2:end)."""
    p = np.pad(a, ((0, 1), (0, 1)), mode="symmetric")
    s = (p[:-1, :-1] + p[1:, :-1] + p[:-1, 1:] + p[1:, 1:]) / 4.0
    return s[::2, ::2]


def ms_ssim_reference(a, b):
    """Wang 2003 MS-SSIM of one plane on [0, 255]; fewer scales with renormalised weights if small."""
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    m = 1
    h, w = a.shape
    while m < 5:
        h, w = (h + 1) // 2, (w + 1) // 2
        if min(h, w) < 11:
            break
        m += 1
    weights = MS_WEIGHTS[:m] / MS_WEIGHTS[:m].sum()
    result = 1.0
    for j in range(m):
        s, cs = ssim_terms(a, b)
        term = s if j == m - 1 else cs
        result *= max(term, 0.0) ** weights[j]
        a, b = halve(a), halve(b)
    return result


def fidelity(job_id, x_path, gt_path):
    x, gt = load(x_path), load(gt_path)
    x01, gt01 = x / 255.0, gt / 255.0
    out = {}
    out["psnr_rgb"] = peak_signal_noise_ratio(gt, x, data_range=255)
    out["ssim_rgb"] = ssim(gt, x, True)
    yx, yg = y_channel(x01), y_channel(gt01)
    out["psnr_y"] = peak_signal_noise_ratio(yg, yx, data_range=255)
    out["ssim_y"] = ssim(yg, yx, False)
    out["psnr_rgb_crop4"] = peak_signal_noise_ratio(crop(gt, 4), crop(x, 4), data_range=255)
    out["ssim_rgb_crop4"] = ssim(crop(gt, 4), crop(x, 4), True)
    xc = vqfr_correct(x01, gt01)
    xc255, gt255 = xc.astype(np.float64) * 255.0, gt01 * 255.0
    out["psnr_vqfr_rgb"] = peak_signal_noise_ratio(gt255, xc255, data_range=255)
    out["ssim_vqfr_rgb"] = ssim(gt255, xc255, True)
    ycx, ycg = y_channel(crop(xc, 2)), y_channel(crop(gt01, 2))
    out["psnr_vqfr_y_crop2"] = peak_signal_noise_ratio(ycg, ycx, data_range=255)
    out["ssim_vqfr_y_crop2"] = ssim(ycg, ycx, False)
    out["ms_ssim_rgb"] = np.mean([ms_ssim_reference(x[..., c], gt[..., c]) for c in range(3)])
    for k, v in out.items():
        print("%s %s %r" % (job_id, k, float(v)))


def lowpass(job_id, path):
    img = load(path) / 255.0
    transform = dtcwt.Transform2d(biort="near_sym_b", qshift="qshift_b")
    for c in range(3):
        yl = transform.forward(img[..., c].astype(np.float64), nlevels=3).lowpass
        print("%s lowpass %d %d %d %s" % (job_id, c, yl.shape[0], yl.shape[1],
                                          " ".join(repr(float(v)) for v in yl.ravel())))


def main(job_file):
    with open(job_file) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "astronaut":
                Image.fromarray(skimage.data.astronaut()).save(parts[1])
            elif parts[0] == "skimage":
                data = getattr(skimage.data, parts[1])()
                if isinstance(data, tuple):  # stereo_motorcycle: (left, right, disparity)
                    data = data[0]
                Image.fromarray(data).convert("RGB").save(parts[2])
            elif parts[0] == "fidelity":
                fidelity(parts[1], parts[2], parts[3])
            elif parts[0] == "dtcwt":
                lowpass(parts[1], parts[2])
            else:
                raise SystemExit("unknown job: " + line)


if __name__ == "__main__":
    main(sys.argv[1])
