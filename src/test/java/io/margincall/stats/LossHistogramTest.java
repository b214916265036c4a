package io.margincall.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LossHistogramTest extends MergeableContract<LossHistogram> {

  @Override
  LossHistogram empty() {
    return new LossHistogram();
  }

  @Override
  void feed(LossHistogram instance, double value) {
    instance.add(value);
  }

  @Override
  String fingerprint(LossHistogram instance) {
    return Arrays.toString(instance.bins());
  }

  @Test
  void exceedanceCountsMatchABruteForceCount() {
    Random random = new Random(5);
    double[] losses = data(random);
    LossHistogram h = new LossHistogram();
    for (double l : losses) {
      h.add(l);
    }
    LossHistogram.Bin[] bins = h.bins();
    assertEquals(losses.length, bins[0].atOrAbove());
    for (int k = 2; k < bins.length; k++) {
      double lower = bins[k].lower();
      long brute = Arrays.stream(losses).filter(l -> l >= lower * (1 + 1e-12)).count();
      long bruteLoose = Arrays.stream(losses).filter(l -> l >= lower * (1 - 1e-12)).count();
      // Edges are powers of ten computed two ways (pow vs log10); allow only exact-edge values.
      long got = bins[k].atOrAbove();
      assertEquals(true, got >= brute && got <= bruteLoose, "bin " + k + " lower " + lower);
    }
    long zeros = Arrays.stream(losses).filter(l -> l == 0).count();
    assertEquals(zeros, bins[0].count());
  }

  @Test
  void binsCoverTheirStatedRanges() {
    assertEquals(1, LossHistogram.binOf(0.01));
    assertEquals(LossHistogram.LOG_BINS + 1, LossHistogram.binOf(0.005));
    assertEquals(LossHistogram.LOG_BINS + 2, LossHistogram.binOf(2e14));
    assertEquals(21, LossHistogram.binOf(1.0));  // [10^0, 10^0.1)
    assertEquals(20, LossHistogram.binOf(0.99));
  }
}
