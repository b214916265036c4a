package io.margincall.calibration;

import io.margincall.model.FdLibm;
import java.util.ArrayList;
import java.util.List;

/**
 * GARCH(1,1) on one-step log-returns, in per-step terms (Bollerslev, 1986):
 * {@code r_t = mu + e_t}, {@code e_t = sqrt(h_t) Z_t}, {@code h_(t+1) = omega + alpha e_t^2 + beta h_t},
 * with {@code omega, alpha, beta > 0} and {@code alpha + beta < 1}.
 *
 * <p>Free omega, not variance targeting: all four parameters are fitted, through
 * {@code x = (mu / s, ln(v / s^2), logit(alpha + beta), logit(alpha / (alpha + beta)))}, where
 * {@code v = omega / (1 - alpha - beta)} is the unconditional variance per step. The box keeps
 * the persistence {@code alpha + beta} in [0.001, 0.9999], alpha's share of it in
 * [0.0001, 0.9999] (so both are positive) and {@code v} within a factor 100 of the sample
 * variance. The recursion starts from the sample variance, {@code h_1 = s^2}. Across a gap of
 * unobserved steps the variance follows its expectation, {@code h <- omega + (alpha + beta) h}
 * per step. Parameters are per step of the series: they do not carry over to another step
 * unchanged (GARCH is not closed under time aggregation).
 */
public final class Garch11Likelihood implements ReturnModel {
  private static final double LOG_2PI = FdLibm.log(2 * Math.PI);
  private static final List<Parameter> PARAMETERS = List.of(
      new Parameter("mean", "log-return per step", false),
      new Parameter("omega", "variance per step", false),
      new Parameter("alpha", "", false),
      new Parameter("beta", "", false),
      new Parameter("alpha+beta", "persistence", true),
      new Parameter("volatility", "per year, unconditional", true),
      new Parameter("half-life", "hours, of a variance shock", true));

  @Override
  public String name() {
    return "garch";
  }

  @Override
  public List<Parameter> parameters() {
    return PARAMETERS;
  }

  @Override
  public int dimension() {
    return 4;
  }

  @Override
  public double[] lower(ReturnSample sample) {
    return new double[] {-10, FdLibm.log(0.01), logit(1e-3), logit(1e-4)};
  }

  @Override
  public double[] upper(ReturnSample sample) {
    return new double[] {10, FdLibm.log(100), logit(0.9999), logit(0.9999)};
  }

  /** Four starts, from weak to near-integrated volatility clustering. */
  @Override
  public List<double[]> starts(ReturnSample sample) {
    List<double[]> starts = new ArrayList<>();
    double[][] persistenceAndShare = {{0.8, 0.2}, {0.95, 0.1}, {0.99, 0.05}, {0.999, 0.03}};
    for (double[] ps : persistenceAndShare) {
      starts.add(new double[] {sample.mean() / sample.sd(), 0, logit(ps[0]), logit(ps[1])});
    }
    return starts;
  }

  /** (mu, omega, alpha, beta) at x. */
  private static double[] natural(double[] x, ReturnSample sample) {
    double s = sample.sd();
    double v = s * s * StrictMath.exp(x[1]);
    double p = logistic(x[2]);
    double share = logistic(x[3]);
    return new double[] {x[0] * s, v * (1 - p), p * share, p * (1 - share)};
  }

  @Override
  public double negLogLikelihood(double[] x, ReturnSample sample) {
    double[] q = natural(x, sample);
    double mu = q[0];
    double omega = q[1];
    double alpha = q[2];
    double beta = q[3];
    double h = sample.sd() * sample.sd();
    double sum = 0;
    for (int t = 0; t < sample.size(); t++) {
      if (t > 0) {
        for (int k = sample.unobservedBefore(t); k > 0; k--) {
          h = omega + (alpha + beta) * h;
        }
      }
      double e = sample.get(t) - mu;
      sum += FdLibm.log(h) + e * e / h;
      h = omega + alpha * e * e + beta * h;
    }
    return 0.5 * (sum + sample.size() * LOG_2PI);
  }

  @Override
  public double[] reported(double[] x, ReturnSample sample) {
    double[] q = natural(x, sample);
    double p = q[2] + q[3];
    double v = q[1] / (1 - p);
    double halfLifeHours = FdLibm.log(0.5) / FdLibm.log(p) * sample.stepSeconds() / 3600;
    return new double[] {q[0], q[1], q[2], q[3], p, Math.sqrt(v / sample.stepYears()), halfLifeHours};
  }

  @Override
  public double[] residuals(double[] x, ReturnSample sample) {
    double[] q = natural(x, sample);
    double h = sample.sd() * sample.sd();
    double[] z = new double[sample.size()];
    for (int t = 0; t < z.length; t++) {
      if (t > 0) {
        for (int k = sample.unobservedBefore(t); k > 0; k--) {
          h = q[1] + (q[2] + q[3]) * h;
        }
      }
      double e = sample.get(t) - q[0];
      z[t] = e / Math.sqrt(h);
      h = q[1] + q[2] * e * e + q[3] * h;
    }
    return z;
  }

  static double logit(double p) {
    return FdLibm.log(p / (1 - p));
  }

  static double logistic(double x) {
    return 1 / (1 + StrictMath.exp(-x));
  }
}
