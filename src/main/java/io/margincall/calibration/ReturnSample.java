package io.margincall.calibration;

import io.margincall.model.FdLibm;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.PriceSeries;
import java.util.Arrays;

/**
 * The one-step log-returns {@code r_i = ln(C_i / C_(i-1))} of a price series at its resolution,
 * what every likelihood here is written in.
 *
 * <p>Only returns between consecutive bars are kept. A return across a gap of k missing bars
 * spans k + 1 steps; it is left out rather than rescaled, so every return kept has the same
 * step dt, and the model that needs to know (GARCH, whose variance evolves step by step) is
 * told that k + 1 steps passed unobserved before the next return ({@link #unobservedBefore}).
 */
public final class ReturnSample {
  /** Fewest returns a fit accepts: below this, standard errors from the curvature mean little. */
  public static final int MIN_RETURNS = 30;

  private final double[] returns;
  private final int[] unobservedBefore;
  private final double stepSeconds;
  private final int acrossGaps;
  private final double mean;
  private final double sd;

  private ReturnSample(double[] returns, int[] unobservedBefore, double stepSeconds, int acrossGaps) {
    if (returns.length < MIN_RETURNS) {
      throw new IllegalArgumentException(returns.length + " returns between consecutive bars; a fit"
          + " needs at least " + MIN_RETURNS);
    }
    if (!(stepSeconds > 0) || Double.isInfinite(stepSeconds)) {
      throw new IllegalArgumentException("step must be > 0 seconds, got " + stepSeconds);
    }
    this.returns = returns;
    this.unobservedBefore = unobservedBefore;
    this.stepSeconds = stepSeconds;
    this.acrossGaps = acrossGaps;
    double m = 0;
    for (double r : returns) {
      if (!Double.isFinite(r)) {
        throw new IllegalArgumentException("a return is not finite: " + r);
      }
      m += r;
    }
    m /= returns.length;
    double v = 0;
    for (double r : returns) {
      v += (r - m) * (r - m);
    }
    this.mean = m;
    this.sd = Math.sqrt(v / returns.length);
    if (!(sd > 0)) {
      throw new IllegalArgumentException("every return is " + m + ": the price series is flat"
          + " (or geometric) and has no volatility to fit");
    }
  }

  /** The returns of a series between consecutive bars, at its resolution. */
  public static ReturnSample of(PriceSeries series) {
    long step = series.resolutionSeconds();
    double[] r = new double[series.size() - 1];
    int[] unobserved = new int[series.size() - 1];
    int n = 0;
    int pending = 0;
    for (int i = 1; i < series.size(); i++) {
      long steps = (series.epochSecond(i) - series.epochSecond(i - 1)) / step;
      if (steps == 1) {
        r[n] = FdLibm.log(series.close(i) / series.close(i - 1));
        unobserved[n] = pending;
        pending = 0;
        n++;
      } else {
        pending += (int) Math.min(Integer.MAX_VALUE / 2, steps);
      }
    }
    return new ReturnSample(Arrays.copyOf(r, n), Arrays.copyOf(unobserved, n), step,
        series.size() - 1 - n);
  }

  /** Returns of consecutive steps, none unobserved (simulated series in tests). */
  public static ReturnSample of(double[] returns, double stepSeconds) {
    return new ReturnSample(returns.clone(), new int[returns.length], stepSeconds, 0);
  }

  public int size() {
    return returns.length;
  }

  public double get(int i) {
    return returns[i];
  }

  /** Steps that passed unobserved between return i - 1 and return i (0 without a gap). */
  public int unobservedBefore(int i) {
    return unobservedBefore[i];
  }

  /** Returns left out because they span a gap. */
  public int returnsAcrossGaps() {
    return acrossGaps;
  }

  public double stepSeconds() {
    return stepSeconds;
  }

  /** The step in years of 365.25 days, as {@link GeometricBrownianMotion} counts them. */
  public double stepYears() {
    return stepSeconds / GeometricBrownianMotion.SECONDS_PER_YEAR;
  }

  /** The step in days. */
  public double stepDays() {
    return stepSeconds / 86_400;
  }

  /** The mean return per step. */
  public double mean() {
    return mean;
  }

  /** The standard deviation of the returns (maximum-likelihood, over n): the scale of a fit. */
  public double sd() {
    return sd;
  }
}
