#!/usr/bin/env bash
# Runs the face-api reference (lrpo-rewards/src/test/node/face-api-reference.js) under Node 20.
#
#   scripts/face-api-reference.sh <inputs.json> <output.json> [--backend wasm|cpu]
#
# Installs the pinned npm packages (package-lock.json) into lrpo-rewards/src/test/node/node_modules on
# first use; later runs need no network. The Java conformance tests (org.lrpo.rewards.faces) call this
# script themselves; the face-api weights must be fetched first (scripts/fetch-face-models.sh).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_DIR="${REPO_ROOT}/lrpo-rewards/src/test/node"

command -v node >/dev/null || { echo "node not found: install Node.js 20 (apt-get install nodejs npm)" >&2; exit 1; }

if [[ ! -f "${NODE_DIR}/node_modules/@vladmandic/face-api/package.json" \
   || ! -f "${NODE_DIR}/node_modules/@tensorflow/tfjs-backend-wasm/package.json" ]]; then
  command -v npm >/dev/null || { echo "npm not found: install Node.js 20 with npm" >&2; exit 1; }
  (cd "${NODE_DIR}" && npm ci --no-audit --no-fund --prefer-offline >&2)
fi

exec node "${NODE_DIR}/face-api-reference.js" "$@"
