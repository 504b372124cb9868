#!/usr/bin/python3
"""Reference for org.lrpo.core.image.Resizer: torch.nn.functional.interpolate with antialias=True.

Reads cases from stdin, one per line:
    mode C H W outH outW v_0 v_1 ... v_{C*H*W-1}
(mode 'bilinear' or 'bicubic', values in C,H,W order) and prints, per case, one line with the
C*outH*outW output values (float32, clamped to [0, 1] like Resizer) in C,H,W order.
Run with Debian's /usr/bin/python3 (python3-torch, python3-numpy).
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F


def main():
    torch.set_num_threads(1)
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        mode = parts[0]
        c, h, w, oh, ow = (int(p) for p in parts[1:6])
        x = np.array(parts[6:], dtype=np.float32).reshape(1, c, h, w)
        y = F.interpolate(torch.from_numpy(x), size=(oh, ow), mode=mode,
                          align_corners=False, antialias=True)
        y = y.clamp(0.0, 1.0).reshape(-1).numpy()
        print(" ".join("%.9g" % v for v in y))


if __name__ == "__main__":
    main()
