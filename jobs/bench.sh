#!/usr/bin/env bash
# The whole-job benchmark (by hand, not CI): the benchmark scenario through the launcher on
# local[2], then the same kernel over the same paths in one JVM without Spark on 2 threads;
# prints both wall times, their ratio (Spark session start-up excluded: the launcher reports the
# job's own time) and the launcher's peak memory.
#   jobs/bench.sh [SCENARIO.conf] [--set key=value ...] [--keep DIR]
#   (default conf/bench/million-paths.conf; --keep DIR keeps the Spark run's output under DIR, to
#   compare with another run: jobs/margincall compare)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
conf="${1:-conf/bench/million-paths.conf}"
shift || true
sets=()
refsets=()
keep=""
while [[ $# -gt 0 ]]; do
  [[ "$1" == "--set" ]] && { sets+=(--set "$2"); refsets+=("$2"); shift 2; continue; }
  [[ "$1" == "--keep" ]] && { keep="$2"; shift 2; continue; }
  echo "bench: unknown option $1" >&2; exit 2
done
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
spark_out="${keep:-$out/output}"

echo "== Spark (launcher, local[2]): $conf"
/usr/bin/time -v jobs/margincall simulate --conf "$conf" "${sets[@]}" --master 'local[2]' \
  --out "$spark_out" --progress-seconds 30 >"$out/spark.log" 2>"$out/time.log" || {
    cat "$out/spark.log" "$out/time.log"; exit 1; }
grep -E "paths x|P\(bad debt" "$out/spark.log"
spark_seconds="$(grep -oE 'in [0-9.]+ s' "$out/spark.log" | head -1 | grep -oE '[0-9.]+')"
rss_kb="$(grep 'Maximum resident' "$out/time.log" | grep -oE '[0-9]+')"
wall="$(grep 'Elapsed (wall clock)' "$out/time.log" | sed 's/.*: //')"

echo "== no Spark (one JVM, 2 threads)"
mvn -B -q -Pbench -DskipTests compile dependency:build-classpath \
  -Dmdep.includeScope=compile -Dmdep.outputFile=target/bench.classpath >&2
java -Xmx4g -cp "target/classes:$(cat target/bench.classpath)" \
  io.margincall.bench.WholeJobReference "$conf" 2 "${refsets[@]}" | tee "$out/ref.log"
ref_seconds="$(grep -oE 'in [0-9.]+ s' "$out/ref.log" | grep -oE '[0-9.]+')"

echo "== result"
echo "Spark job ${spark_seconds} s (launcher wall ${wall}, JVM and session start-up included there);"
echo "no-Spark ${ref_seconds} s; ratio $(python3 -c "print(f'{${spark_seconds}/${ref_seconds}:.3f}')");"
echo "launcher peak RSS $((rss_kb / 1024)) MB (local mode: driver and executors in one JVM)"
