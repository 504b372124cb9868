#!/usr/bin/env bash
# Spark GPU resource discovery (spark.{driver,executor}.resource.gpu.discoveryScript).
# Prints {"name": "gpu", "addresses": ["0", "1", ...]} for the GPUs nvidia-smi lists.
# LRPO_FAKE_GPU_ADDRESSES="0,1" reports those addresses instead: the tests use it on CPU machines
# to exercise Spark's assignment path and the device fallback rules.
set -euo pipefail
if [[ -n "${LRPO_FAKE_GPU_ADDRESSES:-}" ]]; then
  ids="$LRPO_FAKE_GPU_ADDRESSES"
elif command -v nvidia-smi >/dev/null 2>&1; then
  ids=$(nvidia-smi --query-gpu=index --format=csv,noheader | tr -d ' ' | paste -sd, -)
else
  ids=""
fi
json=""
IFS=',' read -ra arr <<< "$ids"
for id in "${arr[@]}"; do
  [[ -z "$id" ]] && continue
  json+="${json:+, }\"$id\""
done
echo "{\"name\": \"gpu\", \"addresses\": [$json]}"
