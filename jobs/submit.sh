#!/usr/bin/env bash
# Submits margincall to a Spark cluster with spark-submit.
#
#   jobs/submit.sh [spark-submit options] <margincall command> [its options]
#
#   jobs/submit.sh --master spark://host:7077 simulate --conf conf/quickstart.conf --out hdfs:///risk/margincall
#   jobs/submit.sh --master yarn --deploy-mode cluster simulate --conf conf/quickstart.conf --out hdfs:///risk/margincall
#   jobs/submit.sh --master k8s://https://api.example:6443 --deploy-mode cluster \
#       --conf spark.kubernetes.container.image=apache/spark:3.5.6-java17 \
#       --conf spark.kubernetes.file.upload.path=s3a://bucket/uploads \
#       simulate --conf conf/quickstart.conf --out s3a://bucket/margincall
#
# Everything before the margincall command (simulate, compare) goes to spark-submit. The script
# adds the cluster jar (built if missing), the main class, the Java 17 --add-opens options for
# the driver and the executors, and ships the scenario file with --files (in cluster mode the
# driver then reads it from its working directory). An account CSV the scenario names must be
# readable by the driver at the same path (a shared file system), or be passed with --files and
# named by its base name.
#
# spark-submit is taken from $SPARK_HOME/bin, else from PATH; with neither, from a SPARK_HOME that
# holds only jars/ (as the cluster test assembles from Maven), through its SparkSubmit class.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "margincall submit: $*" >&2; }

spark_args=()
deploy_mode=client
while [[ $# -gt 0 ]]; do
  case "$1" in
    simulate|compare) break ;;
    --deploy-mode) deploy_mode="$2"; spark_args+=("$1" "$2"); shift 2 ;;
    --deploy-mode=*) deploy_mode="${1#*=}"; spark_args+=("$1"); shift ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) spark_args+=("$1"); shift ;;
  esac
done
if [[ $# -eq 0 ]]; then
  log "no margincall command given (simulate or compare); see --help"
  exit 2
fi

app_args=()
files=()
while [[ $# -gt 0 ]]; do
  if [[ "$1" == "--conf" && $# -ge 2 ]]; then
    [[ -f "$2" ]] || { log "scenario file not found: $2"; exit 2; }
    files+=("$(cd "$(dirname "$2")" && pwd)/$(basename "$2")")
    if [[ "$deploy_mode" == cluster ]]; then
      app_args+=("--conf" "$(basename "$2")")
    else
      app_args+=("--conf" "$2")
    fi
    shift 2
  else
    app_args+=("$1")
    shift
  fi
done

jar="$(ls "$ROOT"/target/margincall-*-cluster.jar 2>/dev/null | head -1 || true)"
if [[ -z "$jar" || -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]]; then
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
