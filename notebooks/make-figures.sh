#!/usr/bin/env bash
# Regenerates notebooks/figures/*.png, the figures a reader of the repository sees without
# running anything: a small ablation run and a small nightly-style sweep (5,000 paths, 60 s
# steps) in a temporary output root, then every notebook executed on them by jobs/report.sh.
# The ablation runs first, so the sweep is the newest run and notebook 01 explores it.
#
#   notebooks/make-figures.sh          # about 2 minutes on 2 cores; needs notebooks/.venv
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
jobs/margincall sweep --conf conf/ablation.conf --set run.paths=5000 --set time.step=60 \
  --out "$out" --progress-seconds 0
jobs/margincall sweep --conf conf/nightly-sweep.conf --set run.paths=5000 --set time.step=60 \
  --out "$out" --job nightly --target 'P(bad debt) <= 0.01' --progress-seconds 0
rm -f notebooks/figures/*.png
jobs/report.sh --figures notebooks/figures "$out" "$out/report.html"
ls -l notebooks/figures
