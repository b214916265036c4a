package io.margincall.cli;

import java.util.regex.Pattern;

/**
 * The forms of a Spark master URL ({@code --master}), checked before Spark starts: Spark
 * itself rejects a malformed one only after it has begun to start, with a stack trace.
 * The forms are those of Spark 3.5's {@code SparkContext.createTaskScheduler} and its external
 * cluster managers (YARN, Kubernetes, Mesos).
 */
final class SparkMaster {
  private static final String HOST_PORT = "(\\[[0-9A-Fa-f:.]+]|[^/\\s:,\\[\\]]+):[0-9]{1,5}";
  private static final Pattern FORMS = Pattern.compile(String.join("|",
      "local",
      "local\\[([1-9][0-9]*|\\*)]",
      "local\\[([1-9][0-9]*|\\*)\\s*,\\s*[1-9][0-9]*]",
      "local-cluster\\[\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*]",
      "spark://" + HOST_PORT + "(," + HOST_PORT + ")*",
      "yarn",
      "k8s://\\S+",
      "mesos://\\S+"));

  private SparkMaster() {}

  /** Returns {@code url} if it has one of the forms Spark accepts; else a {@link UsageError}. */
  static String check(String option, String url) {
    if (!FORMS.matcher(url).matches()) {
      throw new UsageError(option + " " + url + ": not a Spark master URL; expected local,"
          + " local[N], local[*], local[N,F] (F attempts per task), spark://HOST:PORT[,HOST:PORT...],"
          + " yarn, k8s://URL or mesos://URL");
    }
    return url;
  }
}
