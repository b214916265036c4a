package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact bridge sampler of the ideal case ({@link BridgeCrossingKernel}) against the closed
 * forms and against the stepping kernel: other draws, so only distributions can agree, within
 * Monte Carlo error (4 standard errors of each estimate or of the difference of two).
 */
class BridgeCrossingTest {

  /** Per-path sums over a run of one kernel. */
  private static final class Tally {
    long paths;
    long liquidated;
    long bad;
    double badDebt;
    double badDebtSquares;
    double firstStep;
    double firstStepSquares;
    double shortfall;
    double shortfallSquares;

    Tally(PathKernel kernel, long from, long to) {
      PathOutcome out = new PathOutcome();
      for (long path = from; path < to; path++) {
        kernel.run(path, out);
        paths++;
        if (out.countOf(OutcomeCount.LIQUIDATIONS) > 0) {
          liquidated++;
          firstStep += out.firstLiquidationStep;
          firstStepSquares += (double) out.firstLiquidationStep * out.firstLiquidationStep;
        }
        if (out.badDebt > 0) {
          bad++;
        }
        badDebt += out.badDebt;
        badDebtSquares += out.badDebt * out.badDebt;
        shortfall += out.horizonShortfall;
        shortfallSquares += out.horizonShortfall * out.horizonShortfall;
      }
    }

    double p(long k) {
      return k / (double) paths;
    }

    double pSe(long k) {
      return Math.sqrt(p(k) * (1 - p(k)) / paths);
    }

    static double mean(double sum, long n) {
      return sum / n;
    }

    static double se(double sum, double squares, long n) {
      double m = sum / n;
      return Math.sqrt(Math.max(0, squares / n - m * m) / n);
    }
  }

  private static Scenario ideal(double sigma, double drift, double dt, int steps, int delay,
                                double triggerRatio, double lt, boolean bridge) {
    double s0 = 2000;
    double c = 1.5;
    double debt = triggerRatio * s0 * c * lt;
    return TestScenarios.singleAccount(19, sigma, dt, steps, s0, c, debt, lt,
            new OracleRules(delay, 0, 0)).toBuilder()
        .price(GeometricBrownianMotion.of(drift, sigma, dt)).bridgeCrossing(bridge).build();
  }

  /**
   * Liquidation frequency against the exact probability that the discretely monitored walk
   * crosses the trigger ({@link BarrierHittingTest#discreteHit}), on grids coarse enough that the
   * continuous-monitoring formula is rejected: a sampler that crossed on the continuous path (or
   * missed the steps between touches) fails here.
   */
  @ParameterizedTest(name = "sigma={0} drift={1} n={2} delay={3}")
  @CsvSource({
      "0.8, 0, 24, 0",
      "1.5, 0, 24, 4",
      "1.2, -8, 30, 6",
  })
  void liquidationFrequencyIsTheExactDiscreteBarrierProbability(double sigma, double drift,
                                                                 int steps, int delay) {
    double dt = 3600;
    double years = dt / GeometricBrownianMotion.SECONDS_PER_YEAR;
    double horizon = (steps - delay) * years;
    double ratio = Math.exp(-sigma * Math.sqrt(horizon));  // about one sd below: p near 0.3
    Tally t = new Tally(new BridgeCrossingKernel(ideal(sigma, drift, dt, steps, delay, ratio,
        0.8, true)), 0, 200_000);
    double nu = drift - 0.5 * sigma * sigma;
    double exact = BarrierHittingTest.discreteHit(Math.log(ratio), nu * years,
        sigma * Math.sqrt(years), steps - delay);
    double se = Math.sqrt(exact * (1 - exact) / t.paths);
    assertEquals(exact, t.p(t.liquidated), 4 * se, "exact discrete " + exact + ", se " + se);
    double continuous = BarrierHittingTest.continuousHit(Math.log(ratio), nu, sigma, horizon);
    assertTrue(Math.abs(continuous - t.p(t.liquidated)) > 8 * se,
        "continuous " + continuous + " should be rejected against " + t.p(t.liquidated));
  }

  /** The benchmark's ideal case (1,140 monitored steps): the BGK-corrected barrier formula. */
  @Test
  void liquidationFrequencyOfTheBenchmarkCaseMatchesTheCorrectedBarrierFormula() {
    double sigma = 1.5;
    double dt = 60;
    Tally t = new Tally(new BridgeCrossingKernel(ideal(sigma, 0, dt, 1440, 300, 0.9, 0.97,
        true)), 0, 400_000);
    double years = dt / GeometricBrownianMotion.SECONDS_PER_YEAR;
    double shift = -BarrierHittingTest.BETA * sigma * Math.sqrt(years);
    double bgk = BarrierHittingTest.continuousHit(Math.log(0.9) + shift, -0.5 * sigma * sigma,
        sigma, 1140 * years);
    assertEquals(bgk, t.p(t.liquidated), 4 * t.pSe(t.liquidated));
  }

  /**
   * Every outcome the stepping kernel writes in the ideal case has the same distribution with
   * the bridge: P(liquidation), P(bad debt), mean bad debt, mean step of the liquidation, mean
   * horizon shortfall; with a delay (the market's price d steps after the crossing), none,
   * a drift, and an account eligible at the start (liquidated at step 1 under a delay; without
   * one, only if the market is still below at step 1).
   */
  @ParameterizedTest(name = "delay={0} trigger={1} drift={2}")
  @CsvSource({
      "300, 0.9, 0",
      "0, 0.95, 0",
      "40, 0.95, -20",
      "0, 1.002, 0",
      "10, 1.02, 0",
  })
  void outcomesAgreeWithTheSteppingKernel(int delay, double trigger, double drift) {
    Scenario stepping = ideal(1.5, drift, 60, 1440, delay, trigger, 0.97, false);
    Scenario bridge = stepping.toBuilder().bridgeCrossing(true).build();
    int n = 40_000;
    Tally a = new Tally(new PathSimulator(stepping), 0, n);
    Tally b = new Tally(PathKernel.of(bridge), 0, n);
    agree("P(liquidation)", a.p(a.liquidated), a.pSe(a.liquidated), b.p(b.liquidated),
        b.pSe(b.liquidated));
    agree("P(bad debt)", a.p(a.bad), a.pSe(a.bad), b.p(b.bad), b.pSe(b.bad));
    agree("mean bad debt", Tally.mean(a.badDebt, n), Tally.se(a.badDebt, a.badDebtSquares, n),
        Tally.mean(b.badDebt, n), Tally.se(b.badDebt, b.badDebtSquares, n));
    agree("mean liquidation step", Tally.mean(a.firstStep, a.liquidated),
        Tally.se(a.firstStep, a.firstStepSquares, a.liquidated),
        Tally.mean(b.firstStep, b.liquidated),
        Tally.se(b.firstStep, b.firstStepSquares, b.liquidated));
    agree("mean horizon shortfall", Tally.mean(a.shortfall, n),
        Tally.se(a.shortfall, a.shortfallSquares, n), Tally.mean(b.shortfall, n),
        Tally.se(b.shortfall, b.shortfallSquares, n));
    assertTrue(b.liquidated > 0 && b.liquidated < n || trigger > 1, "a case with both outcomes");
  }

  private static void agree(String what, double a, double seA, double b, double seB) {
    double se = Math.sqrt(seA * seA + seB * seB);
    assertEquals(a, b, 4 * se + 1e-12, what + ": stepping " + a + " +- " + seA + ", bridge " + b
        + " +- " + seB);
  }

  @Test
  void aPathDependsOnlyOnSeedAndIndex() {
    PathKernel k = PathKernel.of(ideal(1.5, 0, 60, 1440, 300, 0.97, 0.97, true));
    PathOutcome first = new PathOutcome();
    PathOutcome again = new PathOutcome();
    for (long path = 0; path < 200; path++) {
      k.run(path, first);
      double bad = first.badDebt;
      int step = first.firstLiquidationStep;
      double shortfall = first.horizonShortfall;
      k.run(999 - path, again);  // another path in between
      k.run(path, again);
      assertEquals(bad, again.badDebt);
      assertEquals(step, again.firstLiquidationStep);
      assertEquals(shortfall, again.horizonShortfall);
    }
  }

  @Test
  void refusesAnythingButTheIdealCase() {
    Scenario twoAccounts = ideal(1.5, 0, 60, 100, 0, 0.9, 0.97, false).toBuilder()
        .book(io.margincall.protocol.AccountBook.of(new double[] {1, 1}, new double[] {1, 1},
            new double[] {0.9, 0.9}))
        .bridgeCrossing(true).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PathKernel.of(twoAccounts));
    assertTrue(e.getMessage().contains("a book of 2 accounts"), e.getMessage());
    Scenario deviation = ideal(1.5, 0, 60, 100, 0, 0.9, 0.97, true).toBuilder()
        .oracle(new OracleRules(0, 0.005, 0)).build();
    assertTrue(PathKernel.bridgeUnsupported(deviation).contains("deviation"));
  }
}
