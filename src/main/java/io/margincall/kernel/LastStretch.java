package io.margincall.kernel;

/**
 * {@code sampling.crossing = last-stretch}: the stepping kernel crosses the last d steps of a
 * path (d the oracle's delay) in one draw when nothing can happen in them but the market's
 * move. After step n - d the oracle shows, at steps n - d + 1 .. n, the market prices of steps
 * n - 2d + 1 .. n - d, all already drawn and held in its delay line. If none of them (nor the
 * one shown at n - d) lies below the book's fall trigger, no account can be eligible in those
 * steps, and the only outcome the steps still write is the horizon shortfall, which reads
 * X_n alone: under plain GBM, X_n - X_{n-d} is one normal of mean d (mu - sigma^2 / 2) dt
 * and variance d sigma^2 dt, drawn at once ({@code MarketPath.across}). The oracle posts at
 * every step (deviation 0): the d posts are added. Every outcome then has the distribution of
 * the full walk, with other bits (the draw replaces d draws); the oracle-gap statistics, which
 * need the skipped steps, are NaN. Paths whose delayed prices could still trigger walk every step.
 */
final class LastStretch {
  private LastStretch() {
  }

  /** Why the last stretch may not be crossed at once in {@code s}, or null if it may. */
  static String refusal(Scenario s) {
    if (s.oracle().delaySteps() == 0) {
      return "an oracle without delay: the last step can trigger";
    }
    if (s.oracle().deviation() != 0 || s.oracle().holdSteps() != 0 || s.oracle().twapSteps() != 0
        || s.oracle().outagesPerStep() != 0) {
      return "an oracle with push rules, a hold, a TWAP or outages (it must only delay)";
    }
    if (s.crossMargin() != null || !s.market().plainGbm()) {
      return "a price model other than plain GBM on one asset";
    }
    if (s.tilt().active() || s.antithetic()) {
      return "importance sampling or antithetic pairs (they act on every step's normal)";
    }
    if (s.congestion() != null || s.margin() != null || s.circuitBreaker() != null
        || s.perps() != null) {
      return "congestion, a dynamic margin, a circuit breaker or perps (they act every step)";
    }
    return null;
  }
}
