package io.margincall.spark;

import org.apache.spark.sql.SparkSession;

/** Spark sessions with the defaults margincall relies on. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session for {@code master} (e.g. {@code local[*]}). In local mode nothing listens beyond
   * the loopback address: the UI is off and the driver binds to 127.0.0.1.
   */
  public static SparkSession create(String master, String appName) {
    return create(master, appName, false);
  }

  /** As {@link #create(String, String)}; {@code delta}: with Delta Lake's SQL extension. */
  public static SparkSession create(String master, String appName, boolean delta) {
    SparkSession.Builder builder = SparkSession.builder()
        .appName(appName)
        .config("spark.sql.session.timeZone", "UTC")
        // Timestamps (created_at) as Parquet TIMESTAMP(MICROS, isAdjustedToUTC=true), which every
        // reader takes for an instant in UTC; Spark's default, INT96, has no time zone.
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.debug.maxToStringFields", "500");
    if (delta) {
      builder.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    }
    if (master != null) {
      builder.master(master);
    }
    if (master == null || master.startsWith("local")) {
      builder.config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    return builder.getOrCreate();
  }
}
