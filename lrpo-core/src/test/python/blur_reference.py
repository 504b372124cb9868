#!/usr/bin/python3
"""Reference for org.lrpo.core.degrade.GaussianBlur: BasicSR's bivariate Gaussian kernel (as used by
CodeFormer/DiffBIR/GFPGAN degradations), applied like cv2.filter2D (correlation, BORDER_REFLECT_101)
via scipy.ndimage.correlate(mode='mirror').

Reads cases from stdin, one per line:
    size sigma_x sigma_y theta H W v_0 ... v_{3*H*W-1}
(values in C,H,W order) and prints, per case, the 3*H*W blurred values (float64) in C,H,W order.
Run with Debian's /usr/bin/python3 (python3-numpy, python3-scipy).
"""
import sys

import numpy as np
from scipy import ndimage


def bivariate_gaussian(size, sigma_x, sigma_y, theta):
    # Sigma = R diag(sx^2, sy^2) R^T; k(p) = exp(-p^T Sigma^-1 p / 2), p = (x, y) on an integer grid.
    d = np.diag([sigma_x ** 2, sigma_y ** 2])
    r = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    inv = np.linalg.inv(r @ d @ r.T)
    ax = np.arange(-size // 2 + 1.0, size // 2 + 1.0)
    xx, yy = np.meshgrid(ax, ax)
    xy = np.stack([xx, yy], axis=-1)
    k = np.exp(-0.5 * np.sum((xy @ inv) * xy, axis=-1))
    return k / k.sum()


def main():
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        size = int(parts[0])
        sx, sy, theta = (float(p) for p in parts[1:4])
        h, w = int(parts[4]), int(parts[5])
        img = np.array(parts[6:], dtype=np.float64).reshape(3, h, w)
        k = bivariate_gaussian(size, sx, sy, theta)
        out = np.stack([ndimage.correlate(img[c], k, mode='mirror') for c in range(3)])
        print(" ".join("%.9g" % v for v in out.reshape(-1)))


if __name__ == "__main__":
    main()
