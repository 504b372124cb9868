"""The scaled-linear schedule and DDIM sigma, computed independently in torch float64.

usage: schedule_reference.py out.f64 t1 t2 ...
Writes, for each t: abar_t; then for the K = 50 DDIM steps of diffusers' DDIMScheduler
(steps_offset=1, "leading", set_alpha_to_one=False): tau_k, abar_prev_k, sigma_k(eta=1).
"""
import math
import sys

import numpy as np
import torch

out_path = sys.argv[1]
ts = [int(v) for v in sys.argv[2:]]
T = 1000
betas = torch.linspace(math.sqrt(0.00085), math.sqrt(0.012), T, dtype=torch.float64) ** 2
abar = torch.cumprod(1.0 - betas, dim=0)
values = [abar[t].item() for t in ts]
K = 50
ratio = T // K
taus = (np.arange(0, K) * ratio).round()[::-1] + 1
for tau in taus:
    prev = tau - ratio
    a = abar[tau].item()
    ap = abar[prev].item() if prev >= 0 else abar[0].item()
    variance = (1 - ap) / (1 - a) * (1 - a / ap)
    values += [float(tau), ap, math.sqrt(variance)]
np.array(values, dtype="<f8").tofile(out_path)
