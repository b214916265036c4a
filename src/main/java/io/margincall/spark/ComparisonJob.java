package io.margincall.spark;

import io.margincall.io.RunComparison;
import io.margincall.io.RunListing;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** {@link RunComparison} of two runs, and the runs of a Delta root, on a local Spark session of its own. */
public final class ComparisonJob {
  private ComparisonJob() {}

  /** Differences between two runs (ids may be null: the root's only run); empty when identical. */
  public static List<String> compare(String expectedRoot, String expectedRun, String actualRoot,
                                     String actualRun) {
    SparkSession spark = SparkSessions.create("local[1]", "margincall compare", true);
    try {
      return RunComparison.compare(spark, expectedRoot, expectedRun, actualRoot, actualRun);
    } finally {
      spark.stop();
    }
  }

  /** The runs of a Delta root ({@link RunListing#ofDelta}), on a local session of its own. */
  public static List<RunListing.Run> deltaRuns(String root) {
    SparkSession spark = SparkSessions.create("local[1]", "margincall runs", true);
    try {
      return RunListing.ofDelta(spark, root);
    } finally {
      spark.stop();
    }
  }
}
