"""PyTorch reference for org.lrpo.core.optim (AdamWTest, GradientClippingTest).

Reads one JSON request on stdin, writes one JSON answer on stdout. Floats travel as decimal
strings that round-trip exactly through float32. Run with Debian's /usr/bin/python3
(python3-torch 1.13); the tests call it through ProcessBuilder.

Request keys (each optional):
  adamw: {betas: [b1, b2], eps, weight_decay, lrs: [lr per step],
          params_decay: [...], params_nodecay: [...],
          grads_decay: [[...] per step], grads_nodecay: [[...] per step]}
      Two parameter groups, the second with weight_decay=0 (Java: AdamW decay mask false).
  clip: [{grads: [[...] per tensor], max_norm}]
"""
import json
import sys

import torch


def f32(xs):
    return torch.tensor(xs, dtype=torch.float32)


def adamw(req):
    p_decay = f32(req["params_decay"]).requires_grad_(True)
    p_nodecay = f32(req["params_nodecay"]).requires_grad_(True)
    opt = torch.optim.AdamW(
        [{"params": [p_decay]}, {"params": [p_nodecay], "weight_decay": 0.0}],
        lr=req["lrs"][0], betas=tuple(req["betas"]), eps=req["eps"],
        weight_decay=req["weight_decay"])
    history = []
    for lr, gd, gn in zip(req["lrs"], req["grads_decay"], req["grads_nodecay"]):
        for group in opt.param_groups:
            group["lr"] = lr
        p_decay.grad = f32(gd)
        p_nodecay.grad = f32(gn)
        opt.step()
        history.append(p_decay.detach().tolist() + p_nodecay.detach().tolist())
    sd, sn = opt.state[p_decay], opt.state[p_nodecay]
    return {
        "params": history,
        "exp_avg": sd["exp_avg"].tolist() + sn["exp_avg"].tolist(),
        "exp_avg_sq": sd["exp_avg_sq"].tolist() + sn["exp_avg_sq"].tolist(),
        "step": int(sd["step"]),
        "torch_version": torch.__version__,
    }


def clip(case):
    params = []
    for g in case["grads"]:
        p = torch.zeros(len(g), dtype=torch.float32, requires_grad=True)
        p.grad = f32(g)
        params.append(p)
    norm = torch.nn.utils.clip_grad_norm_(params, case["max_norm"])
    return {"norm": float(norm), "grads": [x for p in params for x in p.grad.tolist()]}


def main():
    req = json.load(sys.stdin)
    out = {}
    if "adamw" in req:
        out["adamw"] = adamw(req["adamw"])
    if "clip" in req:
        out["clip"] = [clip(c) for c in req["clip"]]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
