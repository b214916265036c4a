#!/usr/bin/env bash
# Where the kernel's time goes (by hand, not CI): runs a scenario's paths on one thread under
# async-profiler (fetched from Maven Central into target/profiler on first use) and prints the
# methods by inclusive and by self CPU time.
#   jobs/profile-kernel.sh [SCENARIO.conf] [PATHS] [key=value ...]
#   (default conf/bench/million-paths.conf, 4000 paths)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
conf="${1:-conf/bench/million-paths.conf}"
paths="${2:-4000}"
shift $(( $# > 2 ? 2 : $# )) || true
version=3.0
lib="target/profiler/linux-x64/libasyncProfiler.so"
if [[ ! -f "$lib" ]]; then
  mvn -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$version" \
    -DoutputDirectory=target/profiler >&2
  (cd target/profiler && jar xf "async-profiler-$version.jar" linux-x64)
fi
mvn -B -q -Pbench -DskipTests compile dependency:build-classpath \
  -Dmdep.includeScope=compile -Dmdep.outputFile=target/bench.classpath >&2
stacks="$(mktemp)"
trap 'rm -f "$stacks"' EXIT
# event=cpu needs perf events; where the kernel does not allow them, itimer samples instead.
event=cpu
if [[ "$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo 3)" -gt 2 ]]; then event=itimer; fi
java -agentpath:"$ROOT/$lib=start,event=$event,interval=1ms,threads,collapsed,file=$stacks" \
  -cp "target/classes:$(cat target/bench.classpath)" io.margincall.bench.KernelProfile \
  "$conf" "$paths" "$@"
awk '
  { n = $NF; $NF = ""; split($0, f, ";");
    if (f[1] !~ /DestroyJavaVM|main/) next;
    total += n; delete seen;
    for (k = 2; k <= length(f); k++) { m = f[k]; sub(/ +$/, "", m); gsub("/", ".", m);
      if (!(m in seen)) { incl[m] += n; seen[m] = 1 } }
    m = f[length(f)]; sub(/ +$/, "", m); gsub("/", ".", m); self[m] += n }
  END {
    printf "inclusive CPU (the thread running the kernel, %d samples):\n", total;
    for (m in incl) if (m ~ /margincall|log|exp|rng/) printf "%6.1f%%  %s\n", 100 * incl[m] / total, m | "sort -rn | head -25";
    close("sort -rn | head -25");
    print "self CPU:";
    for (m in self) printf "%6.1f%%  %s\n", 100 * self[m] / total, m | "sort -rn | head -15";
  }' "$stacks"
