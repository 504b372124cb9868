#!/usr/bin/python3
"""Reference for org.lrpo.rewards.model.ModelScoreComponent (run by ModelScoreComponentTest).

Builds tiny scoring networks with fixed, seeded weights, saves them as TorchScript (torch.jit.trace) and,
when torch.onnx.export works, as ONNX; then scores the same pixels the Java test scores, with the
preprocessing written here independently in torch (F.interpolate bilinear, align_corners=False; pixel
range; per-channel mean/std), and writes the raw outputs.

  make_scoring_models.py OUT_DIR SPEC_JSON

SPEC_JSON: {"n", "h", "w": the batch (N, 3, H, W) in [0, 1] stored as float32 little-endian in
OUT_DIR/x.f32 and OUT_DIR/gt.f32; "cases": {case name: {"size": [h, w] or [0, 0], "lo", "hi",
"mean": [3], "std": [3]}}}.

Writes to OUT_DIR: one_input.pt, two_input.pt, batch_mean.pt, wide_output.pt (and .onnx of the first
two), reference.json = {"torch": version, "onnx": true|false, "onnx_error": str,
"scores": {case: {"one_input": [N], "two_input": [N]}}}.
"""
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F


class OneInput(torch.nn.Module):
    """A no-reference scorer: two convs, global mean, sigmoid -> (N,)."""

    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv2d(3, 8, 3, padding=1)
        self.c2 = torch.nn.Conv2d(8, 4, 3, stride=2, padding=1)

    def forward(self, x):
        y = torch.relu(self.c2(torch.relu(self.c1(x))))
        return torch.sigmoid(y.mean(dim=(1, 2, 3)) * 4.0 - 1.0)


class TwoInput(torch.nn.Module):
    """An LPIPS-like distance: mean |f(x) - f(gt)| of conv features weighted by a map computed from gt
    alone (so swapping x and gt changes it, but d(gt, gt) = 0), (N, 1, 1, 1) as LPIPS returns, preceded
    by an auxiliary output (N, 5) so the score is output number 1."""

    def __init__(self):
        super().__init__()
        self.f = torch.nn.Conv2d(3, 6, 3, padding=1)
        self.g = torch.nn.Conv2d(3, 1, 3, padding=1)

    def forward(self, x, gt):
        w = torch.sigmoid(4.0 * self.g(gt))
        d = ((torch.tanh(self.f(x)) - torch.tanh(self.f(gt))).abs() * w).mean(dim=(1, 2, 3), keepdim=True)
        aux = x.mean(dim=(2, 3)).repeat(1, 2)[:, :5]
        return aux, d


class BatchMean(torch.nn.Module):
    """A broken scorer: one number for the whole batch."""

    def forward(self, x):
        return x.mean().reshape(1)


class WideOutput(torch.nn.Module):
    """A broken scorer: two numbers per image."""

    def forward(self, x):
        return x.mean(dim=(2, 3))[:, :2]


def preprocess(x, case):
    size = case["size"]
    if size[0] > 0:
        x = F.interpolate(x, size=(size[0], size[1]), mode="bilinear", align_corners=False)
    u = x * (case["hi"] - case["lo"]) + case["lo"]
    mean = torch.tensor(case["mean"], dtype=torch.float32).reshape(1, 3, 1, 1)
    std = torch.tensor(case["std"], dtype=torch.float32).reshape(1, 3, 1, 1)
    return (u - mean) / std


def main():
    out_dir, spec = sys.argv[1], json.loads(sys.argv[2])
    n, h, w = spec["n"], spec["h"], spec["w"]
    x = torch.from_numpy(np.fromfile(f"{out_dir}/x.f32", dtype="<f4").reshape(n, 3, h, w).copy())
    gt = torch.from_numpy(np.fromfile(f"{out_dir}/gt.f32", dtype="<f4").reshape(n, 3, h, w).copy())

    torch.manual_seed(20261126)
    one, two = OneInput().eval(), TwoInput().eval()
    example = torch.rand(2, 3, 32, 32)
    torch.jit.trace(one, example).save(f"{out_dir}/one_input.pt")
    torch.jit.trace(two, (example, example)).save(f"{out_dir}/two_input.pt")
    torch.jit.trace(BatchMean(), example).save(f"{out_dir}/batch_mean.pt")
    torch.jit.trace(WideOutput(), example).save(f"{out_dir}/wide_output.pt")

    onnx_ok, onnx_error = True, ""
    try:
        dyn = {0: "n", 2: "h", 3: "w"}
        torch.onnx.export(one, example, f"{out_dir}/one_input.onnx", input_names=["x"], output_names=["score"],
                          dynamic_axes={"x": dyn, "score": {0: "n"}}, opset_version=13)
        torch.onnx.export(two, (example, example), f"{out_dir}/two_input.onnx", input_names=["x", "gt"],
                          output_names=["aux", "distance"],
                          dynamic_axes={"x": dyn, "gt": dyn, "aux": {0: "n"}, "distance": {0: "n"}},
                          opset_version=13)
    except Exception as e:  # the exporter is optional in Debian's build; the Java test then skips ONNX
        onnx_ok, onnx_error = False, f"{type(e).__name__}: {e}"

    scores = {}
    with torch.no_grad():
        for name, case in spec["cases"].items():
            px, pgt = preprocess(x, case), preprocess(gt, case)
            scores[name] = {
                "one_input": one(px).double().tolist(),
                "two_input": two(px, pgt)[1].reshape(-1).double().tolist(),
            }
    with open(f"{out_dir}/reference.json", "w") as f:
        json.dump({"torch": torch.__version__, "onnx": onnx_ok, "onnx_error": onnx_error, "scores": scores}, f)


if __name__ == "__main__":
    main()
