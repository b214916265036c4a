package io.margincall.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TailRiskTest {

  private static double[] descending(double[] values, int keep) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] out = new double[Math.min(keep, sorted.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = sorted[sorted.length - 1 - i];
    }
    return out;
  }

  private static double[] oneTo(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i + 1;
    }
    return v;
  }

  /** The console's "needs N+ paths" is the first N at which {@link TailRisk#at} gives an ES interval. */
  @Test
  void theEsIntervalAppearsAtTheAnnouncedNumberOfPaths() {
    assertEquals(9_001, TailRisk.pathsForInterval(999));
    for (int level : TailRisk.LEVELS_PER_MILLE) {
      long n = TailRisk.pathsForInterval(level);
      TailRisk.Estimate below = TailRisk.at(level, n - 1, descending(oneTo((int) n - 1), (int) n - 1));
      TailRisk.Estimate at = TailRisk.at(level, n, descending(oneTo((int) n), (int) n));
      assertTrue(Double.isNaN(below.esLow()) && !Double.isNaN(at.esLow()), "level " + level);
      assertTrue(TailRisk.tailPaths(level, n - 1) < TailRisk.MIN_TAIL_FOR_INTERVAL);
      assertEquals(TailRisk.MIN_TAIL_FOR_INTERVAL, TailRisk.tailPaths(level, n));
    }
  }

  @Test
  void handComputedVarAndEs() {
    // N = 40, losses 1..40, q = 0.95: VaR = L_(ceil 38) = 38; ES = mean of the worst 2 = 39.5.
    TailRisk.Estimate e = TailRisk.at(950, 40, descending(oneTo(40), 40));
    assertEquals(38, e.var(), 0);
    assertEquals(39.5, e.es(), 0);
    // N = 30, q = 0.95: VaR = L_(ceil 28.5) = 29; tail mass 1.5: ES = (30 + 0.5 * 29) / 1.5.
    e = TailRisk.at(950, 30, descending(oneTo(30), 30));
    assertEquals(29, e.var(), 0);
    assertEquals((30 + 0.5 * 29) / 1.5, e.es(), 1e-12);
    // N = 10, q = 0.99: VaR = L_(ceil 9.9) = 10; tail mass 0.1 lies inside the maximum: ES = 10.
    e = TailRisk.at(990, 10, descending(oneTo(10), 10));
    assertEquals(10, e.var(), 0);
    assertEquals(10, e.es(), 1e-12);
  }

  @Test
  void theRequiredTailGivesTheSameAnswerAsTheWholeSample() {
    Random random = new Random(9);
    for (int n : new int[] {1, 7, 100, 1001, 20_000}) {
      double[] losses = new double[n];
      for (int i = 0; i < n; i++) {
        losses[i] = random.nextDouble() < 0.9 ? 0 : Math.exp(3 * random.nextGaussian());
      }
      int capacity = TailRisk.requiredCapacity(n);
      assertTrue(capacity <= n);
      for (int level : TailRisk.LEVELS_PER_MILLE) {
        TailRisk.Estimate fromTail = TailRisk.at(level, n, descending(losses, capacity));
        TailRisk.Estimate fromAll = TailRisk.at(level, n, descending(losses, n));
        assertEquals(fromAll, fromTail, "n=" + n + " level=" + level);
        // Independent recomputation of VaR and ES by their definitions.
        double[] asc = losses.clone();
        Arrays.sort(asc);
        double q = level / 1000.0;
        int rank = (int) Math.ceil(q * n - 1e-9);
        assertEquals(asc[Math.max(rank, 1) - 1], fromTail.var(), 0.0);
        double mass = (1 - q) * n;
        int whole = (int) Math.floor(mass + 1e-9);
        double sum = 0;
        for (int i = 0; i < whole; i++) {
          sum += asc[n - 1 - i];
        }
        if (mass - whole > 1e-9) {
          sum += (mass - whole) * asc[n - 1 - whole];
        }
        assertEquals(sum / mass, fromTail.es(), 1e-9 * Math.max(1, sum / mass));
        assertTrue(fromTail.varLow() <= fromTail.var() && fromTail.var() <= fromTail.varHigh(),
            "n=" + n + " level=" + level + ": " + fromTail);
        int tailLosses = (int) Math.ceil((1000 - level) * (double) n / 1000 - 1e-9);
        if (tailLosses < TailRisk.MIN_TAIL_FOR_INTERVAL) {
          assertTrue(Double.isNaN(fromTail.esLow()) && Double.isNaN(fromTail.esHigh()),
              "n=" + n + " level=" + level + ": no interval on " + tailLosses + " tail losses");
        } else {
          assertTrue(fromTail.esLow() <= fromTail.es() && fromTail.es() <= fromTail.esHigh(),
              "n=" + n + " level=" + level + ": " + fromTail);
        }
      }
    }
  }

  @Test
  void esIntervalCoversTheTrueValueAtAboutItsNominalRate() {
    // Exponential(1) losses: VaR_q = -ln(1-q), ES_q = VaR_q + 1 (memorylessness).
    // 400 samples of N = 4000; the 95 % interval should cover in 95 % +- 4 binomial s.e.
    // (s.e. = sqrt(.95 * .05 / 400) = 1.1 %), i.e. in [0.906, 0.994]; asymptotic intervals
    // undercover a little at 99 %, so only the 95 % level is checked.
    Random random = new Random(17);
    int covered = 0;
    int trials = 400;
    int n = 4000;
    double trueEs = -Math.log(0.05) + 1;
    for (int t = 0; t < trials; t++) {
      double[] losses = new double[n];
      for (int i = 0; i < n; i++) {
        losses[i] = -Math.log(1 - random.nextDouble());
      }
      TailRisk.Estimate e = TailRisk.at(950, n, descending(losses, TailRisk.requiredCapacity(n)));
      if (e.esLow() <= trueEs && trueEs <= e.esHigh()) {
        covered++;
      }
    }
    double rate = covered / (double) trials;
    assertTrue(rate >= 0.906 && rate <= 0.994, "coverage " + rate);
  }
}
