"""torch.nn.GroupNorm on numbers written by GroupNormTest.

usage: groupnorm_reference.py x.f32 gamma.f32 beta.f32 B C H W groups out.f64 [w.f32 grads.f64]
Inputs are raw little-endian float32; the output is float64 (the float32 result, widened). With w.f32,
also writes the gradients of sum(y * w) with respect to x, gamma and beta, concatenated, to grads.f64.
"""
import sys

import numpy as np
import torch

x_path, g_path, b_path = sys.argv[1:4]
B, C, H, W, groups = (int(v) for v in sys.argv[4:9])
out_path = sys.argv[9]
x = torch.from_numpy(np.fromfile(x_path, dtype="<f4").reshape(B, C, H, W))
norm = torch.nn.GroupNorm(groups, C, eps=1e-5)
with torch.no_grad():
    norm.weight.copy_(torch.from_numpy(np.fromfile(g_path, dtype="<f4")))
    norm.bias.copy_(torch.from_numpy(np.fromfile(b_path, dtype="<f4")))
    y = norm(x)
y.double().numpy().astype("<f8").tofile(out_path)
if len(sys.argv) > 11:
    w = torch.from_numpy(np.fromfile(sys.argv[10], dtype="<f4").reshape(B, C, H, W))
    xg = x.clone().requires_grad_(True)
    (norm(xg) * w).sum().backward()
    grads = torch.cat([xg.grad.flatten(), norm.weight.grad.flatten(), norm.bias.grad.flatten()])
    grads.double().numpy().astype("<f8").tofile(sys.argv[11])
