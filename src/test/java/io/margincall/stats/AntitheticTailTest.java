package io.margincall.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * VaR and ES intervals of antithetic pairs count pairs ({@link AntitheticTail}): a loss even in
 * the shock, {@code L = |X|}, gives both paths of a pair (X, -X) the same loss, so N paths carry
 * only N / 2 samples' information. The intervals of paths counted as independent would cover
 * the closed-form VaR and ES about 83 % of the time ({@code P(|Z| < 1.96 / sqrt 2)}); the pairs'
 * intervals, over 400 runs of 4,000 paths, cover them in a share whose 99.7 % binomial band
 * (+- 3.3 %) contains 95 %.
 */
class AntitheticTailTest {
  private static final NormalDistribution PHI = new NormalDistribution(0, 1);

  @Test
  void pairIntervalsCoverWhenBothPathsOfAPairLoseAlike() {
    int runs = 400;
    int paths = 4000;
    int[] levels = {950, 990};
    int[] varCovered = new int[levels.length];
    int[] esCovered = new int[levels.length];
    Random random = new Random(99);
    for (int r = 0; r < runs; r++) {
      BadDebtAccumulator acc = new BadDebtAccumulator(paths, BadDebtAccumulator.UNBOUNDED,
          PathSampling.ANTITHETIC);
      for (int i = 0; i < paths / 2; i++) {
        double loss = Math.abs(random.nextGaussian());
        acc.add(new LossOnly(loss));  // X
        acc.add(new LossOnly(loss));  // -X: the same loss
      }
      BadDebtSummary s = acc.summarize(12);
      for (int k = 0; k < levels.length; k++) {
        TailRisk.Estimate e = s.tail()[k];
        assertEquals(levels[k], e.perMille());
        double q = levels[k] / 1000.0;
        double v = PHI.inverseCumulativeProbability((1 + q) / 2);
        double es = 2 * PHI.density(v) / (1 - q);
        varCovered[k] += e.varLow() <= v && v <= e.varHigh() ? 1 : 0;
        esCovered[k] += e.esLow() <= es && es <= e.esHigh() ? 1 : 0;
      }
    }
    String report = String.format("VaR covered %d and %d, ES %d and %d of %d (95 and 99 %%)",
        varCovered[0], varCovered[1], esCovered[0], esCovered[1], runs);
    System.out.println(report);
    double band = 3 * Math.sqrt(0.95 * 0.05 / runs);
    for (int k = 0; k < levels.length; k++) {
      assertEquals(0.95, varCovered[k] / (double) runs, band, report);
      assertEquals(0.95, esCovered[k] / (double) runs, band, report);
    }
  }
}
