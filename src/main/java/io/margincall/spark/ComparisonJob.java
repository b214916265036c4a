package io.margincall.spark;

import io.margincall.io.RunComparison;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** {@link RunComparison} of two output roots on a local Spark session of its own. */
public final class ComparisonJob {
  private ComparisonJob() {}

  /** Differences between the runs under two output roots; empty when identical. */
  public static List<String> compare(String expectedRoot, String actualRoot) {
    SparkSession spark = SparkSessions.create("local[1]", "margincall compare");
    try {
      return RunComparison.compare(spark, expectedRoot, actualRoot);
    } finally {
      spark.stop();
    }
  }
}
