package io.margincall.model.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.kernel.PathStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GasMarketTest {

  private static CongestionRules rules(double kappa, double vol, double sensitivity) {
    return new CongestionRules(20, kappa, vol, sensitivity, 3, 0, 10, 1, 500_000, 0, 2, 40, 40, 10);
  }

  /**
   * Without spikes, log gas is an AR(1) around ln(base): x_t - m = (1 - k)(x_{t-1} - m) + s Z,
   * stationary mean m and variance s^2 / (1 - (1 - k)^2). 200 paths x 20,000 steps, long
   * against the correlation time 1/k = 20 steps; standard errors from the per-path spread.
   */
  @Test
  void logGasRevertsToItsBaseWithTheAr1Variance() {
    double k = 0.05;
    double s = 0.1;
    GasMarket gas = rules(k, s, 0).newPath();
    int paths = 200;
    int steps = 20_000;
    double[] means = new double[paths];
    double[] vars = new double[paths];
    for (int p = 0; p < paths; p++) {
      gas.reset(PathStreams.stream(5, p, PathStreams.GAS));
      double sum = 0;
      double sumSq = 0;
      for (int t = 0; t < steps; t++) {
        gas.advance(0, 0);
        double x = Math.log(gas.gwei());
        sum += x;
        sumSq += x * x;
      }
      means[p] = sum / steps;
      vars[p] = sumSq / steps - means[p] * means[p];
    }
    double m = mean(means);
    double v = mean(vars);
    assertEquals(Math.log(20), m, 4 * sd(means, m) / Math.sqrt(paths), "stationary mean");
    assertEquals(s * s / (1 - (1 - k) * (1 - k)), v, 4 * sd(vars, v) / Math.sqrt(paths), "variance");
  }

  @Test
  void inclusionWaitGrowsWithEachDoublingAndCostIsGasTimesUnits() {
    GasMarket gas = rules(1, 0, 0).newPath();  // kappa 1: gas sits at its target
    gas.reset(PathStreams.stream(1, 0, PathStreams.GAS));
    gas.advance(0, 0);
    assertEquals(20, gas.gwei(), 1e-9);
    assertEquals(0, gas.inclusionDelay(20));
    assertEquals(0, gas.inclusionDelay(40));
    assertEquals(2, gas.inclusionDelay(10));    // one doubling, 2 steps per doubling
    assertEquals(4, gas.inclusionDelay(5));     // two doublings
    gas.advance(0, 1);
    assertEquals(60, gas.gwei(), 1e-9);         // stress: x 3
    assertEquals(500_000 * 60 * 1e-9 * 2000, gas.liquidationCostUsd(2000), 1e-9);
  }

  /**
   * Inclusion waits are computed from the log gas price and fall back to the exact formula only
   * near a step boundary or an overflow: they must equal the exact formula on gwei() (the kernel's
   * formula before it moved to log space) at every step, for bids below, near and far above the
   * gas price, with shocks and the stress level in play; with a gas price that overflows to
   * infinity (the cap); and with a wait per doubling so large that rounding in log space matters.
   */
  @ParameterizedTest(name = "steps per doubling {0}, return sensitivity {1}")
  @CsvSource({"2.5, 20", "0.2, 30000", "1e10, 20"})
  void inclusionWaitsEqualTheExactFormula(double stepsPerDoubling, double sensitivity) {
    CongestionRules r = new CongestionRules(20, 0.05, 0.3, sensitivity, 3, 0.01, 10, 5, 500_000,
        0, stepsPerDoubling, 40, 40, 10);
    GasMarket gas = r.newPath();
    double[] bids = {1, 5, 19.9, 20, 20.1, 40, 60, 150, 400, 3000};
    int above = 0;
    int infinite = 0;
    for (int path = 0; path < 20; path++) {
      gas.reset(PathStreams.stream(3, path, PathStreams.GAS));
      for (int t = 0; t < 5_000; t++) {
        gas.advance(t % 7 == 0 ? 0.02 : 0, t % 1000 < 300 ? 1 : 0);
        double g = gas.gwei();
        infinite += Double.isInfinite(g) ? 1 : 0;
        for (double bid : bids) {
          assertEquals(exactWait(g, bid, stepsPerDoubling), gas.inclusionDelay(bid),
              "gas " + g + " gwei, bid " + bid);
          above += g > bid ? 1 : 0;
        }
        // A bid of exactly the gas price, and bids that put the exact formula within rounding
        // of a whole number of steps (where only the exact computation knows the answer).
        assertEquals(0, gas.inclusionDelay(g));
        for (int n : new int[] {1, 2, 3, 101, 1_001, 10_001, 100_001}) {
          double bid = g * Math.pow(2, -(n + 1e-9) / stepsPerDoubling);
          if (bid > 0) {
            assertEquals(exactWait(g, bid, stepsPerDoubling), gas.inclusionDelay(bid),
                "gas " + g + ", bid at a boundary " + n);
          }
        }
      }
    }
    assertTrue(above > 10_000, "bids below the gas price should be common: " + above);
    if (sensitivity > 1000) {
      assertTrue(infinite > 100, "the gas price should overflow: " + infinite);
    }
  }

  /** The wait as the kernel computed it before log space: from gwei, capped at 1,000,000. */
  private static int exactWait(double g, double bid, double stepsPerDoubling) {
    if (g <= bid) {
      return 0;
    }
    double wait = Math.ceil(stepsPerDoubling * Math.log(g / bid) * (1 / Math.log(2)) - 1e-9);
    return (int) Math.min(wait, 1_000_000);
  }

  /** A shock of 3 steps multiplies exactly 3 steps (back-to-back shocks: multiples of 3). */
  @Test
  void shocksLastTheirDuration() {
    CongestionRules r = new CongestionRules(20, 1, 0, 0, 3, 0.05, 10, 3, 500_000, 0, 2, 40, 40, 10);
    GasMarket gas = r.newPath();
    gas.reset(PathStreams.stream(2, 0, PathStreams.GAS));
    int run = 0;
    int runs = 0;
    for (int t = 0; t < 20_000; t++) {
      gas.advance(0, 0);
      boolean shocked = gas.gwei() > 100;
      if (shocked) {
        run++;
      } else if (run > 0) {
        assertEquals(0, run % 3, "a shock run of " + run + " steps");
        runs++;
        run = 0;
      }
    }
    assertTrue(runs > 100, "the case should have shocks: " + runs);
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double sd(double[] x, double m) {
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }
}
