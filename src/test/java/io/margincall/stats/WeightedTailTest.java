package io.margincall.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * VaR, ES and the exceedance curve of weighted paths ({@link WeightedTailRisk},
 * {@link LossPairTail}, {@link LossHistogram}): exact merges whatever the split (with a bound
 * that cuts into the positive losses), the plain figures at weight 1, and 95 % intervals that
 * cover the known VaR and ES of a loss sampled by importance sampling.
 */
class WeightedTailTest extends MergeableContract<BadDebtAccumulator> {
  private static final NormalDistribution PHI = new NormalDistribution(0, 1);

  /** 3,000 values, ~1,200 positive: a bound of 500 keeps only the largest. */
  @Override
  BadDebtAccumulator empty() {
    return new BadDebtAccumulator(3000, 500, PathSampling.WEIGHTED);
  }

  @Override
  void feed(BadDebtAccumulator instance, double value) {
    double w = value > 0 ? 0.1 + (value * 7.3) % 1.0 : 1.3;
    instance.add(new LossOnly(value, w));
  }

  @Override
  String fingerprint(BadDebtAccumulator instance) {
    return SummaryFingerprint.of(instance.summarize(12));
  }

  @Test
  void tiesAreKeptByWeightWhateverTheOrder() {
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      pairs.add(new double[] {i % 3 == 0 ? 5.0 : 2.0, 0.01 * i});
    }
    double[][] expected = null;
    Random random = new Random(3);
    for (int trial = 0; trial < 20; trial++) {
      Collections.shuffle(pairs, random);
      LossPairTail a = new LossPairTail(30);
      LossPairTail b = new LossPairTail(30);
      for (int i = 0; i < pairs.size(); i++) {
        (i % 2 == 0 ? a : b).add(pairs.get(i)[0], pairs.get(i)[1]);
      }
      a.merge(b);
      assertFalse(a.complete());
      double[][] kept = a.descending();
      if (expected == null) {
        expected = kept;
        assertEquals(5.0, kept[0][19], 0.0);  // 20 losses of 5, then the 10 heaviest 2s
        assertEquals(2.0, kept[0][20], 0.0);
        assertEquals(0.59, kept[1][20], 1e-12);
      }
      assertArrayEquals(expected[0], kept[0]);
      assertArrayEquals(expected[1], kept[1]);
    }
  }

  /** With every weight 1 the weighted figures are the plain ones. */
  @Test
  void unitWeightsGiveThePlainFigures() {
    Random random = new Random(11);
    for (int n : new int[] {7, 100, 1000, 4321}) {
      double[] all = new double[n];
      for (int i = 0; i < n; i++) {
        all[i] = random.nextDouble() < 0.3 ? 0 : Math.exp(2 * random.nextGaussian());
      }
      LossTail plain = new LossTail(TailRisk.requiredCapacity(n));
      LossPairTail weighted = new LossPairTail(n);
      for (double l : all) {
        plain.add(l);
        weighted.add(l, 1.0);
      }
      double[][] kept = weighted.descending();
      for (int level : TailRisk.LEVELS_PER_MILLE) {
        TailRisk.Estimate p = TailRisk.at(level, n, plain.descending());
        TailRisk.Estimate w = WeightedTailRisk.at(level, n, kept[0], kept[1], true);
        String what = n + " paths at " + level;
        assertEquals(p.var(), w.var(), 0.0, what);
        assertEquals(p.es(), w.es(), 1e-12 * p.es(), what);
        // The same asymptotic standard error, by another finite-N formula (N - 1 over all paths
        // against tail count - 1 over the tail): the half-widths agree closely.
        double plainHalf = p.esHigh() - p.es();
        double weightedHalf = w.esHigh() - w.es();
        if (Double.isNaN(plainHalf)) {
          assertTrue(Double.isNaN(weightedHalf), what);
        } else {
          assertEquals(plainHalf, weightedHalf, 0.05 * plainHalf, what);
        }
        // The VaR interval: the same normal approximation of the count above, up to one rank.
        assertTrue(w.varLow() <= p.var() && w.varHigh() >= p.var(), what);
        assertTrue(rankDistance(all, p.varLow(), w.varLow()) <= 1, what + " low");
        assertTrue(rankDistance(all, p.varHigh(), w.varHigh()) <= 1, what + " high");
      }
    }
  }

  private static long rankDistance(double[] all, double a, double b) {
    long between = 0;
    for (double l : all) {
      if (l > Math.min(a, b) && l <= Math.max(a, b)) {
        between++;
      }
    }
    return between;
  }

  /**
   * {@code L = max(0, X - 2)}, X standard normal, sampled from {@code X ~ N(3, 1)} with the
   * likelihood ratio {@code exp(-3 x + 4.5)}: VaR and ES are known in closed form (VaR_95 = 0, as
   * P(L > 0) = 0.023). Over 400 runs of 2,000 paths, each level's 95 % intervals cover the truth
   * in a share whose 99.7 % binomial band (+- 3.3 %) contains 95 %; the weighted exceedance
   * probability of 1 USD (P(X >= 3)) too.
   */
  @Test
  void weightedIntervalsCoverTheKnownVarAndEs() {
    int runs = 400;
    int paths = 2000;
    int[] levels = TailRisk.LEVELS_PER_MILLE;
    int[] varCovered = new int[levels.length];
    int[] esCovered = new int[levels.length];
    int exceedanceCovered = 0;
    double exceedanceTruth = 1 - PHI.cumulativeProbability(3);
    Random random = new Random(2027);
    for (int r = 0; r < runs; r++) {
      BadDebtAccumulator acc = new BadDebtAccumulator(paths, BadDebtAccumulator.UNBOUNDED,
          PathSampling.WEIGHTED);
      for (int i = 0; i < paths; i++) {
        double x = 3 + random.nextGaussian();
        acc.add(new LossOnly(Math.max(0, x - 2), Math.exp(-3 * x + 4.5)));
      }
      BadDebtSummary s = acc.summarize(12);
      assertTrue(s.tailExact());
      for (int k = 0; k < levels.length; k++) {
        TailRisk.Estimate e = s.tail()[k];
        double q = levels[k] / 1000.0;
        if (e.varLow() <= varTruth(q) && varTruth(q) <= e.varHigh()) {
          varCovered[k]++;
        }
        if (e.esLow() <= esTruth(q) && esTruth(q) <= e.esHigh()) {
          esCovered[k]++;
        }
      }
      for (LossHistogram.Bin b : s.distribution()) {
        if (b.lower() == 1.0 && b.exceedance().low() <= exceedanceTruth
            && exceedanceTruth <= b.exceedance().high()) {
          exceedanceCovered++;
        }
      }
    }
    StringBuilder report = new StringBuilder();
    for (int k = 0; k < levels.length; k++) {
      report.append(String.format("level %d: VaR %.4f covered %d/%d, ES %.4f covered %d/%d%n",
          levels[k], varTruth(levels[k] / 1000.0), varCovered[k], runs,
          esTruth(levels[k] / 1000.0), esCovered[k], runs));
    }
    report.append("exceedance of 1 USD covered ").append(exceedanceCovered).append('/')
        .append(runs);
    System.out.println(report);
    double band = 3 * Math.sqrt(0.95 * 0.05 / runs);
    for (int k = 0; k < levels.length; k++) {
      if (varTruth(levels[k] / 1000.0) == 0) {
        // VaR_95 is the atom at 0: estimate and interval's low end are 0 in every run.
        assertEquals(runs, varCovered[k], report.toString());
        continue;
      }
      assertEquals(0.95, varCovered[k] / (double) runs, band, report.toString());
      assertEquals(0.95, esCovered[k] / (double) runs, band, report.toString());
    }
    assertEquals(0.95, exceedanceCovered / (double) runs, band, report.toString());
  }

  private static double varTruth(double q) {
    return Math.max(0, PHI.inverseCumulativeProbability(q) - 2);
  }

  /** {@code E[(X - 2)^+ ; tail of mass 1 - q] / (1 - q)}. */
  private static double esTruth(double q) {
    double x = Math.max(2, PHI.inverseCumulativeProbability(q));
    double tail = PHI.density(x) - 2 * (1 - PHI.cumulativeProbability(x));
    return tail / (1 - q);
  }
}
