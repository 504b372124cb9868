#!/usr/bin/python3
"""Reference values for org.lrpo.rewards.metrics.FlatRegionNoise, written with NumPy/SciPy.

Run by FlatRegionNoiseTest with Debian's /usr/bin/python3 (python3-scipy, which brings python3-numpy):

    /usr/bin/python3 flat_region_noise_reference.py JOBFILE

JOBFILE has one job a line:

    ID WIDTH HEIGHT RESTORED.f32 TRUTH.f32   -> prints "ID flat_region_noise <value>"

Each .f32 file holds an RgbImage's CHW floats as little-endian float32 (3 * HEIGHT * WIDTH values), so both
sides start from the same numbers (no 8-bit rounding). The definition follows the Java class's javadoc but is
written independently: scipy.ndimage.gaussian_filter for the blur, numpy.gradient for the central differences,
numpy.hypot, scipy.ndimage.maximum_filter for the 3x3 dilation, numpy.percentile and numpy.std.
"""
import sys

try:
    import numpy as np
    import scipy.ndimage as ndi
except ImportError as e:  # the Java test turns this into a failure that says what to install
    print("MISSING python3-scipy (apt-get install python3-scipy): %s" % e, file=sys.stderr)
    sys.exit(3)

BORDER = 2
SIGMA = 1.0
TRUNCATE = 4.0
PERCENTILE = 30.0


def load(path, width, height):
    v = np.fromfile(path, dtype="<f4")
    if v.size != 3 * width * height:
        raise ValueError("%s: %d values, expected 3 x %d x %d" % (path, v.size, height, width))
    return v.astype(np.float64).reshape(3, height, width)


def luma(chw):
    """MATLAB rgb2ycbcr Y for double input in [0, 1]: BT.601 studio range on the 0..255 scale."""
    r, g, b = chw
    return 16.0 + 65.481 * r + 128.553 * g + 24.966 * b


def flat_region_noise(restored, truth):
    y_x = luma(restored)
    y_gt = luma(truth)
    blur_x = ndi.gaussian_filter(y_x, SIGMA, mode="mirror", truncate=TRUNCATE)
    blur_gt = ndi.gaussian_filter(y_gt, SIGMA, mode="mirror", truncate=TRUNCATE)
    d_rows, d_cols = np.gradient(blur_gt)  # central differences inside, which is all we keep
    inner = (slice(BORDER, -BORDER), slice(BORDER, -BORDER))
    # 3x3 maximum; windows of inner pixels stay on rows/columns 1..size-2, where np.gradient is central.
    magnitude = ndi.maximum_filter(np.hypot(d_cols, d_rows), size=3)[inner]
    flat = magnitude <= np.percentile(magnitude, PERCENTILE)
    return float(np.std((y_x - blur_x)[inner][flat]))


def main(job_file):
    with open(job_file) as f:
        for line in f:
            fields = line.split()
            if not fields:
                continue
            job_id, width, height, restored, truth = fields
            width, height = int(width), int(height)
            value = flat_region_noise(load(restored, width, height), load(truth, width, height))
            print("%s flat_region_noise %.17g" % (job_id, value))


if __name__ == "__main__":
    main(sys.argv[1])
