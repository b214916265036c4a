#!/usr/bin/env bash
# Executes the analyst notebooks (notebooks/NN-*.ipynb) against an output root and writes one
# self-contained HTML report (figures embedded, no scripts, opens offline).
#
#   jobs/report.sh [--notebooks "01 02 03"] [--figures DIR] [--executed DIR] [--with-code]
#                  RUN_DIR [OUT_HTML]
#
# RUN_DIR   an output root (the --out of runs); each notebook reads the newest complete run of
#           the kind it needs there, or the run MARGINCALL_RUN_ID names (environment).
# OUT_HTML  default RUN_DIR/reports/report-<UTC time>.html
# --notebooks  which notebooks, by number (default: all); --with-code  show the code cells;
# --figures DIR  also write every figure as DIR/<NN>-<name>.png (how notebooks/figures/ is made);
# --executed DIR keep the executed notebooks there (default: a temporary directory).
#
# Python: $MARGINCALL_NOTEBOOK_PYTHON if set, else notebooks/.venv/bin/python, with the packages
# of notebooks/requirements.txt. Set up once (see notebooks/README.md):
#   python3 -m venv notebooks/.venv && notebooks/.venv/bin/pip install --retries 0 -r notebooks/requirements.txt
# Exit codes: 0 ok; 1 a notebook failed (its error is printed); 2 bad usage; 3 no notebook Python
# (reporting not installed: jobs/nightly-sweep.sh logs it and carries on).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
notebooks=""
figures=""
executed=""
with_code=()
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --notebooks) notebooks="$2"; shift 2 ;;
    --figures) figures="$2"; shift 2 ;;
    --executed) executed="$2"; shift 2 ;;
    --with-code) with_code=(--with-code); shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "report: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
if [[ ${#args[@]} -lt 1 || ${#args[@]} -gt 2 ]]; then
  echo "report: usage: jobs/report.sh [options] RUN_DIR [OUT_HTML] (see --help)" >&2
  exit 2
fi
run_dir="${args[0]}"
if [[ ! -d "$run_dir" ]]; then
  echo "report: $run_dir: not a directory (the output root of a run, on a local or mounted file system)" >&2
  exit 2
fi
run_dir="$(cd "$run_dir" && pwd)"
out_html="${args[1]:-$run_dir/reports/report-$(date -u +%Y%m%dT%H%M%SZ).html}"

py="${MARGINCALL_NOTEBOOK_PYTHON:-$ROOT/notebooks/.venv/bin/python}"
if [[ ! -x "$py" ]] || ! "$py" -c 'import nbclient, nbconvert, ipykernel, pandas, pyarrow, matplotlib' 2>/dev/null; then
  echo "report: no notebook Python: $py is missing or lacks the packages of notebooks/requirements.txt" >&2
  echo "report: set it up: python3 -m venv notebooks/.venv && notebooks/.venv/bin/pip install --retries 0 -r notebooks/requirements.txt" >&2
  echo "report:   (or point MARGINCALL_NOTEBOOK_PYTHON at a Python that has them)" >&2
  exit 3
fi

selected=()
if [[ -z "$notebooks" ]]; then
  selected=("$ROOT"/notebooks/[0-9][0-9]-*.ipynb)
else
  for n in $notebooks; do
    match=("$ROOT"/notebooks/"$n"-*.ipynb)
    [[ -f "${match[0]}" ]] || { echo "report: no notebook notebooks/$n-*.ipynb" >&2; exit 2; }
    selected+=("${match[0]}")
  done
fi

tmp=""
if [[ -z "$executed" ]]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  executed="$tmp"
fi
extra=()
[[ -n "$figures" ]] && extra+=(--figures "$figures")
export MARGINCALL_RUN_DIR="$run_dir"
# The kernel runs on loopback TCP; its warning about unencrypted TCP says nothing useful here.
PYTHONWARNINGS=ignore "$py" "$ROOT/notebooks/report.py" --executed "$executed" --html "$out_html" \
  "${extra[@]}" "${with_code[@]}" "${selected[@]}" 2> >(grep -v 'Kernel is running over TCP without encryption' >&2)
