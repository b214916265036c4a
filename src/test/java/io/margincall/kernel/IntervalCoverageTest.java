package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.WilsonInterval;
import org.junit.jupiter.api.Test;

/**
 * Interval coverage on a case with a known answer: the liquidation probability of one account
 * under GBM on a 24-step grid, exactly {@link BarrierHittingTest#discreteHit} (SPEC 2.7). Over
 * 400 independent runs (seeds) of 500 paths, the 95 % interval must cover the truth in a share
 * whose binomial band of 3 standard errors (+- 3.3 %) contains 95 %: the Wilson interval of plain
 * runs, the pairs' normal interval of antithetic runs, and the weighted normal interval of
 * importance-sampled runs (a barrier 3 horizon standard deviations down, P = 0.00205).
 */
class IntervalCoverageTest {
  private static final int RUNS = 400;
  private static final int PATHS = 500;

  private static final double SIGMA = 0.8;
  private static final double DT = 3600;
  private static final int STEPS = 24;
  private static final double S0 = 2000;

  private static double truth(double trigger) {
    double yearsPerStep = DT / GeometricBrownianMotion.SECONDS_PER_YEAR;
    return BarrierHittingTest.discreteHit(Math.log(trigger / S0), -0.5 * SIGMA * SIGMA * yearsPerStep,
        SIGMA * Math.sqrt(yearsPerStep), STEPS);
  }

  /** How many of the runs' intervals cover the exact probability. */
  private static int covered(boolean antithetic) {
    return covered(antithetic, 1, 0, PATHS);
  }

  /** As {@link #covered(boolean)}, the barrier {@code sds} horizon standard deviations down. */
  private static int covered(boolean antithetic, double sds, double tilt, int paths) {
    double horizonYears = STEPS * DT / GeometricBrownianMotion.SECONDS_PER_YEAR;
    double trigger = S0 * Math.exp(-sds * SIGMA * Math.sqrt(horizonYears));
    double lt = 0.8;
    double p = truth(trigger);
    int covered = 0;
    for (int run = 0; run < RUNS; run++) {
      Scenario scenario = TestScenarios.singleAccount(5000 + run, SIGMA, DT, STEPS, S0, 1.0,
          trigger * lt, lt, new OracleRules(0, 0, 0)).toBuilder().antithetic(antithetic).importanceTilt(tilt).build();
      BadDebtSummary s = PathBatch.simulateAll(scenario, paths).summarize(DT);
      WilsonInterval i = s.liquidated();
      if (i.low() <= p && p <= i.high()) {
        covered++;
      }
    }
    return covered;
  }

  private static void assertNear95(int covered, String what) {
    double share = covered / (double) RUNS;
    assertTrue(Math.abs(share - 0.95) <= 3 * Math.sqrt(0.95 * 0.05 / RUNS),
        what + ": " + covered + " of " + RUNS + " intervals cover the truth");
  }

  @Test
  void wilsonIntervalsOfPlainRunsCover95Percent() {
    assertNear95(covered(false), "plain");
  }

  @Test
  void pairIntervalsOfAntitheticRunsCover95Percent() {
    assertNear95(covered(true), "antithetic");
  }

  @Test
  void weightedIntervalsOfImportanceSampledRunsCover95Percent() {
    // The tilt that centres the walk's horizon on the barrier: -3 / sqrt(24) per step.
    // 8,000 paths a run: at 500 and 2,000 the normal interval of the skewed weighted sum runs
    // short (367 and 371 of 400, statistics.md).
    int covered = covered(false, 3, -3 / Math.sqrt(STEPS), 8000);
    System.out.printf("importance sampling: %d of %d intervals cover the truth%n", covered, RUNS);
    assertNear95(covered, "importance sampling");
  }
}
