package io.margincall.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.MapType;

/**
 * Compares the tables of two runs, column by column, leaving out the columns that may differ
 * between two runs of the same inputs (run id, run date, creation time, code version). Used to
 * check that a cluster run, a retried run or a run months later reproduces a figure.
 */
public final class RunComparison {
  /**
   * Columns allowed to differ between two runs of the same seed and config (SPEC 7); also
   * {@code config}, whose text records settings that do not change results (the partition count,
   * the run name), while {@code config_hash}, which covers every setting that does, is compared.
   */
  public static final List<String> VOLATILE =
      List.of("run_id", "run_date", "job", "created_at", "code_version", "config");
  public static final List<String> TABLES = List.of("summary", "distribution");

  private RunComparison() {}

  /**
   * Differences between two runs; empty when identical. A run id may be null when its root
   * holds exactly one complete run.
   */
  public static List<String> compare(SparkSession spark, String expectedRoot, String expectedRun,
                                     String actualRoot, String actualRun) {
    List<String> differences = new ArrayList<>();
    for (String table : TABLES) {
      Dataset<Row> expected = stable(read(spark, expectedRoot, expectedRun, table));
      Dataset<Row> actual = stable(read(spark, actualRoot, actualRun, table));
      if (!Arrays.equals(expected.columns(), actual.columns())) {
        differences.add(table + ": columns differ: " + Arrays.toString(expected.columns())
            + " vs " + Arrays.toString(actual.columns()));
        continue;
      }
      List<Row> want = expected.orderBy(expected.columns()[0], expected.columns()).collectAsList();
      List<Row> got = actual.orderBy(actual.columns()[0], actual.columns()).collectAsList();
      if (want.size() != got.size()) {
        differences.add(table + ": " + want.size() + " rows expected, " + got.size() + " found");
        continue;
      }
      String[] columns = expected.columns();
      for (int r = 0; r < want.size() && differences.size() < 20; r++) {
        for (int c = 0; c < columns.length; c++) {
          Object a = want.get(r).get(c);
          Object b = got.get(r).get(c);
          if (!java.util.Objects.equals(a, b)) {
            differences.add(table + " row " + r + " " + columns[c] + ": expected " + a + ", found " + b);
          }
        }
      }
    }
    return differences;
  }

  /**
   * The rows of one complete run ({@code runId}, or the root's only one) of a table: in a
   * Parquet root a run whose partitions hold the marker, in a Delta root a run of the summary.
   */
  private static Dataset<Row> read(SparkSession spark, String root, String runId, String table) {
    var hadoop = spark.sparkContext().hadoopConfiguration();
    boolean delta = "delta".equals(RunListing.formatOf(hadoop, root));
    var runs = delta ? RunListing.ofDelta(spark, root).stream().map(RunListing.Run::runId)
        .collect(Collectors.toCollection(TreeSet::new)) : CompleteRuns.of(hadoop, root, table);
    if (runId == null && runs.size() != 1) {
      throw new InputError(root + "/" + table + ": holds " + runs.size() + " complete runs ("
          + String.join(", ", runs) + "); name one with --expected-run / --actual-run "
          + "(margincall runs " + root + " lists them)");
    }
    if (runId != null && !runs.contains(runId)) {
      throw new InputError(root + "/" + table + ": no complete run " + runId + "; complete runs: "
          + (runs.isEmpty() ? "none" : String.join(", ", runs)));
    }
    String id = runId != null ? runId : runs.iterator().next();
    Dataset<Row> df = delta ? spark.read().format("delta").load(root + "/" + table)
        : spark.read().parquet(root + "/" + table);
    return df.where(functions.col("run_id").equalTo(id));
  }

  private static Dataset<Row> stable(Dataset<Row> df) {
    return comparable(df.drop(VOLATILE.toArray(new String[0])));
  }

  /**
   * The columns in name order; maps (the axis values) as their entry lists, which, unlike maps,
   * Spark can sort and compare.
   */
  public static Dataset<Row> comparable(Dataset<Row> df) {
    Column[] keep = Arrays.stream(df.columns()).sorted()
        .map(c -> df.schema().apply(c).dataType() instanceof MapType
            ? functions.map_entries(functions.col(c)).as(c) : functions.col(c))
        .toArray(Column[]::new);
    return df.select(keep);
  }
}
