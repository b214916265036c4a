#!/usr/bin/env bash
# Submits margincall to a Spark cluster with spark-submit.
#
#   jobs/submit.sh [spark-submit options] <margincall command> [its options]
#
#   jobs/submit.sh --master spark://host:7077 simulate --conf conf/quickstart.conf --out hdfs:///risk/margincall
#   jobs/submit.sh --master yarn --deploy-mode cluster sweep --conf conf/nightly-sweep.conf --out hdfs:///risk/margincall
#   jobs/submit.sh --master k8s://https://api.example:6443 --deploy-mode cluster \
#       --conf spark.kubernetes.container.image=apache/spark:3.5.9-java17 \
#       --conf spark.kubernetes.file.upload.path=s3a://bucket/uploads \
#       simulate --conf conf/quickstart.conf --out s3a://bucket/margincall
#   MARGINCALL_SUBMIT="jobs/submit.sh --master yarn" jobs/nightly-sweep.sh --out hdfs:///risk/margincall
#
# Everything before the margincall command (simulate, sweep, compare, ...: the first word that is
# not a spark-submit option or its value) goes to spark-submit. The script adds the cluster jar
# (built if missing or older than the sources; $MARGINCALL_CLUSTER_JAR names a prebuilt one), the
# main class, the Java 17 --add-opens options for the driver and the executors, and ships the
# scenario file with --files. In cluster deploy mode the driver reads the scenario from its
# working directory, so the files it includes (include "x.conf", at any depth) are shipped too;
# --files puts them side by side, so an include with a folder (include "common/x.conf"), an
# absolute one or one that is missing is refused before anything is submitted (exit 2). An
# account CSV the scenario names must be readable by the driver at the same path (a shared file
# system), or be passed with --files and named by its base name.
# On a standalone master (spark://) in cluster deploy mode, --files reaches the executors but not
# the driver's working directory: there the scenario is passed by its absolute path, and it and
# every file it includes (checked here: a missing include exits 2) must be readable at that path
# on the worker that runs the driver (a shared file system; the output root too). spark-submit
# then returns once the driver is launched, whatever becomes of it: check the run's _COMPLETE.
#
# spark-submit is taken from $SPARK_HOME/bin, else from PATH; with neither, from a SPARK_HOME that
# holds only jars/ (as the cluster test assembles from Maven), through its SparkSubmit class.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "margincall submit: $*" >&2; }
fail() { log "error: $*"; exit 2; }

spark_args=()
files=()   # shipped with --files: the user's, then the scenario and what it includes
deploy_mode=client
master=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    --verbose|-v|--supervise) spark_args+=("$1"); shift ;;   # the spark-submit options with no value
    --deploy-mode=*) deploy_mode="${1#*=}"; spark_args+=("$1"); shift ;;
    --master=*) master="${1#*=}"; spark_args+=("$1"); shift ;;
    --conf=spark.submit.deployMode=*) deploy_mode="${1##*=}"; spark_args+=("$1"); shift ;;
    --files=*) IFS=, read -r -a more <<<"${1#*=}"; files+=("${more[@]}"); shift ;;
    --*=*) spark_args+=("$1"); shift ;;
    -*)
      [[ $# -ge 2 ]] || fail "$1 needs a value"
      case "$1 $2" in
        "--deploy-mode "*) deploy_mode="$2" ;;
        "--master "*) master="$2" ;;
        "--conf spark.submit.deployMode="*) deploy_mode="${2#*=}" ;;
        "--files "*) IFS=, read -r -a more <<<"$2"; files+=("${more[@]}"); shift 2; continue ;;
      esac
      spark_args+=("$1" "$2"); shift 2 ;;
    *) break ;;   # the margincall command
  esac
done
[[ $# -gt 0 ]] || fail "no margincall command given (simulate, sweep, compare, ...); see --help"

# includes FILE: "<line> <kind> <path>" for each include directive of a HOCON file (kind: plain,
# file, url or classpath), outside comments and strings.
includes() {
  local re='^[^#"]*(^|[[:space:]{,])include[[:space:]]+(required[[:space:]]*\([[:space:]]*)?((file|url|classpath)[[:space:]]*\([[:space:]]*)?"([^"]*)"'
  local n=0 line
  while IFS= read -r line || [[ -n "$line" ]]; do
    n=$((n + 1))
    if [[ "$line" =~ $re && "${BASH_REMATCH[0]}" != *//* ]]; then
      echo "$n ${BASH_REMATCH[4]:-plain} ${BASH_REMATCH[5]}"
    fi
  done <"$1"
}

# ship_includes FILE: adds to files[] every file FILE includes, recursively; exits 2, naming the
# include, if one cannot reach a cluster-mode driver (it resolves there next to the scenario).
# With in_place=1 (standalone cluster mode) the driver reads every file where it is: includes
# with a folder or an absolute path are fine, a missing one is not, and nothing is shipped.
in_place=0
ship_includes() {
  local from="$1" here base n kind path candidate found
  here="$(cd "$(dirname "$from")" && pwd)"
  while read -r n kind path; do
    [[ "$kind" == url || "$kind" == classpath ]] && continue   # not a file to ship
    base="$here/"
    if [[ $in_place -eq 1 && "$path" == /* ]]; then
      base=""   # an absolute include names itself
    elif [[ $in_place -eq 0 && "$path" == */* ]]; then
      fail "$from:$n: include \"$path\": in cluster deploy mode the driver would not find it (--files ships files side by side, not folders); include by base name a file next to the scenario, or submit in client mode"
    fi
    found=0
    for candidate in "$base$path" "$base$path.conf" "$base$path.json" "$base$path.properties"; do
      [[ -f "$candidate" ]] || continue
      found=1
      [[ -n "${shipped[$candidate]:-}" ]] && continue
      shipped[$candidate]=1
      [[ $in_place -eq 1 ]] || files+=("$candidate")
      ship_includes "$candidate"
      [[ "$candidate" == "$base$path" ]] && break
    done
    [[ $found -eq 1 ]] || fail "$from:$n: include \"$path\": no such file ($base$path): the cluster-mode driver would run without it"
  done < <(includes "$from")
}

declare -A shipped=()
app_args=()
while [[ $# -gt 0 ]]; do
  if [[ "$1" == "--conf" && $# -ge 2 ]]; then
    [[ -f "$2" ]] || fail "scenario file not found: $2"
    scenario="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
    shipped[$scenario]=1
    if [[ "$deploy_mode" == cluster && "$master" == spark://* ]]; then
      in_place=1
      ship_includes "$scenario"
      app_args+=("--conf" "$scenario")
    elif [[ "$deploy_mode" == cluster ]]; then
      files+=("$scenario")
      ship_includes "$scenario"
      app_args+=("--conf" "$(basename "$2")")
    else
      files+=("$scenario")
      app_args+=("--conf" "$2")
    fi
    shift 2
  else
    app_args+=("$1")
    shift
  fi
done

jar="${MARGINCALL_CLUSTER_JAR:-}"
[[ -z "$jar" || -f "$jar" ]] || fail "MARGINCALL_CLUSTER_JAR: no such file: $jar"
[[ -n "$jar" ]] || jar="$(ls "$ROOT"/target/margincall-*-cluster.jar 2>/dev/null | head -1 || true)"
if [[ -z "${MARGINCALL_CLUSTER_JAR:-}" ]] \
   && [[ -z "$jar" || -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]]; then
  log "building the cluster jar ..."
  (cd "$ROOT" && mvn -B -q -DskipTests package) >&2
  jar="$(ls "$ROOT"/target/margincall-*-cluster.jar | head -1)"
fi

opens="$(grep -v '^#' "$ROOT/jobs/jvm.options" | tr '\n' ' ')"
if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
  submit=("$SPARK_HOME/bin/spark-submit")
elif command -v spark-submit >/dev/null 2>&1; then
  submit=(spark-submit)
elif [[ -n "${SPARK_HOME:-}" && -d "$SPARK_HOME/jars" ]]; then
  # The driver (client mode) runs in this JVM: it needs the --add-opens on its own command line.
  submit=(java @"$ROOT/jobs/jvm.options" ${MARGINCALL_SUBMIT_JAVA_OPTS:-}
          -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties"
          -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit)
else
  log "no spark-submit found: set SPARK_HOME or put spark-submit on PATH"
  exit 2
fi

file_args=()
if [[ ${#files[@]} -gt 0 ]]; then
  file_args=(--files "$(IFS=,; echo "${files[*]}")")
fi

exec "${submit[@]}" \
  --class io.margincall.cli.Main \
  --conf "spark.driver.extraJavaOptions=$opens" \
  --conf "spark.executor.extraJavaOptions=$opens" \
  "${file_args[@]}" \
  "${spark_args[@]}" \
  "$jar" "${app_args[@]}"
