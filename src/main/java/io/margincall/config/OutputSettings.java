package io.margincall.config;

/**
 * Section {@code output}: which per-path rows are written (not hashed).
 *
 * @param paths "none", "sample" or "all"
 * @param pathsSampleRate share of paths "sample" keeps, [0, 1]
 * @param format "parquet" (partitions with _COMPLETE markers) or "delta" (Delta Lake tables)
 */
public record OutputSettings(String paths, double pathsSampleRate, String format) {
  static OutputSettings read(ConfigReader r) {
    return new OutputSettings(r.choice("output.paths", "none", "sample", "all"),
        r.number("output.paths-sample-rate", v -> v >= 0 && v <= 1, "a fraction in [0, 1]"),
        r.choice("output.format", "parquet", "delta"));
  }

  public boolean delta() {
    return format.equals("delta");
  }
}
