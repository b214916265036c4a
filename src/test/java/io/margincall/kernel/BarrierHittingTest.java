package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
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
 * discrete barrier options", Math. Finance 1997). Tolerance: 4 binomial standard errors of the
 * Monte Carlo estimate, sqrt(p (1-p) / N), plus the correction's own O(1/n) error, negligible at
 * these n (it is under 0.1 standard error in their paper's tables at 50 monitoring dates).
 */
class BarrierHittingTest {
  private static final double BETA = 0.5825971579390106;
  private static final NormalDistribution PHI = new NormalDistribution(0, 1);

  static double continuousHit(double b, double nu, double sigma, double horizonYears) {
    double s = sigma * Math.sqrt(horizonYears);
    return PHI.cumulativeProbability((b - nu * horizonYears) / s)
        + Math.exp(2 * nu * b / (sigma * sigma))
        * PHI.cumulativeProbability((b + nu * horizonYears) / s);
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
      if (out.liquidations > 0) {
        liquidated++;
      }
    }
    double estimate = liquidated / (double) paths;

    double nu = -0.5 * sigma * sigma;
    double shift = -BETA * sigma * Math.sqrt(yearsPerStep);
    double expected = continuousHit(Math.log(trigger / s0) + shift, nu, sigma, horizonYears);
    double se = Math.sqrt(expected * (1 - expected) / paths);
    assertEquals(expected, estimate, 4 * se,
        "P(liquidation): closed form " + expected + ", Monte Carlo " + estimate + ", se " + se);

    if (steps <= 24) {
      // On a coarse grid the uncorrected continuous formula is far off: the test can tell.
      double uncorrected = continuousHit(Math.log(trigger / s0), nu, sigma, horizonYears);
      assertTrue(Math.abs(uncorrected - estimate) > 8 * se,
          "continuous " + uncorrected + " should be rejected against " + estimate);
    }
  }
}
