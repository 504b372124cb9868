"""PyTorch eager port of the lrpo-core policy network, for the benchmark in BENCHMARKS.md.

The modules below mirror org.lrpo.core.model layer for layer (ControlledUNet = BaseUNet + ControlBranch;
UNetEncoder, UNetDecoder, ResBlock, TimestepEmbedding, Downsample, Upsample), with the same attribute
names, so a parameter "base.encoder.l0res0.norm1.gamma" of the Java network is the state-dict entry
"base.encoder.l0res0.norm1.weight" here (GroupNorm's gamma/beta are torch's weight/bias). It is written
the way a PyTorch user would write it (nn.GroupNorm, F.silu, F.interpolate), so the timings are those of
idiomatic PyTorch eager, not of a transliteration of the Java ops.

  policy_torch_bench.py [--weights W.safetensors --io IO.safetensors] [--threads N] [--batch 9]
                        [--resolution 64] [--repeats 20] [--matmul 1024] [--profile] [--trace T.json] [--serve]
  policy_torch_bench.py --blas-report [--threads N]

--weights / --io: files written by PolicyBenchmark (SafetensorsWriter): the Java policy's weights, and
the input (io.xt, io.t, io.lq), the Java output io.eps of the no-grad forward, and the gradients grad.NAME
of loss = mean(eps^2). With them the script loads the Java weights, checks the output and the gradients
agree, then times; without them it times its own randomly initialised copy. The last stdout line is a
JSON object with every figure. With --serve (what PolicyBenchmark uses) the JSON comes first and the
script then times one body per request on stdin ("forward", "forward_backward", "supervised_step",
"matmul"; "quit"), so the caller can alternate DJL and PyTorch repetitions under the same machine load.

--resolution: the images' height = width (the network's parameters do not depend on it); with --io it
must match the Java input's. --blas-report prints the runtime facts below as JSON and exits.

Which BLAS Debian's torch 1.13 calls is decided by the libblas.so.3 alternative, not by torch (issue 16):
the reference (netlib) BLAS makes its matmuls and 1x1 convolutions several times slower. So every run
reads /proc/self/maps after `import torch` and refuses to time on the reference BLAS; and because
torch.set_num_threads does not reach OpenBLAS's own thread pool, it refuses when OpenBLAS would use a
different thread count than --threads (set OPENBLAS_NUM_THREADS). The facts go into the JSON ("runtime").

Needs Debian's /usr/bin/python3 (python3-torch, python3-numpy); set OMP_WAIT_POLICY=PASSIVE as for DJL, and
OPENBLAS_NUM_THREADS / OMP_NUM_THREADS to the thread count (scripts/bench-policy.sh does).
"""
import argparse
import ctypes
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_reference  # noqa: E402  (the repository's independent safetensors reader)

# PolicyConfig.defaults(): the 64x64 policy; --resolution changes only the image size.
DEFAULT_CONFIG = dict(resolution=64, image_channels=3, base_channels=32, channel_multipliers=(1, 2, 2),
                      res_blocks_per_level=1, groups=8, time_dim=128)
DEFAULT_PARAMETER_COUNT = 1_495_779
GN_EPS = 1e-5  # GroupNorm.EPSILON
# Debian's netlib reference BLAS, one of the libblas.so.3 alternatives (/usr/lib/x86_64-linux-gnu/blas/).
REFERENCE_BLAS = re.compile(r"/blas/libblas\.so")
# Environment that decides the BLAS/OpenMP thread counts and which vector kernels libtorch dispatches to.
RUNTIME_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OMP_WAIT_POLICY",
               "ATEN_CPU_CAPABILITY")


def runtime_facts():
    """What this process's torch actually runs on: mapped BLAS/OpenMP/oneDNN objects, OpenBLAS's build and
    thread count, torch's build configuration, versions and thread environment."""
    mapped = set()
    with open("/proc/self/maps") as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 6 and re.search(r"blas|lapack|mkl|gomp|omp5|dnnl", os.path.basename(fields[-1])):
                mapped.add(fields[-1])
    facts = {"python": platform.python_version(), "torch_version": torch.__version__,
             "numpy_version": np.__version__, "mapped_libraries": sorted(mapped),
             "reference_blas": sorted(m for m in mapped if REFERENCE_BLAS.search(m)),
             "debian_package": debian_version("python3-torch"),
             "env": {k: os.environ.get(k) for k in RUNTIME_ENV}}
    # libopenblas is mapped even on the reference BLAS (other dependencies pull it in), so its presence
    # alone says nothing; reference_blas above is the test. Its config and thread count are still worth
    # having: the thread count is the one torch.set_num_threads cannot change.
    if any("openblas" in os.path.basename(m) for m in mapped):
        ob = ctypes.CDLL("libopenblas.so.0")
        ob.openblas_get_config.restype = ctypes.c_char_p
        ob.openblas_get_corename.restype = ctypes.c_char_p
        facts["openblas"] = {"config": ob.openblas_get_config().decode(),
                             "core": ob.openblas_get_corename().decode(),
                             "threads": ob.openblas_get_num_threads()}
    show = torch.__config__.show()
    keep = ("BLAS_INFO", "LAPACK_INFO", "USE_MKLDNN", "USE_OPENMP", "TORCH_VERSION")
    facts["torch_config"] = [line.strip(" -") for line in show.splitlines()
                             if line.strip() and "Build settings" not in line and "PyTorch built with" not in line]
    facts["torch_build_settings"] = {k: v for k, v in re.findall(r"(\w+)=([^,\s]*)", show) if k in keep}
    capability = re.search(r"CPU capability usage: (\S+)", show)
    facts["cpu_capability"] = capability.group(1) if capability else None
    facts["torch_parallel"] = [line.strip() for line in torch.__config__.parallel_info().splitlines()
                               if "backend" in line or "get_num_threads" in line or "omp_get_max_threads" in line]
    return facts


def debian_version(package):
    """torch.__version__ says 1.13.0a0 for Debian's 1.13.1 build; the package version is exact."""
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True,
                              check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def check_runtime(facts, threads):
    """Refuses to time on a setup that would make the comparison dishonest (issue 16)."""
    if facts["reference_blas"]:
        raise SystemExit(
            "policy_torch_bench.py: torch is running on the reference (netlib) BLAS %s, several times slower "
            "than OpenBLAS; timings would not be PyTorch's. Install libopenblas0-pthread and select it: "
            "update-alternatives --set libblas.so.3-x86_64-linux-gnu "
            "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 (and check LD_LIBRARY_PATH)."
            % ", ".join(facts["reference_blas"]))
    ob = facts.get("openblas")
    if threads > 0 and ob and ob["threads"] != threads:
        raise SystemExit(
            "policy_torch_bench.py: OpenBLAS would use %d thread(s) but the run is for %d (torch.set_num_threads "
            "does not reach OpenBLAS); set OPENBLAS_NUM_THREADS=%d (OPENBLAS_NUM_THREADS=%s now)."
            % (ob["threads"], threads, threads, facts["env"]["OPENBLAS_NUM_THREADS"] or "unset"))


class TimestepEmbedding(nn.Module):
    """[cos(t f_i), sin(t f_i)] with f_i = 10000^(-i/h), then Linear, SiLU, Linear."""

    def __init__(self, dim):
        super().__init__()
        half = dim // 2
        # As the Java code: frequencies in double precision, then rounded to float32.
        freqs = [math.exp(-math.log(10000.0) * i / half) for i in range(half)]
        self.register_buffer("freqs", torch.tensor(freqs, dtype=torch.float32).reshape(1, half), persistent=False)
        self.linear1 = nn.Linear(dim, dim)
        self.linear2 = nn.Linear(dim, dim)

    def forward(self, t):
        args = t.float().reshape(-1, 1) * self.freqs
        e = torch.cat([args.cos(), args.sin()], dim=1)
        return self.linear2(F.silu(self.linear1(e)))


class ResBlock(nn.Module):
    """skip(x) + conv2(SiLU(GN2(conv1(SiLU(GN1(x))) + W_t SiLU(temb))))."""

    def __init__(self, cin, cout, groups, time_dim):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, cin, eps=GN_EPS)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.time = nn.Linear(time_dim, cout)
        self.norm2 = nn.GroupNorm(groups, cout, eps=GN_EPS)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, temb):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.time(F.silu(temb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return h + (x if self.skip is None else self.skip(x))


class Downsample(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, stride=2, padding=1)

    def forward(self, x):
        return self.conv(x)


class Upsample(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2, mode="nearest"))


def encoder_output_channels(c):
    out = [c["base_channels"]]
    for level, mult in enumerate(c["channel_multipliers"]):
        out += [c["base_channels"] * mult] * c["res_blocks_per_level"]
        if level < len(c["channel_multipliers"]) - 1:
            out.append(c["base_channels"] * mult)
    out.append(c["base_channels"] * c["channel_multipliers"][-1])
    return out


class UNetEncoder(nn.Module):
    """Stem, per level resBlocksPerLevel ResBlocks and a Downsample (not after the last), two middle
    ResBlocks; returns every stage's output then the middle's."""

    def __init__(self, c, in_channels):
        super().__init__()
        self.stage_names = []
        ch = c["base_channels"]
        self._stage("stem", nn.Conv2d(in_channels, ch, 3, padding=1))
        levels = len(c["channel_multipliers"])
        for level in range(levels):
            out = c["base_channels"] * c["channel_multipliers"][level]
            for r in range(c["res_blocks_per_level"]):
                self._stage("l%dres%d" % (level, r), ResBlock(ch, out, c["groups"], c["time_dim"]))
                ch = out
            if level < levels - 1:
                self._stage("l%ddown" % level, Downsample(ch))
        self.mid1 = ResBlock(ch, ch, c["groups"], c["time_dim"])
        self.mid2 = ResBlock(ch, ch, c["groups"], c["time_dim"])

    def _stage(self, name, module):
        setattr(self, name, module)
        self.stage_names.append(name)

    def forward(self, x, temb):
        outputs = []
        h = x
        for name in self.stage_names:
            stage = getattr(self, name)
            h = stage(h, temb) if isinstance(stage, ResBlock) else stage(h)
            outputs.append(h)
        h = self.mid2(self.mid1(h, temb), temb)
        outputs.append(h)
        return outputs


class UNetDecoder(nn.Module):
    """Per level (top-down) resBlocksPerLevel + 1 ResBlocks over concat(h, last unused skip), an Upsample
    except at level 0; then GroupNorm, SiLU, 3x3 conv to the image channels."""

    def __init__(self, c):
        super().__init__()
        skips = encoder_output_channels(c)
        next_skip = len(skips) - 2
        levels = len(c["channel_multipliers"])
        ch = c["base_channels"] * c["channel_multipliers"][-1]
        self.stage_names = []
        for level in range(levels - 1, -1, -1):
            out = c["base_channels"] * c["channel_multipliers"][level]
            for r in range(c["res_blocks_per_level"] + 1):
                cin = ch + skips[next_skip]
                next_skip -= 1
                self._stage("l%dres%d" % (level, r), ResBlock(cin, out, c["groups"], c["time_dim"]))
                ch = out
            if level > 0:
                self._stage("l%dup" % level, Upsample(ch))
        assert next_skip == -1
        self.outNorm = nn.GroupNorm(c["groups"], ch, eps=GN_EPS)
        self.outConv = nn.Conv2d(ch, c["image_channels"], 3, padding=1)

    def _stage(self, name, module):
        setattr(self, name, module)
        self.stage_names.append(name)

    def forward(self, features, temb):
        h = features[-1]
        next_skip = len(features) - 2
        for name in self.stage_names:
            stage = getattr(self, name)
            if isinstance(stage, ResBlock):
                h = stage(torch.cat([h, features[next_skip]], dim=1), temb)
                next_skip -= 1
            else:
                h = stage(h)
        return self.outConv(F.silu(self.outNorm(h)))


class BaseUNet(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.time = TimestepEmbedding(c["time_dim"])
        self.encoder = UNetEncoder(c, c["image_channels"])
        self.decoder = UNetDecoder(c)


class ControlBranch(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.time = TimestepEmbedding(c["time_dim"])
        self.encoder = UNetEncoder(c, 2 * c["image_channels"])
        self.zero_names = []
        for i, ch in enumerate(encoder_output_channels(c)):
            setattr(self, "zero%d" % i, nn.Conv2d(ch, ch, 1))
            self.zero_names.append("zero%d" % i)

    def forward(self, x, t, lq):
        temb = self.time(t)
        features = self.encoder(torch.cat([x, lq], dim=1), temb)
        return [getattr(self, z)(f) for z, f in zip(self.zero_names, features)]


class ControlledUNet(nn.Module):
    """eps_theta(x_t, t, c): the base UNet with the control branch's residuals added to its skips and middle."""

    def __init__(self, c):
        super().__init__()
        self.base = BaseUNet(c)
        self.control = ControlBranch(c)

    def forward(self, x, t, lq):
        if lq.shape[0] == 1 and x.shape[0] > 1:
            lq = lq.expand(x.shape[0], -1, -1, -1)
        temb = self.base.time(t)
        features = self.base.encoder(x, temb)
        residuals = self.control(x, t, lq)
        features = [f + r for f, r in zip(features, residuals)]
        return self.base.decoder(features, temb)


def torch_name(java_name):
    """The Java ParameterSet name of a tensor -> this module's state-dict key."""
    if java_name.endswith(".gamma"):
        return java_name[: -len("gamma")] + "weight"
    if java_name.endswith(".beta"):
        return java_name[: -len("beta")] + "bias"
    return java_name


def read_tensors(path):
    return {name: torch.tensor(info["values"], dtype=torch.float32).reshape(info["shape"])
            for name, info in safetensors_reference.read(path)["tensors"].items()}


def load_java_weights(model, path):
    weights = read_tensors(path)
    state = model.state_dict()
    mapped = {torch_name(n): v for n, v in weights.items()}
    missing = sorted(set(state) - set(mapped))
    extra = sorted(set(mapped) - set(state))
    if missing or extra:
        raise SystemExit("Java and torch parameter names differ: missing %s, extra %s" % (missing, extra))
    for k, v in mapped.items():
        if tuple(state[k].shape) != tuple(v.shape):
            raise SystemExit("%s: Java shape %s, torch shape %s" % (k, tuple(v.shape), tuple(state[k].shape)))
    model.load_state_dict(mapped, strict=True)
    return sum(v.numel() for v in weights.values())


def count_flops(model, x, t, lq):
    """Multiply-adds x 2 of every Conv2d and Linear, from the shapes they actually see (forward hooks)."""
    total = {"conv": 0, "linear": 0}

    def conv_hook(m, inputs, out):
        k = m.kernel_size[0] * m.kernel_size[1]
        total["conv"] += 2 * (m.in_channels // m.groups) * k * out.numel()

    def linear_hook(m, inputs, out):
        total["linear"] += 2 * m.in_features * out.numel()

    handles = []
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            handles.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            handles.append(m.register_forward_hook(linear_hook))
    with torch.no_grad():
        model(x, t, lq)
    for h in handles:
        h.remove()
    return total["conv"] + total["linear"]


def timed(fn, warmup, repeats):
    for _ in range(warmup):
        fn()
    ms = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - start) * 1e3)
    return statistics.median(ms), min(ms)


def alpha_bar_sd(steps=1000, beta_start=0.00085, beta_end=0.012):
    """Stable Diffusion's scaled-linear schedule (NoiseSchedule.stableDiffusion())."""
    betas = np.linspace(beta_start ** 0.5, beta_end ** 0.5, steps, dtype=np.float64) ** 2
    return torch.tensor(np.cumprod(1.0 - betas), dtype=torch.float64)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights")
    ap.add_argument("--io")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=9)
    ap.add_argument("--resolution", type=int, default=DEFAULT_CONFIG["resolution"])
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--matmul", type=int, default=1024)
    ap.add_argument("--profile", action="store_true", help="print torch's per-op profile of one forward")
    ap.add_argument("--trace", help="write libtorch's chrome trace of one no-grad forward here")
    ap.add_argument("--serve", action="store_true",
                    help="after the checks, print the JSON, then time one named body per stdin line")
    ap.add_argument("--blas-report", action="store_true",
                    help="print which BLAS, OpenMP and torch build this process runs on, check them, exit")
    args = ap.parse_args()

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    facts = runtime_facts()
    if args.blas_report:
        print(json.dumps(facts))
    check_runtime(facts, args.threads)
    if args.blas_report:
        return
    torch.manual_seed(0)
    c = dict(DEFAULT_CONFIG, resolution=args.resolution)
    model = ControlledUNet(c)
    count = sum(p.numel() for p in model.parameters())
    assert count == DEFAULT_PARAMETER_COUNT, "torch port has %d parameters, Java has %d" % (
        count, DEFAULT_PARAMETER_COUNT)
    result = {"torch_version": torch.__version__, "threads": torch.get_num_threads(),
              "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"), "parameters": count,
              "resolution": c["resolution"], "runtime": facts}
    r = c["resolution"]
    b = args.batch

    if args.weights:
        result["java_parameters"] = load_java_weights(model, args.weights)
    if args.io:
        io = read_tensors(args.io)
        x, t, lq = io["io.xt"], io["io.t"], io["io.lq"]
        if tuple(x.shape[2:]) != (r, r):
            # The training step draws its own r x r images, so a mismatch would time two sizes at once.
            raise SystemExit("--resolution %d but the Java input io.xt is %s" % (r, tuple(x.shape)))
        with torch.no_grad():
            eps = model(x, t, lq)
        result["forward_max_abs_diff"] = float((eps - io["io.eps"]).abs().max())
        result["forward_max_abs"] = float(io["io.eps"].abs().max())
        model.zero_grad(set_to_none=True)
        model(x, t, lq).square().mean().backward()
        worst, worst_rel, n = 0.0, 0.0, 0
        for name, g in io.items():
            if not name.startswith("grad."):
                continue
            mine = dict(model.named_parameters())[torch_name(name[len("grad."):])].grad
            d = float((mine - g).abs().max())
            scale = float(g.abs().max())
            worst = max(worst, d)
            worst_rel = max(worst_rel, d / scale if scale > 0 else d)
            n += 1
        result.update(gradient_tensors=n, gradient_max_abs_diff=worst, gradient_max_rel_diff=worst_rel)
        model.zero_grad(set_to_none=True)
        b = x.shape[0]
    else:
        x = torch.randn(b, c["image_channels"], r, r)
        t = torch.full((b,), 501.0)
        lq = x[0:1].clone()

    flops = count_flops(model, x, t, lq)
    result["forward_flops"] = flops
    result["batch"] = b

    def forward():
        with torch.no_grad():
            model(x, t, lq)

    def forward_backward():
        model(x, t, lq).square().mean().backward()
        model.zero_grad(set_to_none=True)

    # METHOD 7 step as Pretrainer runs it: draws, x_t, loss sum, backward, mean gradient, clip 1.0, AdamW
    # (lr 2e-4, no decay on biases/norms -- weight decay 0 by default anyway), EMA 0.999.
    abar = alpha_bar_sd()
    gt = torch.rand(b, c["image_channels"], r, r) * 2 - 1
    lq_batch = torch.rand(b, c["image_channels"], r, r) * 2 - 1
    params = [p for p in model.parameters()]
    opt = torch.optim.AdamW(params, lr=2e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
    shadow = [p.detach().clone() for p in params]

    def supervised_step():
        ts = torch.randint(0, 1000, (b,))
        noise = torch.randn(b, c["image_channels"], r, r)
        a = abar[ts].float().reshape(b, 1, 1, 1)
        xt = a.sqrt() * gt + (1 - a).sqrt() * noise
        opt.zero_grad(set_to_none=True)
        loss = (model(xt, ts.float(), lq_batch) - noise).square().reshape(b, -1).mean(1).sum()
        (loss / b).backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        with torch.no_grad():
            for s_, p in zip(shadow, params):
                s_.mul_(0.999).add_(p, alpha=0.001)

    n = args.matmul
    ma, mb = torch.randn(n, n), torch.randn(n, n)

    def matmul():
        torch.mm(ma, mb)

    bodies = {"forward": forward, "forward_backward": forward_backward, "supervised_step": supervised_step,
              "matmul": matmul}
    result["matmul_n"] = n

    if args.serve:
        # Interleaved timing: the caller sends one body name per line, we run it once and answer its
        # milliseconds, so both engines are timed under the same machine load.
        print(json.dumps(result), flush=True)
        for line in sys.stdin:
            name = line.strip()
            if name == "quit":
                break
            start = time.perf_counter()
            bodies[name]()
            print("%.6f" % ((time.perf_counter() - start) * 1e3), flush=True)
        return

    fwd_ms, fwd_min = timed(forward, 3, args.repeats)
    fb_ms, fb_min = timed(forward_backward, 2, max(3, args.repeats // 2))
    step_ms, step_min = timed(supervised_step, 2, max(3, args.repeats // 2))
    mm_ms, mm_min = timed(matmul, 3, args.repeats)

    result.update(forward_ms=fwd_ms, forward_min_ms=fwd_min, forward_backward_ms=fb_ms,
                  forward_backward_min_ms=fb_min, supervised_step_ms=step_ms, supervised_step_min_ms=step_min,
                  matmul_ms=mm_ms, matmul_min_ms=mm_min,
                  unet_gflops=flops / fwd_ms / 1e6, matmul_gflops=2 * n ** 3 / mm_ms / 1e6)

    if args.trace:
        with torch.autograd.profiler.profile() as prof:
            forward()
        prof.export_chrome_trace(args.trace)
    if args.profile:
        with torch.autograd.profiler.profile() as prof:
            forward()
        print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=15), file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
