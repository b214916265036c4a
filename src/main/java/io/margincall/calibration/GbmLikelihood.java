package io.margincall.calibration;

import io.margincall.model.FdLibm;
import java.util.List;

/**
 * Geometric Brownian motion: one-step log-returns are independent
 * {@code N((mu - sigma^2/2) dt, sigma^2 dt)}, with {@code mu} and {@code sigma} per year (the
 * exact step of {@link io.margincall.model.price.GeometricBrownianMotion}).
 *
 * <p>The maximum is in closed form: {@code m = mean(r)}, {@code v = sum (r - m)^2 / n}, then
 * {@code sigma = sqrt(v / dt)} and {@code mu = m / dt + sigma^2 / 2}. Internal coordinates:
 * {@code x = (m / s, ln(sqrt(v) / s))} with {@code s} the sample's standard deviation.
 */
public final class GbmLikelihood implements ReturnModel {
  private static final double LOG_2PI = FdLibm.log(2 * Math.PI);
  private static final List<Parameter> PARAMETERS = List.of(
      new Parameter("mu", "per year", false),
      new Parameter("sigma", "per year", false));

  @Override
  public String name() {
    return "gbm";
  }

  @Override
  public List<Parameter> parameters() {
    return PARAMETERS;
  }

  @Override
  public int dimension() {
    return 2;
  }

  /** The closed form needs no box; this one is wide enough never to hold it. */
  @Override
  public double[] lower(ReturnSample sample) {
    return new double[] {-1e9, FdLibm.log(1e-3)};
  }

  @Override
  public double[] upper(ReturnSample sample) {
    return new double[] {1e9, FdLibm.log(1e3)};
  }

  @Override
  public List<double[]> starts(ReturnSample sample) {
    return List.of(closedForm(sample));
  }

  @Override
  public double[] closedForm(ReturnSample sample) {
    // s is the maximum-likelihood standard deviation itself, so the log-scale coordinate is 0.
    return new double[] {sample.mean() / sample.sd(), 0};
  }

  @Override
  public double negLogLikelihood(double[] x, ReturnSample sample) {
    double m = x[0] * sample.sd();
    double sd = sample.sd() * StrictMath.exp(x[1]);
    double sum = 0;
    for (int i = 0; i < sample.size(); i++) {
      double z = (sample.get(i) - m) / sd;
      sum += z * z;
    }
    return 0.5 * sum + sample.size() * (FdLibm.log(sd) + 0.5 * LOG_2PI);
  }

  @Override
  public double[] reported(double[] x, ReturnSample sample) {
    double dt = sample.stepYears();
    double sigma = sample.sd() * StrictMath.exp(x[1]) / Math.sqrt(dt);
    double mu = x[0] * sample.sd() / dt + 0.5 * sigma * sigma;
    return new double[] {mu, sigma};
  }

  @Override
  public double[] residuals(double[] x, ReturnSample sample) {
    double m = x[0] * sample.sd();
    double sd = sample.sd() * StrictMath.exp(x[1]);
    double[] z = new double[sample.size()];
    for (int i = 0; i < z.length; i++) {
      z[i] = (sample.get(i) - m) / sd;
    }
    return z;
  }
}
