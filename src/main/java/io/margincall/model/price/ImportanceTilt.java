package io.margincall.model.price;

import java.io.Serializable;

/**
 * Importance sampling's change of measure of the price draws (src/docs/statistics.md): each
 * path is drawn from the tilted law and weighted by the exact likelihood ratio of its draws.
 *
 * @param drift the mean of every normal price shock, in standard deviations (0: untilted); the
 *     normal part of a Student-t shock {@code t = Z / sqrt(V / nu)} too (V keeps its law)
 * @param jumpIntensityFactor the Merton jump intensity is drawn multiplied by this (1: untilted)
 * @param jumpLogMeanShift every log-jump is drawn with its mean moved by this (0: untilted)
 */
public record ImportanceTilt(double drift, double jumpIntensityFactor, double jumpLogMeanShift)
    implements Serializable {

  /** No tilt: plain sampling. */
  public static final ImportanceTilt NONE = new ImportanceTilt(0, 1, 0);

  public ImportanceTilt {
    if (!Double.isFinite(drift) || !(jumpIntensityFactor > 0) || Double.isInfinite(jumpIntensityFactor)
        || !Double.isFinite(jumpLogMeanShift)) {
      throw new IllegalArgumentException("a tilt needs a finite drift and log-jump shift and a"
          + " finite jump-intensity factor > 0, got " + drift + ", " + jumpIntensityFactor + ", "
          + jumpLogMeanShift);
    }
  }

  /** A tilt of the price shocks' mean only. */
  public static ImportanceTilt ofDrift(double drift) {
    return new ImportanceTilt(drift, 1, 0);
  }

  /** Whether any draw is tilted (then every path carries a likelihood-ratio weight). */
  public boolean active() {
    return drift != 0 || jumpIntensityFactor != 1 || jumpLogMeanShift != 0;
  }

  /** Whether the jumps are tilted. */
  public boolean jumps() {
    return jumpIntensityFactor != 1 || jumpLogMeanShift != 0;
  }
}
