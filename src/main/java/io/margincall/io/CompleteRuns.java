package io.margincall.io;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The readers' rule: a run's partition of a table is complete when it holds the
 * {@link RunPublisher#MARKER} file; read nothing else. (Python readers: see the README.)
 */
public final class CompleteRuns {
  private CompleteRuns() {}

  /** The run ids with a complete partition of {@code table} under {@code root}. */
  public static Set<String> of(Configuration hadoop, String root, String table) {
    Set<String> runs = new TreeSet<>();
    try {
      Path pattern = new Path(root, table + "/run_date=*/job=*/run_id=*/" + RunPublisher.MARKER);
      FileSystem fs = pattern.getFileSystem(hadoop);
      FileStatus[] found = fs.globStatus(pattern);
      if (found != null) {
        for (FileStatus marker : found) {
          runs.add(marker.getPath().getParent().getName().substring("run_id=".length()));
        }
      }
      return runs;
    } catch (IOException e) {
      throw new InputError(root + "/" + table + ": cannot list runs: " + e.getMessage(), e);
    }
  }
}
