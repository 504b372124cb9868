#!/usr/bin/python3
"""End-to-end reference for org.lrpo.core.degrade.Degradation.applyWith (noise level 0):
lq = resize_back(JPEG_q(downsample_r(hq * k_sigma))) with independent implementations of each stage:
BasicSR's bivariate Gaussian applied like cv2.filter2D (scipy correlate, mode='mirror'),
torch.nn.functional.interpolate(mode='bilinear', antialias=True) down to round(size / r) and back,
and Pillow's libjpeg encoder/decoder at quality q with 4:2:0 subsampling.

Reads cases from stdin, one per line:
    size sigma_x sigma_y theta r q H W v_0 ... v_{3*H*W-1}
and prints, per case, the 3*H*W LQ values in C,H,W order.
Run with Debian's /usr/bin/python3 (python3-numpy, python3-scipy, python3-torch, python3-pil).
"""
import io
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from scipy import ndimage

from blur_reference import bivariate_gaussian


def resize(chw, h, w):
    t = torch.from_numpy(chw.astype(np.float32))[None]
    return F.interpolate(t, size=(h, w), mode='bilinear', align_corners=False, antialias=True)[0].numpy()


def main():
    torch.set_num_threads(1)
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        size = int(parts[0])
        sx, sy, theta, r = (float(p) for p in parts[1:5])
        q, h, w = int(parts[5]), int(parts[6]), int(parts[7])
        hq = np.array(parts[8:], dtype=np.float64).reshape(3, h, w)
        k = bivariate_gaussian(size, sx, sy, theta)
        blurred = np.stack([ndimage.correlate(hq[c], k, mode='mirror') for c in range(3)])
        lh, lw = max(1, int(np.floor(h / r + 0.5))), max(1, int(np.floor(w / r + 0.5)))
        small = np.clip(resize(blurred, lh, lw), 0.0, 1.0)
        rgb8 = np.round(small.transpose(1, 2, 0) * 255.0).astype(np.uint8)
        buf = io.BytesIO()
        Image.fromarray(rgb8, 'RGB').save(buf, format='JPEG', quality=q, subsampling=2)
        decoded = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert('RGB'), dtype=np.float32) / 255.0
        lq = resize(decoded.transpose(2, 0, 1), h, w)
        print(" ".join("%.9g" % v for v in lq.reshape(-1)))


if __name__ == "__main__":
    main()
