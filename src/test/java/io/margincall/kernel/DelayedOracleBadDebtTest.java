package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeCount;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

/**
 * Bad debt with a delayed oracle (SPEC 2.7): oracle_t = price_{t-d}; the account is liquidated in
 * full at the first t where c oracle_t LT < D, at price_t, with bad debt max(0, D - c price_t).
 */
class DelayedOracleBadDebtTest {

  /**
   * The same shocks through a separate, deliberately naive loop in price space (no log triggers,
   * no ring buffer, no heap): every path must agree.
   */
  @Test
  void everyPathAgreesWithABruteForceReplayOfTheDefinition() {
    double s0 = 2000;
    double sigma = 1.5;
    double dt = 300;
    int steps = 288;
    int delay = 12;  // one hour
    double lt = 0.97;
    double c = 10;
    double debt = c * s0 * lt * 0.9;  // trigger 10 % below the start; bankruptcy 3 % below that
    Scenario scenario = TestScenarios.singleAccount(7, sigma, dt, steps, s0, c, debt, lt,
        new OracleRules(delay, 0, 0));
    GeometricBrownianMotion gbm = scenario.price();

    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    int paths = 20_000;
    int withBadDebt = 0;
    int liquidated = 0;
    for (long path = 0; path < paths; path++) {
      kernel.run(path, out);

      ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(
          PathStreams.stream(7, path, PathStreams.PRICE));
      double[] price = new double[steps + 1];
      price[0] = s0;
      for (int t = 1; t <= steps; t++) {
        price[t] = price[t - 1] * Math.exp(gbm.logDriftPerStep() + gbm.logVolatilityPerStep() * z.sample());
      }
      double expectedBadDebt = 0;
      int expectedStep = -1;
      for (int t = 1; t <= steps; t++) {
        double oracle = t >= delay ? price[t - delay] : s0;
        if (c * oracle * lt < debt) {
          expectedStep = t;
          expectedBadDebt = Math.max(0, debt - c * price[t]);
          break;
        }
      }
      assertEquals(expectedStep >= 0 ? 1 : 0, out.countOf(OutcomeCount.LIQUIDATIONS),
          "path " + path);
      assertEquals(expectedStep, out.firstLiquidationStep, "path " + path);
      assertEquals(expectedBadDebt, out.badDebt, 1e-9 * debt, "path " + path);
      if (expectedBadDebt > 0) {
        assertEquals(expectedStep, out.firstBadDebtStep, "path " + path);
        withBadDebt++;
      }
      liquidated += out.countOf(OutcomeCount.LIQUIDATIONS);
    }
    // The case must exercise both outcomes, or agreement proves little.
    assertTrue(withBadDebt > 100 && liquidated > withBadDebt + 100,
        "bad debt on " + withBadDebt + " of " + liquidated + " liquidated paths");
  }

  /**
   * Two steps, delay one: the oracle shows S_1 at step 2, so P(bad debt) =
   * P(S_1 < H, S_2 < D/c) = integral over z < h of phi(z) Phi(k - z) dz, a closed-form integral
   * evaluated by Gauss-Legendre quadrature. Tolerance: 4 binomial standard errors.
   */
  @Test
  void twoStepProbabilityMatchesTheExactIntegral() {
    double s0 = 100;
    double sigma = 2.0;
    double dt = 86_400;  // one day a step, so one step moves the price a lot
    double lt = 0.9;
    double c = 1;
    double debt = 85;  // trigger 94.44, bankruptcy 85
    Scenario scenario = TestScenarios.singleAccount(3, sigma, dt, 2, s0, c, debt, lt,
        new OracleRules(1, 0, 0));
    GeometricBrownianMotion gbm = scenario.price();
    double m = gbm.logDriftPerStep();
    double s = gbm.logVolatilityPerStep();
    double h = (Math.log(debt / (c * lt) / s0) - m) / s;
    double k = (Math.log(debt / c / s0) - 2 * m) / s;
    NormalDistribution phi = new NormalDistribution(0, 1);
    double exact = new IterativeLegendreGaussIntegrator(32, 1e-12, 1e-14).integrate(
        1_000_000, z -> phi.density(z) * phi.cumulativeProbability(k - z), -40, h);

    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    int paths = 200_000;
    int bad = 0;
    for (long path = 0; path < paths; path++) {
      kernel.run(path, out);
      if (out.badDebt > 0) {
        bad++;
      }
    }
    double estimate = bad / (double) paths;
    double se = Math.sqrt(exact * (1 - exact) / paths);
    assertTrue(exact > 0.01, "the case should be far from trivial: " + exact);
    assertEquals(exact, estimate, 4 * se, "exact " + exact + " vs " + estimate + " (se " + se + ")");
  }
}
