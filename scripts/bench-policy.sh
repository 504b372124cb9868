#!/usr/bin/env bash
# Policy network benchmark (BENCHMARKS.md, "Policy network (lrpo-core)"): runs PolicyBenchmark, which
# times the DJL policy and its PyTorch eager port (lrpo-core/src/test/python/policy_torch_bench.py)
# repetition by repetition, alternating the two, RUNS times for every image size and thread count, and
# prints per (size, threads, figure) the median DJL/PyTorch time ratio of the paired repetitions with its
# quartiles, the medians of each side's times, and where the figures came from.
#
#   scripts/bench-policy.sh [RUNS=3] [THREADS="1 2"] [SIZES="32 64"] [extra PolicyBenchmark args]
#
# The full measurement (issue 16), on a quiet machine, as root so that OpenBLAS can be installed if
# missing (3 runs x 2 sizes x 2 thread counts; roughly a quarter of an hour on 2 cores, estimated):
#
#   scripts/bench-policy.sh 3 "1 2" "32 64" repeats=10 K=0
#
# Extra arguments default to repeats=10 K=0 and override those (repeats >= 10 for a measurement; fewer
# is reported as a smoke run). Needs Debian's /usr/bin/python3 with python3-torch. Compiles lrpo-core's
# tests offline first. Logs, RESULT lines (results.jsonl) and the summary go to $OUT (default: a new
# temporary folder).
#
# Why the environment is pinned (issue 16): Debian's torch 1.13 calls whatever BLAS the libblas.so.3
# alternative selects, and the reference (netlib) BLAS makes PyTorch several times slower in its matmuls
# and 1x1 convolutions, so the script installs OpenBLAS when missing, refuses the reference BLAS, and the
# PyTorch side checks again what it actually mapped. torch.set_num_threads does not limit OpenBLAS's own
# threads, so OPENBLAS_NUM_THREADS (and OMP_NUM_THREADS, MKL_NUM_THREADS for DJL's MKL) are set to the
# thread count under test for both processes.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "bench-policy.sh: $*" >&2; exit 1; }

POSITIONAL=()
EXTRA=()
for arg in "$@"; do
  if [[ $arg == *=* ]]; then
    EXTRA+=("$arg")
  elif [ ${#EXTRA[@]} -eq 0 ] && [ ${#POSITIONAL[@]} -lt 3 ]; then
    POSITIONAL+=("$arg")
  else
    fail "unexpected argument '$arg' (RUNS, THREADS, SIZES come first; then key=value)"
  fi
done
RUNS=${POSITIONAL[0]:-3}
THREADS=${POSITIONAL[1]:-"1 2"}
SIZES=${POSITIONAL[2]:-"32 64"}
for arg in "${EXTRA[@]}"; do
  case "$arg" in
    resolution=*) fail "give image sizes as the third argument (SIZES), not $arg" ;;
    torch=*) fail "$arg: this script exists to compare with PyTorch; run PolicyBenchmark directly" ;;
  esac
done
# Later key=value wins in PolicyBenchmark, so the caller's arguments override these defaults.
ARGS=(repeats=10 K=0 "${EXTRA[@]}")

PY=/usr/bin/python3
TORCH_PY=lrpo-core/src/test/python/policy_torch_bench.py
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"

# --- the PyTorch side's BLAS (issue 16) ---
[ -x "$PY" ] || fail "$PY not found: install Debian's python3 and python3-torch"
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
installed python3-torch || fail "python3-torch is not installed (apt-get install -y python3-torch)"
if ! installed libopenblas0-pthread; then
  [ "$(id -u)" -eq 0 ] || fail "libopenblas0-pthread is missing and installing it needs root:" \
    "apt-get install -y libopenblas0-pthread"
  echo "installing libopenblas0-pthread: without it torch runs on the reference BLAS (issue 16)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y libopenblas0-pthread >&2 \
    || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y libopenblas0-pthread >&2; }
fi
BLAS_ALT=libblas.so.3-x86_64-linux-gnu
BLAS_LINK=$(update-alternatives --query "$BLAS_ALT" 2>/dev/null | sed -n 's/^Value: //p')
case "$BLAS_LINK" in
  */blas/libblas.so*|"")
    fail "the $BLAS_ALT alternative points at '${BLAS_LINK:-nothing}', the reference BLAS, which makes" \
      "PyTorch several times slower. Select OpenBLAS, then rerun:" \
      "update-alternatives --set $BLAS_ALT /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3" \
      "(or update-alternatives --auto $BLAS_ALT)" ;;
esac
echo "libblas.so.3 alternative: $BLAS_LINK" >&2

# Each thread count's environment, for both processes (the PyTorch peer inherits the JVM's).
thread_env() { echo "OPENBLAS_NUM_THREADS=$1 OMP_NUM_THREADS=$1 MKL_NUM_THREADS=$1 OMP_WAIT_POLICY=PASSIVE"; }
# What the PyTorch side maps at run time is what counts (LD_LIBRARY_PATH, LD_PRELOAD or a manual
# alternative can differ from the above); the port fails here, before the build, if it is wrong.
for n in $THREADS; do
  # shellcheck disable=SC2046
  env $(thread_env "$n") "$PY" "$TORCH_PY" --blas-report --threads "$n" > "$OUT/blas-t$n.json" \
    || fail "the PyTorch side's BLAS check failed at $n thread(s) (message above; facts in $OUT/blas-t$n.json)"
done

# --- build, then the runs ---
./mvnw -B -o -q -pl lrpo-core test-compile
./mvnw -B -o -q -pl lrpo-core dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
CP="lrpo-core/target/test-classes:lrpo-core/target/classes:$(cat lrpo-core/target/cp.txt)"
: > "$OUT/results.jsonl"
# Sizes and thread counts inside each run, so that slow drifts of the machine spread over all of them.
for run in $(seq 1 "$RUNS"); do
  for size in $SIZES; do
    for n in $THREADS; do
      log="$OUT/run$run-r$size-t$n.log"
      echo "== run $run/$RUNS, $size px, $n thread(s), $(thread_env "$n"), $(uptime)" >&2
      # shellcheck disable=SC2046
      env $(thread_env "$n") java -Dai.djl.offline=true -DDJL_CACHE_DIR="$PWD/.cache/djl" \
        -Dai.djl.pytorch.num_threads="$n" -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" \
        org.lrpo.core.model.PolicyBenchmark resolution="$size" "${ARGS[@]}" 2>&1 \
        | grep -v ' DEBUG \| WARN \|Warning:' | tee "$log" | grep -v '^RESULT' >&2
      grep '^RESULT ' "$log" | sed 's/^RESULT //' >> "$OUT/results.jsonl" \
        || fail "run $run ($size px, $n threads) printed no RESULT line; see $log"
    done
  done
done

"$PY" - "$OUT/results.jsonl" <<'PY' | tee "$OUT/summary.txt"
import json, sys
from collections import defaultdict

runs = [json.loads(line) for line in open(sys.argv[1])]


def quantile(values, p):
    """Linear interpolation between order statistics (numpy's default; PolicyBenchmark uses the same)."""
    s = sorted(values)
    h = (len(s) - 1) * p
    lo = int(h)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (h - lo) * (s[hi] - s[lo])


def median(values):
    return quantile(values, 0.5)


def once(label, get):
    """A fact every run should share; prints all values if they differ, since then the runs do not compare."""
    values = sorted({json.dumps(get(r), sort_keys=True) for r in runs})
    shown = [json.loads(v) for v in values]
    text = shown[0] if len(shown) == 1 else "DIFFERS BETWEEN RUNS: %s" % shown
    print("%-22s %s" % (label, text))


rt = lambda r: r["torch"]["runtime"]
print("Policy network, DJL vs PyTorch eager (scripts/bench-policy.sh, issue 16)")
repeats = sorted({r["repeats"] for r in runs})
print("%d result(s); %s repetitions per figure per run, DJL and PyTorch alternating; batch G = %s"
      % (len(runs), "/".join(map(str, repeats)), "/".join(sorted({str(r["batch"]) for r in runs}))))
if min(repeats) < 10:
    print("SMOKE RUN: fewer than 10 repetitions per run; these figures are not a measurement")
once("DJL", lambda r: "DJL %s, libtorch %s (features %s), Java %s" % (
    r["djl_version"], r["libtorch_version"], ",".join(r["djl_libtorch_features"]), r["java_version"]))
once("DJL native libraries", lambda r: r["djl_native_libraries"])
once("PyTorch", lambda r: "torch %s (Debian python3-torch %s), Python %s, numpy %s, CPU capability %s, %s" % (
    rt(r)["torch_version"], rt(r)["debian_package"], rt(r)["python"], rt(r)["numpy_version"],
    rt(r)["cpu_capability"], " ".join("%s=%s" % kv for kv in sorted(rt(r)["torch_build_settings"].items()))))
once("PyTorch BLAS", lambda r: "%s, core %s" % (rt(r).get("openblas", {}).get("config", "no OpenBLAS mapped"),
                                               rt(r).get("openblas", {}).get("core")))
once("PyTorch mapped", lambda r: rt(r)["mapped_libraries"])
once("PyTorch build", lambda r: [c for c in rt(r)["torch_config"] if "MKL-DNN" in c or "OpenMP" in c])
once("CPU", lambda r: "%s, %d processors; flags %s; absent %s" % (
    r["cpu_model"], r["processors"], r["cpu_flags"], r["cpu_flags_absent"]))
print("Note: the two sides are different libtorch builds (DJL's %s, Debian's %s): this compares the stacks as"
      " shipped, not one libtorch called two ways." % (runs[0]["libtorch_version"], rt(runs[0])["torch_version"]))

FIGURES = [("forward_ms", "forward, no grad"), ("forward_backward_ms", "forward + backward"),
           ("supervised_step_ms", "Pretrainer step"), ("matmul_ms", "matmul")]
groups = defaultdict(list)
for r in runs:
    groups[(r["resolution"], int(r["threads"]))].append(r)
for (size, threads), rs in sorted(groups.items()):
    env = " ".join("%s=%s" % (k, v) for k, v in rs[0]["env"].items() if v is not None)
    print("\n%d px, %d thread(s), %d run(s); %s; OpenBLAS threads %s, DJL intra-op threads %s" % (
        size, threads, len(rs), env, "/".join(sorted({str(rt(r).get("openblas", {}).get("threads")) for r in rs})),
        "/".join(sorted({str(r["djl_intra_op_threads"]) for r in rs}))))
    print("load average (1 min) at start -> end of each run: %s" % ", ".join(
        "%s -> %s" % (r["load_start"].split()[0], r["load_end"].split()[0]) for r in rs))
    print("%-20s %5s %12s %12s   %s" % ("figure", "pairs", "DJL ms", "PyTorch ms",
                                      "DJL/PyTorch time: median [Q1, Q3] of paired repetitions"))
    for key, label in FIGURES:
        djl = [t for r in rs for t in r["reps"][key]["djl"]]
        pt = [t for r in rs for t in r["reps"][key]["torch"]]
        ratios = [a / b for r in rs for a, b in zip(r["reps"][key]["djl"], r["reps"][key]["torch"])]
        if key == "matmul_ms":
            label = "matmul %d" % rs[0]["matmul_n"]
        print("%-20s %5d %12.1f %12.1f   %.2f [%.2f, %.2f]" % (label, len(ratios), median(djl), median(pt),
                                                             median(ratios), quantile(ratios, 0.25),
                                                             quantile(ratios, 0.75)))
    flops, n = rs[0]["forward_flops"], rs[0]["matmul_n"]
    fwd = lambda side: median([t for r in rs for t in side(r["reps"]["forward_ms"])])
    mm = lambda side: median([t for r in rs for t in side(r["reps"]["matmul_ms"])])
    for name, side in (("DJL", lambda p: p["djl"]), ("PyTorch", lambda p: p["torch"])):
        print("%-8s UNet %.1f GFLOP/s, matmul %.1f GFLOP/s, ratio %.2f (from the median times)" % (
            name, flops / fwd(side) / 1e6, 2.0 * n ** 3 / mm(side) / 1e6,
            (flops / fwd(side)) / (2.0 * n ** 3 / mm(side))))
    print("checks: forward FLOPs %d (Java = torch hooks), parameters %d (Java = torch), NDArrays per DJL forward %d,"
          " max |eps diff| %.1e, max |grad diff| %.1e" % (
              flops, rs[0]["parameters"], rs[0]["ops_per_forward"],
              max(r["torch"]["forward_max_abs_diff"] for r in rs),
              max(r["torch"]["gradient_max_abs_diff"] for r in rs)))
PY
echo "logs, results.jsonl and summary.txt in $OUT" >&2
