package io.margincall.model.forecast;

/**
 * An exponentially weighted moving average of a level, {@code x <- lambda x + (1 - lambda) y}:
 * the forecast of the level's mean over the next steps (a random walk), e.g. the gas price a
 * protocol expects its liquidators to pay.
 */
public final class EwmaLevel {
  private final double lambda;
  private double level;

  /** @param halfLifeSteps the steps after which a value's weight has halved, {@code > 0} */
  public EwmaLevel(double halfLifeSteps) {
    if (!(halfLifeSteps > 0) || Double.isInfinite(halfLifeSteps)) {
      throw new IllegalArgumentException("EWMA half-life must be finite and > 0 steps, got "
          + halfLifeSteps);
    }
    this.lambda = EwmaVariance.decay(halfLifeSteps);
  }

  /** A new path: the forecast starts at {@code level}. */
  public void reset(double level) {
    this.level = level;
  }

  /** One step's value is observed. */
  public void observe(double y) {
    level = lambda * level + (1 - lambda) * y;
  }

  /** The forecast of the level over the next steps. */
  public double forecast() {
    return level;
  }
}
