#!/usr/bin/env bash
# Policy network benchmark (BENCHMARKS.md, "Policy network (lrpo-core)"): runs PolicyBenchmark, which
# times the DJL policy and then its PyTorch eager port (lrpo-core/src/test/python/policy_torch_bench.py)
# in the same run, RUNS times for each thread count, and prints the medians over runs.
#
#   scripts/bench-policy.sh [RUNS=3] [THREADS="1 2"] [extra PolicyBenchmark args, e.g. repeats=10 K=0]
#
# Needs Debian's /usr/bin/python3 with python3-torch. Compiles lrpo-core's tests offline first.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
THREADS=${2:-"1 2"}
shift $(( $# > 2 ? 2 : $# )) || true
EXTRA=("$@")
[ ${#EXTRA[@]} -eq 0 ] && EXTRA=(repeats=10 K=0)
./mvnw -B -o -q -pl lrpo-core test-compile
./mvnw -B -o -q -pl lrpo-core dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
CP="lrpo-core/target/test-classes:lrpo-core/target/classes:$(cat lrpo-core/target/cp.txt)"
OUT=$(mktemp -d)
for run in $(seq 1 "$RUNS"); do
  for n in $THREADS; do
    echo "== run $run, $n thread(s), $(uptime)" >&2
    OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -DDJL_CACHE_DIR="$PWD/.cache/djl" \
      -Dai.djl.pytorch.num_threads="$n" -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" \
      org.lrpo.core.model.PolicyBenchmark "${EXTRA[@]}" 2>&1 | grep -v ' DEBUG \| WARN \|Warning:' \
      | tee "$OUT/run$run-t$n.log" | grep -v '^RESULT' >&2
    grep '^RESULT ' "$OUT/run$run-t$n.log" | sed 's/^RESULT //' >> "$OUT/t$n.jsonl"
  done
done
for n in $THREADS; do
  /usr/bin/python3 - "$OUT/t$n.jsonl" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
med = lambda f: statistics.median(f(r) for r in runs)
t = runs[0]["threads"]
print("\n%s thread(s), %d runs; load averages (1 min) at the runs' starts: %s" % (
    t, len(runs), ", ".join(r["load_start"].split()[0] for r in runs)))
print("%-22s %10s %10s %16s" % ("median over runs", "DJL", "PyTorch", "DJL/PyTorch time"))
for key, label in [("forward_ms", "forward ms (G=9)"), ("forward_backward_ms", "fwd+bwd ms"),
                   ("supervised_step_ms", "Pretrainer step ms"), ("matmul_ms", "matmul ms")]:
    print("%-22s %10.1f %10.1f %16.2f" % (label, med(lambda r: r[key]), med(lambda r: r["torch"][key]),
                                         med(lambda r: r["djl_over_torch_time"][key])))
print("%-22s %10.1f %10.1f" % ("forward passes/s", med(lambda r: 1000 / r["forward_ms"]),
                                med(lambda r: 1000 / r["torch"]["forward_ms"])))
print("%-22s %10.1f %10.1f" % ("UNet GFLOP/s", med(lambda r: r["unet_gflops"]), med(lambda r: r["torch"]["unet_gflops"])))
print("%-22s %10.1f %10.1f" % ("matmul GFLOP/s", med(lambda r: r["matmul_gflops"]),
                                med(lambda r: r["torch"]["matmul_gflops"])))
print("%-22s %10.2f %10.2f" % ("UNet/matmul FLOP/s", med(lambda r: r["unet_gflops"] / r["matmul_gflops"]),
                                med(lambda r: r["torch"]["unet_gflops"] / r["torch"]["matmul_gflops"])))
print("forward FLOPs %d, parameters %d, NDArrays per DJL forward %d, max |eps diff| %.1e, max |grad diff| %.1e" % (
    runs[0]["forward_flops"], runs[0]["parameters"], runs[0]["ops_per_forward"],
    max(r["torch"]["forward_max_abs_diff"] for r in runs), max(r["torch"]["gradient_max_abs_diff"] for r in runs)))
PY
done
echo "logs in $OUT" >&2
