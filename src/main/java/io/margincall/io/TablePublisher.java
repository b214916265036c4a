package io.margincall.io;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes a run's tables so that readers never take a partial run for a whole one: as Parquet
 * partitions with completion markers ({@link RunPublisher}) or as Delta Lake tables
 * ({@link DeltaPublisher}).
 */
public interface TablePublisher {
  /** Takes one table of the run; nothing a reader counts as part of a run is visible yet. */
  void stage(String table, Dataset<Row> rows, int files);

  /**
   * Makes the run visible and, if {@code replace}, removes the other runs of its (run_date, job).
   *
   * @return where the run's tables were written
   */
  List<String> publish(boolean replace);

  /** The stale staging folders of killed runs this run removed (Parquet only: Delta stages nothing). */
  default List<StaleStaging.Removed> removedStaging() {
    return List.of();
  }
}
