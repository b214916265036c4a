package io.margincall.model.price;

import java.io.Serializable;

/**
 * Geometric Brownian motion {@code dS = mu S dt + sigma S dW}, stepped exactly:
 * {@code ln S(t+dt) = ln S(t) + (mu - sigma^2/2) dt + sigma sqrt(dt) Z}. No Euler error, whatever
 * the step.
 *
 * <p>Drift and volatility are per year; a year is {@value #SECONDS_PER_YEAR} seconds (365.25
 * days: crypto markets trade every day).
 */
public final class GeometricBrownianMotion implements PriceProcess, Serializable {
  private static final long serialVersionUID = 1L;

  /** Seconds in the year that annualised drift and volatility refer to. */
  public static final double SECONDS_PER_YEAR = 365.25 * 86_400;

  private final double drift;
  private final double volatility;
  private final double stepSeconds;
  private final double logDrift;
  private final double logVolatility;

  private GeometricBrownianMotion(double drift, double volatility, double stepSeconds) {
    this.drift = drift;
    this.volatility = volatility;
    this.stepSeconds = stepSeconds;
    double dtYears = stepSeconds / SECONDS_PER_YEAR;
    this.logDrift = (drift - 0.5 * volatility * volatility) * dtYears;
    this.logVolatility = volatility * Math.sqrt(dtYears);
  }

  /**
   * @param drift annual drift mu (finite)
   * @param volatility annual volatility sigma ({@code >= 0}; 0 gives a deterministic path)
   * @param stepSeconds the time step in seconds ({@code > 0})
   */
  public static GeometricBrownianMotion of(double drift, double volatility, double stepSeconds) {
    if (!Double.isFinite(drift)) {
      throw new IllegalArgumentException("GBM drift must be finite, got " + drift);
    }
    if (!(volatility >= 0) || Double.isInfinite(volatility)) {
      throw new IllegalArgumentException("GBM volatility must be finite and >= 0, got " + volatility);
    }
    if (!(stepSeconds > 0) || Double.isInfinite(stepSeconds)) {
      throw new IllegalArgumentException("GBM step must be > 0 seconds, got " + stepSeconds);
    }
    return new GeometricBrownianMotion(drift, volatility, stepSeconds);
  }

  @Override
  public double nextLogPrice(double logPrice, double z) {
    return logPrice + logDrift + logVolatility * z;
  }

  public double drift() {
    return drift;
  }

  public double volatility() {
    return volatility;
  }

  public double stepSeconds() {
    return stepSeconds;
  }

  /** The deterministic part of one log step, {@code (mu - sigma^2/2) dt}. */
  public double logDriftPerStep() {
    return logDrift;
  }

  /** The standard deviation of one log step, {@code sigma sqrt(dt)}. */
  public double logVolatilityPerStep() {
    return logVolatility;
  }
}
