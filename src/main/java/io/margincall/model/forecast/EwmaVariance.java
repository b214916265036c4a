package io.margincall.model.forecast;

import io.margincall.model.FdLibm;

/**
 * RiskMetrics' exponentially weighted moving average of squared returns,
 * {@code v <- lambda v + (1 - lambda) r^2}: the realized variance per step, weighting a return
 * {@code lambda^k} after k steps (half-life {@code ln 2 / -ln lambda} steps). As a forecast it is
 * a random walk: every future step's variance is today's, so h steps carry {@code h v}.
 */
public final class EwmaVariance implements VarianceForecast {
  private final double lambda;
  private double v;

  private EwmaVariance(double lambda) {
    this.lambda = lambda;
  }

  /**
   * @param halfLifeSteps the steps after which a return's weight has halved, {@code > 0}
   * @throws IllegalArgumentException naming the half-life if it is not finite and positive
   */
  public static EwmaVariance ofHalfLife(double halfLifeSteps) {
    if (!(halfLifeSteps > 0) || Double.isInfinite(halfLifeSteps)) {
      throw new IllegalArgumentException("EWMA half-life must be finite and > 0 steps, got "
          + halfLifeSteps);
    }
    return new EwmaVariance(decay(halfLifeSteps));
  }

  /** The weight {@code lambda = 2^(-1 / halfLife)} a value keeps after one step. */
  public static double decay(double halfLifeSteps) {
    return StrictMath.exp(-FdLibm.log(2) / halfLifeSteps);
  }

  /** The decay per step, lambda. */
  public double lambda() {
    return lambda;
  }

  @Override
  public void reset(double variance) {
    v = variance;
  }

  @Override
  public void observe(double r) {
    v = lambda * v + (1 - lambda) * (r * r);
  }

  @Override
  public double nextStep() {
    return v;
  }

  @Override
  public double over(int h) {
    return h * v;
  }
}
