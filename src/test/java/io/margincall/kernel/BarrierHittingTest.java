package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeCount;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Liquidation frequency of one account under GBM against the closed-form probability that a
 * discretely monitored GBM crosses a barrier.
 *
 * <p>With every mechanism ideal and oracle delay d, the account is liquidated iff the market
 * price at some step 1..n-d is below its trigger H = D / (c LT) (SPEC 7). For X_t = nu t + sigma
 * W_t, nu = mu - sigma^2/2, b = ln(H / S0) < 0, continuous monitoring over T gives
 * {@code P = Phi((b - nu T)/(sigma sqrt T)) + exp(2 nu b / sigma^2) Phi((b + nu T)/(sigma sqrt T))};
 * monitoring every dt is corrected by moving the barrier to {@code H exp(-beta sigma sqrt dt)},
 * beta = -zeta(1/2)/sqrt(2 pi) = 0.5826 (Broadie, Glasserman and Kou, "A continuity correction for
 * discrete barrier options", Math. Finance 1997). The correction has an error of its own, of
 * order 1/n: on the 24-step grid it is 0.0028 (0.9 standard error here), so that case is checked
 * against the exact discrete probability instead, computed by a density recursion
 * ({@link #discreteHit}); on the 288- and 7,200-step grids the correction's error is below 0.0003
 * (0.1 standard error) and BGK is the reference. Tolerance: 4 binomial standard errors of the
 * Monte Carlo estimate, sqrt(p (1-p) / N).
 */
class BarrierHittingTest {
  static final double BETA = 0.5825971579390106;
  private static final NormalDistribution PHI = new NormalDistribution(0, 1);

  static double continuousHit(double b, double nu, double sigma, double horizonYears) {
    double s = sigma * Math.sqrt(horizonYears);
    return PHI.cumulativeProbability((b - nu * horizonYears) / s)
        + Math.exp(2 * nu * b / (sigma * sigma))
        * PHI.cumulativeProbability((b + nu * horizonYears) / s);
  }

  /**
   * P(min_{k=1..n} X_k < b) for the random walk X_0 = 0, X_k = X_{k-1} + m + s Z_k (b < 0):
   * the density of the surviving walk on a grid of step s/100 from b up to 9 s sqrt(n) above 0,
   * carried forward by the Gaussian step kernel (trapezoid rule, error O(h^2) ~ 1e-5 here).
   */
  static double discreteHit(double b, double m, double s, int n) {
    double h = s / 100;
    double upper = Math.max(0, n * m) + 9 * s * Math.sqrt(n);
    int size = (int) Math.ceil((upper - b) / h) + 1;
    int reach = (int) Math.ceil(9 * s / h) + (int) Math.ceil(Math.abs(m) / h);
    double[] kernel = new double[2 * reach + 1];
    for (int k = -reach; k <= reach; k++) {
      kernel[k + reach] = PHI.density((k * h - m) / s) / s;
    }
    double[] f = new double[size];
    for (int j = 0; j < size; j++) {
      f[j] = PHI.density((b + j * h - m) / s) / s;
    }
    for (int step = 2; step <= n; step++) {
      double[] next = new double[size];
      for (int j = 0; j < size; j++) {
        double w = (j == 0 || j == size - 1 ? 0.5 : 1.0) * h * f[j];
        if (w == 0) {
          continue;
        }
        int lo = Math.max(0, j - reach);
        int hi = Math.min(size - 1, j + reach);
        for (int k = lo; k <= hi; k++) {
          next[k] += w * kernel[k - j + reach];
        }
      }
      f = next;
    }
    double survival = 0;
    for (int j = 0; j < size; j++) {
      survival += (j == 0 || j == size - 1 ? 0.5 : 1.0) * h * f[j];
    }
    return 1 - survival;
  }

  @ParameterizedTest(name = "sigma={0} dt={1}s n={2} delay={3}")
  @CsvSource({
      "0.8, 12, 7200, 0",
      "1.5, 12, 7200, 0",
      "0.8, 3600, 24, 0",
      "1.5, 300, 288, 12",
  })
  void liquidationFrequencyMatchesTheCorrectedBarrierFormula(double sigma, double dt, int steps,
                                                             int delay) {
    int paths = 20_000;
    double s0 = 2000;
    double yearsPerStep = dt / GeometricBrownianMotion.SECONDS_PER_YEAR;
    double horizonYears = (steps - delay) * yearsPerStep;
    // Barrier one standard deviation of the horizon below the start: p near 0.3.
    double trigger = s0 * Math.exp(-sigma * Math.sqrt(horizonYears));
    double lt = 0.8;
    double c = 1.0;
    double debt = trigger * c * lt;
    Scenario scenario = TestScenarios.singleAccount(101, sigma, dt, steps, s0, c, debt, lt,
        new OracleRules(delay, 0, 0));

    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    long liquidated = 0;
    for (long path = 0; path < paths; path++) {
      kernel.run(path, out);
      if (out.countOf(OutcomeCount.LIQUIDATIONS) > 0) {
        liquidated++;
      }
    }
    double estimate = liquidated / (double) paths;

    double nu = -0.5 * sigma * sigma;
    double shift = -BETA * sigma * Math.sqrt(yearsPerStep);
    double bgk = continuousHit(Math.log(trigger / s0) + shift, nu, sigma, horizonYears);
    double expected = steps - delay <= 24
        ? discreteHit(Math.log(trigger / s0), nu * yearsPerStep, sigma * Math.sqrt(yearsPerStep),
            steps - delay)
        : bgk;
    double se = Math.sqrt(expected * (1 - expected) / paths);
    assertEquals(expected, estimate, 4 * se,
        "P(liquidation): closed form " + expected + ", Monte Carlo " + estimate + ", se " + se);

    if (steps <= 24) {
      // On a coarse grid the uncorrected continuous formula is far off: the test can tell.
      double uncorrected = continuousHit(Math.log(trigger / s0), nu, sigma, horizonYears);
      assertTrue(Math.abs(uncorrected - estimate) > 8 * se,
          "continuous " + uncorrected + " should be rejected against " + estimate);
      // And the exact discrete value agrees with BGK to the correction's known error.
      assertEquals(bgk, expected, 0.005, "BGK " + bgk + " vs exact discrete " + expected);
    }
  }
}
