package io.margincall.calibration;

import io.margincall.model.FdLibm;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Erf;

/**
 * Merton's jump-diffusion: GBM plus compound Poisson jumps in the log price,
 * {@code r = (mu - sigma^2/2) dt + sigma sqrt(dt) Z + Y_1 + ... + Y_N}, with
 * {@code N ~ Poisson(lambda dt)} jumps per step and log-jumps {@code Y ~ N(mJ, sJ^2)}
 * (Merton, "Option pricing when underlying stock returns are discontinuous", 1976). Jumps come
 * on top of the diffusion: {@code mu} is the diffusion's drift, not compensated for the jumps.
 *
 * <p>The density of one step is a Poisson mixture of normals,
 * {@code f(r) = sum_k P(N = k) phi(r; (mu - sigma^2/2) dt + k mJ, sigma^2 dt + k sJ^2)}. The sum
 * stops at the first {@code k > lambda dt} where the Poisson tail beyond it is below
 * {@value #TAIL} (bounded by {@code P(N = k) q / (1 - q)}, {@code q = lambda dt / (k + 1)}), so
 * the neglected density is below {@value #TAIL} times the largest normal density.
 *
 * <p>Bounds: {@code sigma sqrt(dt)} in [0.01, 10] sample standard deviations; {@code lambda} in
 * [0.001, 100] per day and at most 5 per step (more, smaller jumps than that are diffusion);
 * {@code mJ} in [-1, 1]; {@code sJ} in [0.05 s, 1]. Without the lower bounds the likelihood of a
 * mixture grows without limit as one component shrinks onto one return.
 */
public final class MertonJumpLikelihood implements ReturnModel {
  /** The Poisson mass left out of the mixture. */
  public static final double TAIL = 1e-12;
  private static final double LOG_2PI = FdLibm.log(2 * Math.PI);
  private static final List<Parameter> PARAMETERS = List.of(
      new Parameter("mu", "per year", false),
      new Parameter("sigma", "per year", false),
      new Parameter("lambda", "jumps per day", false),
      new Parameter("log-mean", "ln(jump factor)", false),
      new Parameter("log-std", "ln(jump factor)", false));

  @Override
  public String name() {
    return "merton";
  }

  @Override
  public List<Parameter> parameters() {
    return PARAMETERS;
  }

  @Override
  public int dimension() {
    return 5;
  }

  // x = (m / s, ln(sigma sqrt(dt) / s), ln(lambda per day), mJ / s, ln(sJ / s))

  @Override
  public double[] lower(ReturnSample sample) {
    double s = sample.sd();
    return new double[] {-10, FdLibm.log(0.01), FdLibm.log(1e-3), -1 / s, FdLibm.log(0.05)};
  }

  @Override
  public double[] upper(ReturnSample sample) {
    double s = sample.sd();
    return new double[] {10, FdLibm.log(10), FdLibm.log(maxIntensity(sample)), 1 / s,
        Math.max(FdLibm.log(1 / s), FdLibm.log(0.05) + 1)};
  }

  private static double maxIntensity(ReturnSample sample) {
    return Math.min(100, 5 / sample.stepDays());
  }

  /** Six starts: few or many jumps, small or large, all from a diffusion of 0.8 s. */
  @Override
  public List<double[]> starts(ReturnSample sample) {
    double[] lo = lower(sample);
    double[] hi = upper(sample);
    List<double[]> starts = new ArrayList<>();
    for (double lambda : new double[] {0.5, 5, 50}) {
      for (double jumpSd : new double[] {3, 10}) {
        double[] x = {sample.mean() / sample.sd(), FdLibm.log(0.8), FdLibm.log(lambda), 0,
            FdLibm.log(jumpSd)};
        for (int j = 0; j < x.length; j++) {
          x[j] = Math.max(lo[j], Math.min(hi[j], x[j]));
        }
        starts.add(x);
      }
    }
    return starts;
  }

  /** The mixture of one step: Poisson weights (log), component means and variances. */
  private record Mixture(double[] logWeight, double[] mean, double[] variance) {}

  private static Mixture mixture(double[] x, ReturnSample sample) {
    double s = sample.sd();
    double m = x[0] * s;
    double diffusionVar = StrictMath.pow(s * StrictMath.exp(x[1]), 2);
    double lambdaStep = StrictMath.exp(x[2]) * sample.stepDays();
    double jumpMean = x[3] * s;
    double jumpVar = StrictMath.pow(s * StrictMath.exp(x[4]), 2);
    List<Double> logWeights = new ArrayList<>();
    double logP = -lambdaStep;
    for (int k = 0; ; k++) {
      logWeights.add(logP);
      double q = lambdaStep / (k + 1);
      if (q < 1 && StrictMath.exp(logP) * q / (1 - q) < TAIL) {
        break;
      }
      logP += FdLibm.log(lambdaStep) - FdLibm.log(k + 1);
    }
    int terms = logWeights.size();
    double[] w = new double[terms];
    double[] mean = new double[terms];
    double[] var = new double[terms];
    for (int k = 0; k < terms; k++) {
      w[k] = logWeights.get(k);
      mean[k] = m + k * jumpMean;
      var[k] = diffusionVar + k * jumpVar;
    }
    return new Mixture(w, mean, var);
  }

  /** Terms of the Poisson sum kept at {@code x} (for tests of the truncation). */
  static int terms(double[] x, ReturnSample sample) {
    return mixture(x, sample).mean().length;
  }

  @Override
  public double negLogLikelihood(double[] x, ReturnSample sample) {
    Mixture mix = mixture(x, sample);
    int terms = mix.mean().length;
    double[] logNorm = new double[terms];
    double[] halfInvVar = new double[terms];
    for (int k = 0; k < terms; k++) {
      logNorm[k] = mix.logWeight()[k] - 0.5 * (LOG_2PI + FdLibm.log(mix.variance()[k]));
      halfInvVar[k] = 0.5 / mix.variance()[k];
    }
    double[] log = new double[terms];
    double sum = 0;
    for (int i = 0; i < sample.size(); i++) {
      double r = sample.get(i);
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < terms; k++) {
        double d = r - mix.mean()[k];
        log[k] = logNorm[k] - d * d * halfInvVar[k];
        max = Math.max(max, log[k]);
      }
      double acc = 0;
      for (int k = 0; k < terms; k++) {
        acc += StrictMath.exp(log[k] - max);
      }
      sum += max + FdLibm.log(acc);
    }
    return -sum;
  }

  /** The density of one step's log-return {@code r} at {@code x} (for tests). */
  static double density(double r, double[] x, ReturnSample sample) {
    Mixture mix = mixture(x, sample);
    double f = 0;
    for (int k = 0; k < mix.mean().length; k++) {
      double d = r - mix.mean()[k];
      f += StrictMath.exp(mix.logWeight()[k] - d * d / (2 * mix.variance()[k]))
          / Math.sqrt(2 * Math.PI * mix.variance()[k]);
    }
    return f;
  }

  @Override
  public double[] reported(double[] x, ReturnSample sample) {
    double s = sample.sd();
    double dt = sample.stepYears();
    double sigma = s * StrictMath.exp(x[1]) / Math.sqrt(dt);
    double mu = x[0] * s / dt + 0.5 * sigma * sigma;
    return new double[] {mu, sigma, StrictMath.exp(x[2]), x[3] * s, s * StrictMath.exp(x[4])};
  }

  @Override
  public double[] residuals(double[] x, ReturnSample sample) {
    Mixture mix = mixture(x, sample);
    int terms = mix.mean().length;
    double[] weight = new double[terms];
    double[] sd = new double[terms];
    for (int k = 0; k < terms; k++) {
      weight[k] = StrictMath.exp(mix.logWeight()[k]);
      sd[k] = Math.sqrt(mix.variance()[k]);
    }
    double[] z = new double[sample.size()];
    for (int i = 0; i < z.length; i++) {
      // F(r) from whichever tail is small, so that extreme returns keep their precision.
      double lowerTail = 0;
      double upperTail = 0;
      for (int k = 0; k < terms; k++) {
        double u = (sample.get(i) - mix.mean()[k]) / (sd[k] * Math.sqrt(2));
        lowerTail += weight[k] * 0.5 * Erf.erfc(-u);
        upperTail += weight[k] * 0.5 * Erf.erfc(u);
      }
      z[i] = lowerTail <= upperTail ? NormalQuantile.lower(lowerTail) : -NormalQuantile.lower(upperTail);
    }
    return z;
  }
}
