#!/usr/bin/env bash
# Fetches the pretrained face networks of @vladmandic/face-api (MIT) from the npm registry into a
# cache folder, never into git. Idempotent: does nothing when the weights are already there.
#
#   scripts/fetch-face-models.sh            -> <repo>/.cache/face-api/{model,demo}
#   LRPO_FACE_MODELS=/some/dir scripts/...  -> /some/dir/{model,demo}
#
# The Java side (org.lrpo.rewards.faces.FaceModelFiles) looks in the same place.
set -euo pipefail

VERSION="1.7.15"
# The registry's dist.integrity of that version (npm view @vladmandic/face-api@1.7.15 dist.integrity): the
# tarball is checked against it, so a replaced package or a tampering mirror fails here, not in a model.
INTEGRITY="sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw=="
PACKAGE="@vladmandic/face-api@${VERSION}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${LRPO_FACE_MODELS:-${REPO_ROOT}/.cache/face-api}"
MARKER="${DEST}/.face-api-${VERSION}"

if [[ -f "${MARKER}" && -f "${DEST}/model/face_recognition_model-weights_manifest.json" ]]; then
  echo "face-api ${VERSION} weights already in ${DEST}"
  exit 0
fi

command -v npm >/dev/null || { echo "npm not found: install Node.js 20 (apt-get install nodejs npm)" >&2; exit 1; }

mkdir -p "${DEST}"
WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT
(cd "${WORK}" && npm pack --silent "${PACKAGE}" >/dev/null)
TARBALL="$(ls "${WORK}"/vladmandic-face-api-${VERSION}.tgz)"
# Node comes with npm, so it computes the digest (openssl and xxd are not on every machine).
ACTUAL="$(node -e 'const c = require("crypto"), f = require("fs");
  console.log("sha512-" + c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "${TARBALL}")"
if [[ "${ACTUAL}" != "${INTEGRITY}" ]]; then
  echo "face-api ${VERSION}: the tarball's integrity ${ACTUAL} is not the pinned ${INTEGRITY}; refusing it" >&2
  exit 1
fi
tar -xzf "${TARBALL}" -C "${WORK}" package/model package/demo
rm -rf "${DEST}/model" "${DEST}/demo"
mv "${WORK}/package/model" "${DEST}/model"
mv "${WORK}/package/demo" "${DEST}/demo"
touch "${MARKER}"
echo "face-api ${VERSION} weights fetched into ${DEST}"
