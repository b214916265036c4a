package io.margincall.model.forecast;

/**
 * GARCH(1,1) with fixed parameters (Bollerslev 1986): {@code h(t+1) = omega + alpha r(t)^2 +
 * beta h(t)}, with {@code phi = alpha + beta < 1} and the long-run variance
 * {@code vbar = omega / (1 - phi)}. The k-step-ahead forecast reverts to vbar geometrically,
 * {@code E h(t+k) = vbar + phi^(k-1) (h(t+1) - vbar)}, so the variance of the next h returns is
 * {@code h vbar + (h(t+1) - vbar) (1 - phi^h) / (1 - phi)}.
 */
public final class Garch11Forecast implements VarianceForecast {
  private final double omega;
  private final double alpha;
  private final double beta;
  private final double longRun;
  private double next;

  private Garch11Forecast(double alpha, double beta, double longRun) {
    this.alpha = alpha;
    this.beta = beta;
    this.longRun = longRun;
    this.omega = longRun * (1 - alpha - beta);
  }

  /**
   * @param alpha weight of the last squared return, {@code >= 0}
   * @param beta weight of the last variance, {@code >= 0}, with {@code alpha + beta < 1}
   * @param longRunVariance the variance per step the forecast reverts to, {@code > 0}
   * @throws IllegalArgumentException naming the parameter out of range
   */
  public static Garch11Forecast of(double alpha, double beta, double longRunVariance) {
    if (!(alpha >= 0) || !(beta >= 0) || !(alpha + beta < 1)) {
      throw new IllegalArgumentException("GARCH(1,1) needs alpha >= 0, beta >= 0 and alpha + beta"
          + " < 1 (a stationary variance), got alpha " + alpha + ", beta " + beta);
    }
    if (!(longRunVariance > 0) || Double.isInfinite(longRunVariance)) {
      throw new IllegalArgumentException("GARCH(1,1) long-run variance must be finite and > 0,"
          + " got " + longRunVariance);
    }
    return new Garch11Forecast(alpha, beta, longRunVariance);
  }

  /** omega = vbar (1 - alpha - beta). */
  public double omega() {
    return omega;
  }

  @Override
  public void reset(double variance) {
    next = variance;
  }

  @Override
  public void observe(double r) {
    next = omega + alpha * (r * r) + beta * next;
  }

  @Override
  public double nextStep() {
    return next;
  }

  @Override
  public double over(int h) {
    double phi = alpha + beta;
    return h * longRun + (next - longRun) * (1 - StrictMath.pow(phi, h)) / (1 - phi);
  }
}
