package io.margincall.calibration;

import io.margincall.kernel.PathStreams;
import io.margincall.model.price.GeometricBrownianMotion;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Exact simulators of the three return models, for recovery tests: every step is drawn from the
 * model's own one-step law, no discretisation. Streams are {@link PathStreams} with test-only
 * mechanism numbers, so no simulation stream of the product is reused.
 */
final class SimulatedReturns {
  /** Test-only mechanism numbers (the product uses 0-2). */
  static final int GBM_STREAM = 1001;
  static final int MERTON_STREAM = 1002;
  static final int GARCH_STREAM = 1003;

  private SimulatedReturns() {}

  /** GBM: {@code r = (mu - sigma^2/2) dt + sigma sqrt(dt) Z}, mu and sigma per year. */
  static double[] gbm(long seed, long path, int n, double stepSeconds, double mu, double sigma) {
    UniformRandomProvider rng = PathStreams.stream(seed, path, GBM_STREAM);
    NormalizedGaussianSampler z = ZigguratSampler.NormalizedGaussian.of(rng);
    double dt = stepSeconds / GeometricBrownianMotion.SECONDS_PER_YEAR;
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = (mu - 0.5 * sigma * sigma) * dt + sigma * Math.sqrt(dt) * z.sample();
    }
    return r;
  }

  /**
   * Merton: the GBM step plus {@code N ~ Poisson(lambda dt)} log-jumps {@code N(mJ, sJ^2)},
   * lambda per day.
   */
  static double[] merton(long seed, int n, double stepSeconds, double mu, double sigma,
                         double lambdaPerDay, double jumpMean, double jumpSd) {
    UniformRandomProvider rng = PathStreams.stream(seed, 0, MERTON_STREAM);
    NormalizedGaussianSampler z = ZigguratSampler.NormalizedGaussian.of(rng);
    DiscreteSampler jumps = PoissonSampler.of(rng, lambdaPerDay * stepSeconds / 86_400);
    double dt = stepSeconds / GeometricBrownianMotion.SECONDS_PER_YEAR;
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = (mu - 0.5 * sigma * sigma) * dt + sigma * Math.sqrt(dt) * z.sample();
      for (int k = jumps.sample(); k > 0; k--) {
        r[i] += jumpMean + jumpSd * z.sample();
      }
    }
    return r;
  }

  /**
   * GARCH(1,1): {@code r = mu + sqrt(h) Z}, {@code h' = omega + alpha (r - mu)^2 + beta h},
   * started at the unconditional variance and run {@code burnIn} steps before the first return
   * kept, so the sample starts in the stationary law.
   */
  static double[] garch(long seed, int n, int burnIn, double mu, double omega, double alpha,
                        double beta) {
    UniformRandomProvider rng = PathStreams.stream(seed, 0, GARCH_STREAM);
    NormalizedGaussianSampler z = ZigguratSampler.NormalizedGaussian.of(rng);
    double h = omega / (1 - alpha - beta);
    double[] r = new double[n];
    for (int i = -burnIn; i < n; i++) {
      double e = Math.sqrt(h) * z.sample();
      if (i >= 0) {
        r[i] = mu + e;
      }
      h = omega + alpha * e * e + beta * h;
    }
    return r;
  }
}
