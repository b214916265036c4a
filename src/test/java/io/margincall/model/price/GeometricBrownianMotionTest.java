package io.margincall.model.price;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.margincall.kernel.PathStreams;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

class GeometricBrownianMotionTest {

  @Test
  void oneStepIsTheExactLogNormalStep() {
    double dt = 3600;
    GeometricBrownianMotion gbm = GeometricBrownianMotion.of(0.1, 0.8, dt);
    double years = dt / GeometricBrownianMotion.SECONDS_PER_YEAR;
    double z = -1.7;
    double expected = Math.log(2000) + (0.1 - 0.32) * years + 0.8 * Math.sqrt(years) * z;
    assertEquals(expected, gbm.nextLogPrice(Math.log(2000), z), 1e-15);
  }

  /**
   * E[S_T] = S0 exp(mu T) whatever the step (the step is exact). With T = 1 year in 365 daily
   * steps, sigma = 0.5: sd(S_T / S0) = sqrt(exp(sigma^2) - 1) exp(mu T); tolerance 4 standard
   * errors of the mean over N paths.
   */
  @Test
  void terminalMeanIsExactWhateverTheStep() {
    double mu = 0.2;
    double sigma = 0.5;
    int steps = 365;
    double dt = GeometricBrownianMotion.SECONDS_PER_YEAR / steps;
    GeometricBrownianMotion gbm = GeometricBrownianMotion.of(mu, sigma, dt);
    int paths = 40_000;
    double sum = 0;
    for (long p = 0; p < paths; p++) {
      ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(
          PathStreams.stream(1, p, PathStreams.PRICE));
      double x = 0;
      for (int t = 0; t < steps; t++) {
        x = gbm.nextLogPrice(x, z.sample());
      }
      sum += Math.exp(x);
    }
    double mean = sum / paths;
    double expected = Math.exp(mu);
    double se = Math.sqrt(Math.exp(sigma * sigma) - 1) * Math.exp(mu) / Math.sqrt(paths);
    assertEquals(expected, mean, 4 * se);
  }

  @Test
  void rejectsBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> GeometricBrownianMotion.of(0, -0.1, 12));
    assertThrows(IllegalArgumentException.class, () -> GeometricBrownianMotion.of(Double.NaN, 1, 12));
    assertThrows(IllegalArgumentException.class, () -> GeometricBrownianMotion.of(0, 1, 0));
  }
}
