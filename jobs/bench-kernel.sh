#!/usr/bin/env bash
# JMH benchmarks of the kernel (src/jmh/java): ns per path-step of the kernel against the floor
# of drawing its random numbers. By hand, not in CI (timing on shared machines is noisy:
# compare ratios measured in one run).
#   jobs/bench-kernel.sh                        # everything (~5 minutes)
#   jobs/bench-kernel.sh 'KernelBenchmark.bare.*' -f 1 -wi 2 -i 3
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -B -q -Pbench -DskipTests compile dependency:build-classpath \
  -Dmdep.includeScope=compile -Dmdep.outputFile=target/bench.classpath >&2
export SPARK_LOCAL_IP=127.0.0.1
exec java -Dmargincall.basedir="$ROOT" -cp "target/classes:$(cat target/bench.classpath)" \
  org.openjdk.jmh.Main -jvmArgsAppend "-Dmargincall.basedir=$ROOT" "$@"
