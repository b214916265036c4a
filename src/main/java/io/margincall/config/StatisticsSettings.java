package io.margincall.config;

/**
 * Section {@code statistics}: how the summary is computed from the paths (not hashed: it does
 * not change a path; the summary says which tail it used, {@code tail_exact}).
 *
 * @param exactTailMaxValues most losses kept exactly per point for VaR and ES; a run that needs
 *     more (about 5 % of its paths) keeps this many and counts the rest in fine bins
 */
public record StatisticsSettings(int exactTailMaxValues) {
  static StatisticsSettings read(ConfigReader r) {
    return new StatisticsSettings(
        (int) r.integer("statistics.exact-tail-max-values", 1, Integer.MAX_VALUE - 8));
  }
}
