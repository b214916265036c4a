package io.margincall.io;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Publishes a run's tables as Delta Lake tables, {@code <out>/<table>}, partitioned by
 * {@code run_date}, {@code job} and {@code run_id} (real columns here, as Delta keeps them).
 *
 * <p>Each write is one Delta commit: atomic, so a reader sees all of it or none. A run's tables
 * are separate tables, so the readers' rule is: <b>a run exists when the summary table holds
 * it; read the other tables only for the summary's run ids</b>. The commits are ordered for
 * that rule:
 * <ol>
 *   <li>distribution, paths and recommendation are appended (one commit each): rows of a run
 *       the summary does not name yet, which readers skip;
 *   <li>the summary is written in one commit; with {@code replace} it is an overwrite with
 *       {@code replaceWhere run_date = .. AND job = ..}, so the new run replaces the other runs
 *       of that (run_date, job) in that same commit;
 *   <li>with {@code replace}, the other runs' rows of that (run_date, job) are then deleted from
 *       the other tables (rows no reader takes any more once step 2 committed).
 * </ol>
 * A run killed before step 2 leaves the summary at its previous version, and every reader
 * following the rule sees the previous runs whole; killed after it, the new run whole.
 */
public final class DeltaPublisher implements TablePublisher {
  /** The table whose commit makes a run visible; written after the others. */
  public static final String SUMMARY = "summary";

  private final SparkSession spark;
  private final Path root;
  private final RunProvenance run;
  private final Map<String, Dataset<Row>> staged = new LinkedHashMap<>();

  public DeltaPublisher(SparkSession spark, String outRoot, RunProvenance run) {
    RunPublisher.checkJob(run.job());
    this.spark = spark;
    this.root = new Path(outRoot);
    this.run = run;
  }

  /** Takes the rows; they are written by {@link #publish}, the summary last. */
  @Override
  public void stage(String table, Dataset<Row> rows, int files) {
    staged.put(table, rows.coalesce(files)
        .withColumn("run_date", functions.lit(Date.valueOf(run.runDate())))
        .withColumn("job", functions.lit(run.job()))
        .withColumn("run_id", functions.lit(run.runId())));
  }

  @Override
  public List<String> publish(boolean replace) {
    List<String> written = new ArrayList<>();
    for (Map.Entry<String, Dataset<Row>> t : staged.entrySet()) {
      if (!t.getKey().equals(SUMMARY)) {
        write(t.getKey(), t.getValue(), null);
        written.add(table(t.getKey()) + " (run_id " + run.runId() + ")");
      }
    }
    String sameDateAndJob = "run_date = DATE'" + run.runDate() + "' AND job = '" + run.job() + "'";
    write(SUMMARY, staged.get(SUMMARY), replace ? sameDateAndJob : null);
    written.add(0, table(SUMMARY) + " (run_id " + run.runId() + ")");
    if (replace) {
      for (String other : RunPublisher.TABLES) {
        if (!other.equals(SUMMARY) && exists(other)) {
          DeltaTable.forPath(spark, table(other))
              .delete(sameDateAndJob + " AND run_id <> '" + run.runId() + "'");
        }
      }
    }
    return written;
  }

  /** Appends, or with {@code replaceWhere} overwrites those rows, in one commit. */
  private void write(String table, Dataset<Row> rows, String replaceWhere) {
    var writer = rows.write().format("delta").partitionBy("run_date", "job", "run_id");
    if (replaceWhere != null) {
      writer.mode(SaveMode.Overwrite).option("replaceWhere", replaceWhere);
    } else {
      writer.mode(SaveMode.Append);
    }
    writer.save(table(table));
  }

  private String table(String name) {
    return new Path(root, name).toString();
  }

  private boolean exists(String table) {
    try {
      Path log = new Path(new Path(root, table), "_delta_log");
      return log.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(log);
    } catch (IOException e) {
      throw new IllegalStateException("publishing the run under " + root + " failed: "
          + e.getMessage(), e);
    }
  }
}
