#!/usr/bin/python3
"""Reference for org.lrpo.core.align: skimage.transform's SimilarityTransform and warp.

usage:
  align_reference.py estimate points.f64 n out.f64
      points.f64 holds cases of n points each as srcX, srcY, dstX, dstY (4n float64 per case); writes
      a, b, tx, ty per case (skimage SimilarityTransform().estimate(src, dst); params[0, 0], params[1, 0],
      params[0, 2], params[1, 2]).
  align_reference.py warp image.f32 H W a b tx ty outH outW out.f64
      image.f32 is a (3, H, W) float32 image; (a, b, tx, ty) the source-to-destination similarity. Writes the
      (3, outH, outW) result of skimage.transform.warp(image HWC as float64, tform.inverse, order=1,
      mode='edge', output_shape=(outH, outW)), where tform = SimilarityTransform(matrix=[[a, -b, tx],
      [b, a, ty], [0, 0, 1]]). skimage works in (x = column, y = row) for the transform, like the Java code,
      and warp wants the output-to-input map, hence tform.inverse. The image is widened to float64 so skimage
      computes coordinates in double precision (for float32 input it would map coordinates in float32).
Inputs are raw little-endian; outputs float64. Run with Debian's /usr/bin/python3 (python3-skimage).
"""
import sys

import numpy as np
from skimage.transform import SimilarityTransform, warp


def estimate(points_path, n, out_path):
    cases = np.fromfile(points_path, dtype="<f8").reshape(-1, 4, n)
    out = []
    for sx, sy, dx, dy in cases:
        t = SimilarityTransform()
        if not t.estimate(np.stack([sx, sy], axis=1), np.stack([dx, dy], axis=1)):
            raise SystemExit("skimage could not estimate a case")
        p = t.params
        out.append([p[0, 0], p[1, 0], p[0, 2], p[1, 2]])
    np.asarray(out, dtype="<f8").tofile(out_path)


def warp_image(image_path, h, w, a, b, tx, ty, out_h, out_w, out_path):
    chw = np.fromfile(image_path, dtype="<f4").reshape(3, h, w)
    hwc = np.transpose(chw, (1, 2, 0)).astype(np.float64)
    tform = SimilarityTransform(matrix=np.array([[a, -b, tx], [b, a, ty], [0.0, 0.0, 1.0]]))
    out = warp(hwc, tform.inverse, order=1, mode="edge", output_shape=(out_h, out_w))
    np.transpose(out, (2, 0, 1)).astype("<f8").tofile(out_path)


def main():
    if sys.argv[1] == "estimate":
        estimate(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "warp":
        args = sys.argv[2:]
        warp_image(args[0], int(args[1]), int(args[2]), float(args[3]), float(args[4]), float(args[5]),
                   float(args[6]), int(args[7]), int(args[8]), args[9])
    else:
        raise SystemExit("unknown command " + sys.argv[1])


if __name__ == "__main__":
    main()
