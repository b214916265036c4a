package io.margincall.spark;

import io.margincall.io.RunComparison;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** {@link RunComparison} of two output roots on a local Spark session of its own. */
public final class ComparisonJob {
  private ComparisonJob() {}

  /** Differences between two runs (ids may be null: the root's only run); empty when identical. */
  public static List<String> compare(String expectedRoot, String expectedRun, String actualRoot,
                                     String actualRun) {
    SparkSession spark = SparkSessions.create("local[1]", "margincall compare");
    try {
      return RunComparison.compare(spark, expectedRoot, expectedRun, actualRoot, actualRun);
    } finally {
      spark.stop();
    }
  }
}
