"""Per-sample mean Gaussian log-density, METHOD.md section 2, with torch.distributions.Normal.

usage: logprob_reference.py x_prev.f32 mu.f32 B sigma out.f64
x_prev and mu are raw little-endian float32 [B, D]; the float32 values are widened to float64 and
out gets Normal(mu, sigma).log_prob(x_prev).mean(dim=1) as float64 [B].
"""
import sys

import numpy as np
import torch

x_prev = torch.from_numpy(np.fromfile(sys.argv[1], dtype="<f4").astype(np.float64))
mu = torch.from_numpy(np.fromfile(sys.argv[2], dtype="<f4").astype(np.float64))
B = int(sys.argv[3])
sigma = float(sys.argv[4])
log_prob = torch.distributions.Normal(mu.reshape(B, -1), sigma).log_prob(x_prev.reshape(B, -1)).mean(dim=1)
log_prob.numpy().astype("<f8").tofile(sys.argv[5])
