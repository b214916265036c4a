package io.margincall.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Publishes a run's tables so that readers never take a partial run for a whole one.
 *
 * <ol>
 *   <li>Each table is written by Spark (its commit protocol) under
 *       {@code <out>/_staging/<run id>/<table>}; names starting with "_" are invisible to Spark,
 *       pyarrow and pandas readers.
 *   <li>When every table is written, each is moved (one rename) to
 *       {@code <out>/<table>/run_date=<date>/job=<job>/run_id=<id>}.
 *   <li>Then a {@value #MARKER} file is written into each of those partitions: the run is
 *       complete, and readers should ignore any partition without it.
 *   <li>A replacing run then deletes the other runs of the same (run_date, job), in every table:
 *       a re-run of a date replaces that date only, and only for its own job.
 * </ol>
 * A run killed at any point leaves at most partitions without the marker and a staging
 * directory. The staging directory names its owner ({@link StagingOwner}); before it stages its
 * own tables, a run removes the staging directories it can prove stale ({@link StaleStaging}).
 */
public final class RunPublisher implements TablePublisher {
  /** The completion marker, written last into every partition of a complete run. */
  public static final String MARKER = "_COMPLETE";
  /** Every table a run may write; a replacing run clears all of them for its (date, job). */
  public static final List<String> TABLES = List.of("summary", "distribution", "paths", "recommendation");

  private final SparkSession spark;
  private final Path root;
  private final RunProvenance run;
  private final List<String> staged = new ArrayList<>();
  private final List<StaleStaging.Removed> removedStaging = new ArrayList<>();

  public RunPublisher(SparkSession spark, String outRoot, RunProvenance run) {
    checkJob(run.job());
    this.spark = spark;
    this.root = new Path(outRoot);
    this.run = run;
  }

  /** A job name is a partition directory: 1-64 letters, digits, '_' or '-'. */
  static void checkJob(String job) {
    if (!job.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("job name must be 1-64 letters, digits, '_' or '-': " + job);
    }
  }

  private Path staging() {
    return new Path(root, "_staging/" + run.runId());
  }

  /** The partition directory of {@code table} for this run. */
  public Path partition(String table) {
    return new Path(root, table + "/run_date=" + run.runDate() + "/job=" + run.job()
        + "/run_id=" + run.runId());
  }

  /** Writes one table to the staging area. */
  @Override
  public void stage(String table, Dataset<Row> rows, int files) {
    if (staged.isEmpty()) {
      claimStaging();
    }
    rows.coalesce(files).write().mode(SaveMode.ErrorIfExists)
        .parquet(new Path(staging(), table).toString());
    staged.add(table);
  }

  /** Removes the stale staging of earlier runs, then marks this run's staging as its own. */
  private void claimStaging() {
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      StagingOwner self = StagingOwner.current();
      removedStaging.addAll(StaleStaging.remove(fs, new Path(root, "_staging"), run.runId(), self,
          Instant.now()));
      self.write(fs, staging());
    } catch (IOException e) {
      throw new IllegalStateException("preparing the staging area under " + root + " failed: "
          + e.getMessage(), e);
    }
  }

  /** The stale staging directories of earlier runs this run removed, and why. */
  @Override
  public List<StaleStaging.Removed> removedStaging() {
    return List.copyOf(removedStaging);
  }

  /**
   * Moves the staged tables into place, marks them complete and, if {@code replace}, deletes
   * the other runs of this (run_date, job).
   *
   * @return the partition directories written
   */
  @Override
  public List<String> publish(boolean replace) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<String> written = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      for (String table : staged) {
        Path target = partition(table);
        fs.mkdirs(target.getParent());
        if (fs.exists(target) || !fs.rename(new Path(staging(), table), target)) {
          throw new IOException("cannot move " + new Path(staging(), table) + " to " + target);
        }
        written.add(target.toString());
      }
      for (String table : staged) {
        try (OutputStream out = fs.create(new Path(partition(table), MARKER), false)) {
          out.write(("{\"run_id\":\"" + run.runId() + "\",\"tables\":\"" + String.join(",", staged)
              + "\",\"created_at\":\"" + run.createdAt() + "\"}\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      fs.delete(staging(), true);
      Path stagingRoot = new Path(root, "_staging");
      if (fs.exists(stagingRoot) && fs.listStatus(stagingRoot).length == 0) {
        fs.delete(stagingRoot, false);
      }
      if (replace) {
        for (String table : TABLES) {
          Path jobDir = partition(table).getParent();
          if (!fs.exists(jobDir)) {
            continue;
          }
          for (FileStatus other : fs.listStatus(jobDir)) {
            if (!other.getPath().getName().equals("run_id=" + run.runId())) {
              fs.delete(other.getPath(), true);
            }
          }
        }
      }
      return written;
    } catch (IOException e) {
      throw new IllegalStateException("publishing the run under " + root + " failed: "
          + e.getMessage(), e);
    }
  }
}
