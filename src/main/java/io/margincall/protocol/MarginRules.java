package io.margincall.protocol;

import java.io.Serializable;

/**
 * Dynamic margin (SPEC 2.6, Mitigations): one common factor {@code m} scales every loan's
 * liquidation threshold, {@code LT_eff = LT / m}, and every perp position's maintenance margin,
 * {@code MM_eff = MM x m}; {@code m > 1} is a tighter margin, {@code m = 1} the book's own. The
 * factor follows the variance of the oracle's log returns (the protocol sees nothing else of the
 * price): its target is {@code sqrt(v / reference)}, v the realized (EWMA) variance per step or,
 * predictive, the GARCH(1,1) forecast of the next {@code horizon} steps per step, the latter times
 * {@code max(1, gas / gasReference)^gasWeight} for the congestion expected. Governance moves the
 * factor toward the target within {@code [min, max]}, by at most {@code maxStepChange} per step
 * elapsed and {@code maxUpdateChange} relative per update, at least {@code minDelaySteps} apart
 * (Aave's risk stewards: a threshold moves by at most 0.25 points per 3 days).
 *
 * @param model how the target is set
 * @param referenceVariance the variance of a step's oracle log return at which the target is 1
 * @param ewmaHalfLifeSteps half-life of the realized variance's EWMA, steps
 * @param garchAlpha GARCH(1,1) weight of the last squared return
 * @param garchBeta GARCH(1,1) weight of the last variance
 * @param garchLongRunVariance the per-step variance the GARCH forecast reverts to
 * @param horizonSteps the forecast horizon h, steps: the predictive target's window, and every
 *     forecast's scoring window
 * @param minFactor lowest factor, {@code (0, 1]}
 * @param maxFactor highest factor, {@code >= 1}
 * @param maxStepChange largest move of the factor per step elapsed since the last update
 * @param maxUpdateChange largest relative move of the factor in one update
 * @param minDelaySteps fewest steps between two updates
 * @param gasHalfLifeSteps half-life of the gas price's EWMA, steps
 * @param gasReferenceGwei gas price above which the predictive target rises
 * @param gasWeight exponent of the gas term (0: volatility only)
 */
public record MarginRules(Model model, double referenceVariance, double ewmaHalfLifeSteps,
                          double garchAlpha, double garchBeta, double garchLongRunVariance,
                          int horizonSteps, double minFactor, double maxFactor,
                          double maxStepChange, double maxUpdateChange, int minDelaySteps,
                          double gasHalfLifeSteps, double gasReferenceGwei, double gasWeight)
    implements Serializable {

  /** How the factor's target is set. */
  public enum Model {
    /** The realized variance (EWMA of squared oracle returns): reacts to stress seen. */
    REALIZED_VOLATILITY,
    /** A GARCH(1,1) forecast of the next horizon's variance, and the gas EWMA. */
    PREDICTIVE
  }

  public MarginRules {
    if (model == null) {
      throw new IllegalArgumentException("margin model must be set");
    }
    positive("reference variance", referenceVariance);
    positive("EWMA half-life", ewmaHalfLifeSteps);
    positive("GARCH long-run variance", garchLongRunVariance);
    positive("gas EWMA half-life", gasHalfLifeSteps);
    positive("gas reference", gasReferenceGwei);
    if (!(garchAlpha >= 0 && garchBeta >= 0 && garchAlpha + garchBeta < 1)) {
      throw new IllegalArgumentException("GARCH(1,1) needs alpha, beta >= 0 and alpha + beta < 1,"
          + " got " + garchAlpha + ", " + garchBeta);
    }
    if (horizonSteps < 1) {
      throw new IllegalArgumentException("forecast horizon must be >= 1 step, got " + horizonSteps);
    }
    if (!(minFactor > 0 && minFactor <= 1 && maxFactor >= 1 && maxFactor < 1e6)) {
      throw new IllegalArgumentException("margin factor bounds must be 0 < min <= 1 <= max, got ["
          + minFactor + ", " + maxFactor + "]");
    }
    if (!(maxStepChange > 0) || !(maxUpdateChange > 0) || minDelaySteps < 0) {
      throw new IllegalArgumentException("margin change limits must be > 0 and the delay >= 0,"
          + " got " + maxStepChange + ", " + maxUpdateChange + ", " + minDelaySteps);
    }
    if (!(gasWeight >= 0 && gasWeight <= 10)) {
      throw new IllegalArgumentException("gas weight must be in [0, 10], got " + gasWeight);
    }
  }

  private static void positive(String what, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be finite and > 0, got " + v);
    }
  }

  /**
   * The factor governance moves to at step t from factor {@code m}, last updated at step
   * {@code last}, given the target: the target within the bounds, the per-step and per-update
   * limits; {@code m} itself while the delay since the last update runs.
   */
  public double next(double m, int t, int last, double target) {
    int elapsed = t - last;
    if (elapsed < minDelaySteps) {
      return m;
    }
    double x = Math.min(maxFactor, Math.max(minFactor, target));
    double step = Math.min(maxStepChange * elapsed, maxUpdateChange * m);
    return Math.min(m + step, Math.max(m - step, x));
  }
}
