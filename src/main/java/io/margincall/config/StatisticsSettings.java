package io.margincall.config;

/**
 * Section {@code statistics}: how the summary is computed from the paths (not hashed: it does
 * not change a path's other outcomes; the summary says which tail it used, {@code tail_exact},
 * and an oracle-gap statistic left out is NaN).
 *
 * @param exactTailMaxValues most losses kept exactly per point for VaR and ES; a run that needs
 *     more (about 5 % of its paths) keeps this many and counts the rest in fine bins
 * @param oracleGap {@code statistics.oracle-gap}: compute the oracle-gap statistics, which need
 *     every step of every path; false: they are NaN and a stepping path may finish early
 */
public record StatisticsSettings(int exactTailMaxValues, boolean oracleGap) {
  static StatisticsSettings read(ConfigReader r) {
    return new StatisticsSettings(
        (int) r.integer("statistics.exact-tail-max-values", 1, Integer.MAX_VALUE - 8),
        r.bool("statistics.oracle-gap"));
  }
}
