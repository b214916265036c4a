package io.margincall.stats;

/**
 * The Wilson score interval for a binomial proportion (E. B. Wilson, 1927): unlike the normal
 * ("Wald") interval it stays inside [0, 1] and has sensible width when the count is 0, which is
 * the common case for rare bad-debt events.
 */
public record WilsonInterval(double estimate, double low, double high) {

  /** The 95 % interval for {@code successes} out of {@code trials}. */
  public static WilsonInterval of95(long successes, long trials) {
    return of(successes, trials, TailRisk.Z95);
  }

  /** The interval for {@code successes} out of {@code trials} with normal quantile {@code z}. */
  public static WilsonInterval of(long successes, long trials, double z) {
    if (trials < 0 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "need 0 <= successes <= trials, got " + successes + " of " + trials);
    }
    if (trials == 0) {
      return new WilsonInterval(Double.NaN, 0.0, 1.0);
    }
    double n = trials;
    double p = successes / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double center = (p + z2 / (2 * n)) / denominator;
    double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    // The bounds are exactly 0 and 1 at the extremes; rounding of center - half would not be.
    double low = successes == 0 ? 0.0 : Math.max(0.0, center - half);
    double high = successes == trials ? 1.0 : Math.min(1.0, center + half);
    return new WilsonInterval(p, low, high);
  }
}
