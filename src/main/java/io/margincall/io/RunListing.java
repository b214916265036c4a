package io.margincall.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The runs under an output root, complete or not. A Parquet root's from the directory layout,
 * the {@link RunPublisher#MARKER} files and the summary's Parquet files, with no Spark session,
 * on any file system Hadoop reaches (local, HDFS, S3 with its connector); a Delta root's from its
 * summary table, with Spark ({@link #ofDelta}).
 */
public final class RunListing {
  private RunListing() {}

  /**
   * One run.
   *
   * @param runDate its run_date partition
   * @param job its job partition
   * @param runId its id
   * @param scenario {@code run.name}; null if its summary cannot be read
   * @param points summary rows; -1 if unknown
   * @param paths paths per point; -1 if unknown
   * @param complete every table it lists in its marker is marked complete
   */
  public record Run(String runDate, String job, String runId, String scenario, long points,
                    long paths, boolean complete) {}

  /**
   * The format of the tables under {@code root}: "delta" if its summary is a Delta table,
   * "parquet" if it holds Parquet runs, null if neither (a new or empty root).
   */
  public static String formatOf(Configuration hadoop, String root) {
    try {
      Path summary = new Path(root, "summary");
      FileSystem fs = summary.getFileSystem(hadoop);
      if (fs.exists(new Path(summary, "_delta_log"))) {
        return "delta";
      }
      FileStatus[] dates = fs.exists(summary) ? fs.globStatus(new Path(summary, "run_date=*")) : null;
      return dates != null && dates.length > 0 ? "parquet" : null;
    } catch (IOException e) {
      throw new InputError(root + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Every run with a summary partition under {@code root}, oldest first. */
  public static List<Run> of(Configuration hadoop, String root) {
    List<Run> runs = new ArrayList<>();
    try {
      Path pattern = new Path(root, "summary/run_date=*/job=*/run_id=*");
      FileSystem fs = pattern.getFileSystem(hadoop);
      FileStatus[] found = fs.globStatus(pattern);
      for (FileStatus dir : found == null ? new FileStatus[0] : found) {
        if (dir.isDirectory()) {
          runs.add(read(fs, new Path(root), dir.getPath()));
        }
      }
    } catch (IOException e) {
      throw new InputError(root + ": cannot list runs: " + e.getMessage(), e);
    }
    runs.sort(Comparator.comparing(Run::runId));
    return runs;
  }

  /**
   * Every run of a Delta root, oldest first: the runs its summary table holds, each complete
   * (a Delta commit is all or nothing; DeltaPublisher commits the summary last).
   */
  public static List<Run> ofDelta(SparkSession spark, String root) {
    List<Run> runs = new ArrayList<>();
    for (Row r : spark.read().format("delta").load(new Path(root, "summary").toString())
        .groupBy("run_date", "job", "run_id")
        .agg(functions.first("scenario"), functions.count("point"), functions.max("paths"))
        .orderBy("run_id").collectAsList()) {
      runs.add(new Run(r.get(0).toString(), r.getString(1), r.getString(2), r.getString(3),
          r.getLong(4), r.getLong(5), true));
    }
    return runs;
  }

  private static Run read(FileSystem fs, Path root, Path summary) throws IOException {
    String runId = value(summary);
    String job = value(summary.getParent());
    String runDate = value(summary.getParent().getParent());
    boolean complete = complete(fs, root, summary, runDate, job, runId);
    String scenario = null;
    long points = 0;
    long paths = -1;
    try {
      for (FileStatus f : fs.listStatus(summary, p -> p.getName().endsWith(".parquet"))) {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), f.getPath())
            .withConf(fs.getConf()).build()) {
          for (Group row = reader.read(); row != null; row = reader.read()) {
            points++;
            scenario = row.getString("scenario", 0);
            paths = row.getLong("paths", 0);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // A partition being written, or not a margincall summary: listed, marked unknown.
      return new Run(runDate, job, runId, null, -1, -1, complete);
    }
    return new Run(runDate, job, runId, scenario, points, paths, complete);
  }

  /** Its summary's marker exists, and so does the marker of every table that marker lists. */
  private static boolean complete(FileSystem fs, Path root, Path summary, String runDate,
                                  String job, String runId) throws IOException {
    Path marker = new Path(summary, RunPublisher.MARKER);
    if (!fs.exists(marker)) {
      return false;
    }
    String text;
    try (FSDataInputStream in = fs.open(marker)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int at = text.indexOf("\"tables\":\"");
    if (at < 0) {
      return true;
    }
    String listed = text.substring(at + 10, text.indexOf('"', at + 10));
    for (String table : Arrays.stream(listed.split(",")).filter(t -> !t.isEmpty()).toList()) {
      Path partition = new Path(root, table + "/run_date=" + runDate + "/job=" + job
          + "/run_id=" + runId);
      if (!fs.exists(new Path(partition, RunPublisher.MARKER))) {
        return false;
      }
    }
    return true;
  }

  private static String value(Path partition) {
    String name = partition.getName();
    return name.substring(name.indexOf('=') + 1);
  }
}
