#!/usr/bin/env bash
# The scheduled sweep: runs a sweep for one date as job "nightly" and replaces that date's
# earlier nightly run (never an ad hoc one, never another date). Logs to a file; exits non-zero
# if the run fails, so cron and systemd see it.
#
#   jobs/nightly-sweep.sh [--date YYYY-MM-DD] [--conf FILE] [--out DIR] [--log-dir DIR]
#                         [--target EXPR] [-- more options for the sweep command]
#
# Defaults: today (UTC), conf/nightly-sweep.conf, ./output, ./logs, target 'P(bad debt) <= 0.01'.
# To run on a cluster instead of the embedded local Spark, set MARGINCALL_SUBMIT, e.g.
#   MARGINCALL_SUBMIT="jobs/submit.sh --master yarn --deploy-mode cluster" jobs/nightly-sweep.sh --out hdfs:///risk/margincall
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
date="$(date -u +%F)"
conf="$ROOT/conf/nightly-sweep.conf"
out="$ROOT/output"
log_dir="$ROOT/logs"
target='P(bad debt) <= 0.01'
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --date) date="$2"; shift 2 ;;
    --conf) conf="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --log-dir) log_dir="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
echo "nightly-sweep: ok for $date; log $log"
