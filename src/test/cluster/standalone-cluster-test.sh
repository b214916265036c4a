#!/usr/bin/env bash
# The real cluster test: a Spark standalone Master and Worker on 127.0.0.1, started from the
# Spark jars on Maven Central; the cluster jar submitted through jobs/submit.sh (client mode);
# its Parquet compared with a local-mode run of the same seed, bit for bit. Then twice more with
# faults: every task failing its first attempt, and an executor halting part-way. Then the
# nightly job, jobs/nightly-sweep.sh through jobs/submit.sh; a scenario with an include in
# cluster deploy mode (the driver on the Worker); and the code_version those rows carry (the
# commit checked out). Every process it starts is stopped by its pid, whatever
# happens. Run by .ci/run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
WORK="$(mktemp -d -t margincall-cluster.XXXXXX)"
PIDS=()
START=$(date +%s)
log() { echo "cluster-test [$(( $(date +%s) - START ))s]: $*"; }

cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  # Executors are children of the Worker; make sure none outlives it.
  pkill -9 -f "CoarseGrainedExecutorBackend.*$WORK" 2>/dev/null || true
  pkill -9 -f "DriverWrapper.*$WORK" 2>/dev/null || true
  if [[ $rc -ne 0 ]]; then
    log "FAILED (exit $rc); logs:"
    for f in "$WORK"/*.log; do echo "---- $f"; tail -40 "$f"; done
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 143' TERM INT

wait_for() {  # wait_for FILE PATTERN SECONDS
  local deadline=$(( $(date +%s) + $3 ))
  until grep -q "$2" "$1" 2>/dev/null; do
    if (( $(date +%s) > deadline )); then log "timed out waiting for '$2' in $1"; return 1; fi
    sleep 0.5
  done
}

cd "$ROOT"
log "building the cluster jar and assembling SPARK_HOME from Maven"
mvn -B -q -DskipTests package
export SPARK_HOME="$WORK/spark-home"
mvn -B -q dependency:copy-dependencies -DincludeScope=provided -DoutputDirectory="$SPARK_HOME/jars"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.12
DEPLOY_JAVA=(java -Xmx512m -Dlog4j2.configurationFile="$ROOT/src/test/cluster/log4j2-deploy.properties"
             -cp "$SPARK_HOME/jars/*")

log "starting the Master"
"${DEPLOY_JAVA[@]}" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port 0 --webui-port 0 >"$WORK/master.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/master.log" "elected leader" 60
MASTER="$(grep -o 'spark://127\.0\.0\.1:[0-9]*' "$WORK/master.log" | head -1)"
log "Master at $MASTER; starting a Worker"
"${DEPLOY_JAVA[@]}" org.apache.spark.deploy.worker.Worker \
  --host 127.0.0.1 --port 0 --webui-port 0 --cores 2 --memory 3g \
  --work-dir "$WORK/worker" "$MASTER" >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
wait_for "$WORK/worker.log" "Successfully registered with master" 60
log "cluster ready"

SCENARIO=(--conf conf/quickstart.conf --set run.paths=4000 --set run.partitions=8)
log "local-mode reference run"
jobs/margincall simulate "${SCENARIO[@]}" --master 'local[2]' --out "$WORK/local" >"$WORK/local.log" 2>&1

submit() {  # submit NAME [extra --set ...]
  local name=$1; shift
  log "cluster run: $name"
  timeout 300 jobs/submit.sh --master "$MASTER" --deploy-mode client \
    --conf spark.ui.enabled=false --conf spark.executor.memory=1g \
    simulate "${SCENARIO[@]}" "$@" --out "$WORK/$name" >"$WORK/$name.log" 2>&1
  jobs/margincall compare "$WORK/local" "$WORK/$name"
}

submit clean
submit retried --set faults.fail-first-attempt=true
submit executor-lost --set faults.halt-executor-on-partition=3
# The faults must have happened, or the comparisons prove nothing.
grep -q "fails its first attempt" "$WORK/retried.log" \
  || { log "the retried run had no failed task attempt"; exit 1; }
grep -q "halting this executor" "$WORK"/worker/*/*/stderr \
  || { log "the executor-loss run did not lose an executor"; exit 1; }
log "passed: cluster runs, with and without faults, identical to local mode"

# The nightly job as the README runs it on a cluster: jobs/nightly-sweep.sh through jobs/submit.sh.
log "nightly sweep through jobs/submit.sh"
apps_before="$(grep -c "Registering app" "$WORK/master.log")"
MARGINCALL_SUBMIT="$ROOT/jobs/submit.sh --master $MASTER --deploy-mode client
    --conf spark.ui.enabled=false --conf spark.executor.memory=1g" \
  timeout 300 jobs/nightly-sweep.sh --date 2026-01-01 --out "$WORK/nightly" --log-dir "$WORK" \
    --no-report -- --set run.paths=1000 --set time.step=300 --progress-seconds 0 \
    >"$WORK/nightly.log" 2>&1
(( $(grep -c "Registering app" "$WORK/master.log") == apps_before + 1 )) \
  || { log "the nightly sweep did not run on the cluster"; exit 1; }
nightly=("$WORK"/nightly/summary/run_date=2026-01-01/job=nightly/run_id=*/_COMPLETE)
[[ ${#nightly[@]} -eq 1 && -f "${nightly[0]}" ]] \
  || { log "no complete nightly partition: ${nightly[*]}"; exit 1; }
log "passed: nightly sweep on the cluster, $(dirname "${nightly[0]#$WORK/}")"

# A scenario with an include in cluster deploy mode: the driver runs on the Worker, where
# jobs/submit.sh has it read the scenario and its include in place (a standalone master gives the
# driver no --files). The include sets the seed: seed 17 in the rows proves it was read.
log "cluster deploy mode: a scenario with an include, through jobs/submit.sh"
mkdir -p "$WORK/scenario"
printf 'run.seed = 17\naccounts.generated.count = 200\n' >"$WORK/scenario/book.conf"
printf 'include "book.conf"\nrun.name = cluster-include\n' >"$WORK/scenario/top.conf"
timeout 300 jobs/submit.sh --master "$MASTER" --deploy-mode cluster \
  --conf spark.ui.enabled=false --conf spark.executor.memory=1g --conf spark.driver.memory=1g \
  --conf spark.standalone.submit.waitAppCompletion=true \
  simulate --conf "$WORK/scenario/top.conf" --set run.paths=1000 --out "$WORK/cluster-include" \
  --progress-seconds 0 >"$WORK/cluster-include.log" 2>&1
drivers=("$WORK"/worker/driver-*)
[[ -d "${drivers[0]}" ]] || { log "no driver ran on the Worker: not cluster deploy mode"; exit 1; }
cp "${drivers[0]}/stderr" "$WORK/cluster-include-driver.log"
included=("$WORK"/cluster-include/summary/run_date=*/job=adhoc/run_id=*/_COMPLETE)
[[ ${#included[@]} -eq 1 && -f "${included[0]}" ]] \
  || { log "the cluster-mode run published no complete summary"; exit 1; }
mapfile -t seeds < <(java @jobs/jvm.options -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "$SPARK_HOME/jars/*" src/test/cluster/ShowColumn.java seed "$WORK/cluster-include/summary" \
  2>"$WORK/show-seed.log")
[[ "${seeds[*]:-}" == 17 ]] || { log "seed ${seeds[*]:-(none)}: expected 17, from the include"; exit 1; }
log "passed: cluster deploy mode, the driver on the Worker, the include read (seed 17)"

# Provenance: the rows the cluster jar wrote name the commit it was built from.
log "code_version of the cluster runs"
head="$(git rev-parse --short=12 --verify HEAD)"
mapfile -t versions < <(java @jobs/jvm.options -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "$SPARK_HOME/jars/*" src/test/cluster/ShowColumn.java code_version \
  "$WORK/clean/summary" "$WORK/nightly/summary" 2>"$WORK/show-column.log")
[[ ${#versions[@]} -eq 1 && "${versions[0]}" =~ ^[^+]+\+$head(\.dirty)?$ ]] \
  || { log "code_version ${versions[*]:-(none)}: expected <version>+$head[.dirty]"; exit 1; }
log "passed: code_version ${versions[0]} (HEAD $head)"
