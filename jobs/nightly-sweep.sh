#!/usr/bin/env bash
# The scheduled sweep: runs a sweep for one date as job "nightly" and replaces that date's
# earlier nightly run (never an ad hoc one, never another date). Logs to a file; exits non-zero
# if the run fails, so cron and systemd see it.
#
#   jobs/nightly-sweep.sh [--date YYYY-MM-DD] [--conf FILE] [--out DIR] [--log-dir DIR]
#                         [--target EXPR] [--report-dir DIR] [--no-report]
#                         [-- more options for the sweep command]
#
# Defaults: today (UTC), conf/nightly-sweep.conf, ./output, ./logs, target 'P(bad debt) <= 0.01'.
# To run on a cluster instead of the embedded local Spark, set MARGINCALL_SUBMIT, e.g.
#   MARGINCALL_SUBMIT="jobs/submit.sh --master yarn --deploy-mode cluster" jobs/nightly-sweep.sh --out hdfs:///risk/margincall
#
# Report: after a successful run, jobs/report.sh runs notebooks 01 and 02 on this run and writes
# <report-dir>/nightly-sweep-<date>.html (default report-dir: <out>/reports). It uses the Python
# in $MARGINCALL_NOTEBOOK_PYTHON, else notebooks/.venv/bin/python (notebooks/README.md). Without
# one (or with --no-report, or an --out that is not a local directory) the report is skipped and
# logged, and the run still succeeds; a report that breaks fails the nightly (exit 1).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
date="$(date -u +%F)"
conf="$ROOT/conf/nightly-sweep.conf"
out="$ROOT/output"
log_dir="$ROOT/logs"
target='P(bad debt) <= 0.01'
report_dir=""
report=1
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --date) date="$2"; shift 2 ;;
    --conf) conf="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --log-dir) log_dir="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    --report-dir) report_dir="$2"; shift 2 ;;
    --no-report) report=0; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "nightly-sweep: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
  echo "nightly-sweep: --date $date: expected YYYY-MM-DD" >&2
  exit 2
fi

mkdir -p "$log_dir"
log="$log_dir/nightly-sweep-$date.log"
read -r -a runner <<< "${MARGINCALL_SUBMIT:-$ROOT/jobs/margincall}"
{
  echo "nightly-sweep: $(date -u +%FT%TZ) start: date $date, conf $conf, out $out"
  set +e
  "${runner[@]}" sweep --conf "$conf" --out "$out" --run-date "$date" --job nightly --replace \
    --target "$target" "${extra[@]}"
  rc=$?
  set -e
  echo "nightly-sweep: $(date -u +%FT%TZ) end: exit $rc"
} >>"$log" 2>&1
if [[ $rc -ne 0 ]]; then
  echo "nightly-sweep: FAILED (exit $rc) for $date; see $log" >&2
  tail -20 "$log" >&2
  exit "$rc"
fi

# The report, on the run just published (after --replace, the only complete nightly run of the date).
note() { echo "nightly-sweep: $(date -u +%FT%TZ) $*" >>"$log"; echo "nightly-sweep: $*"; }
if [[ $report -eq 0 ]]; then
  note "report skipped (--no-report)"
elif [[ ! -d "$out/summary" ]]; then
  note "report skipped: $out is not a local directory with runs (reporting reads local or mounted output)"
else
  markers=("$out"/summary/run_date="$date"/job=nightly/run_id=*/_COMPLETE)
  if [[ ! -f "${markers[-1]}" ]]; then
    echo "nightly-sweep: the run succeeded but no complete nightly run of $date is in $out/summary" >&2
    exit 1
  fi
  run_id="$(basename "$(dirname "${markers[-1]}")")"
  html="${report_dir:-$out/reports}/nightly-sweep-$date.html"
  set +e
  MARGINCALL_RUN_ID="${run_id#run_id=}" "$ROOT/jobs/report.sh" --notebooks "01 02" "$out" "$html" >>"$log" 2>&1
  rc=$?
  set -e
  if [[ $rc -eq 3 ]]; then
    note "report skipped: no notebook Python (set MARGINCALL_NOTEBOOK_PYTHON or create notebooks/.venv; see notebooks/README.md)"
  elif [[ $rc -ne 0 ]]; then
    echo "nightly-sweep: $(date -u +%FT%TZ) report FAILED (exit $rc)" >>"$log"
    echo "nightly-sweep: the run succeeded but its report FAILED (exit $rc) for $date; see $log" >&2
    tail -20 "$log" >&2
    exit 1
  else
    note "report $html"
  fi
fi
echo "nightly-sweep: ok for $date; log $log"
