package io.margincall.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LossBinsTest extends MergeableContract<LossBins> {

  @Override
  LossBins empty() {
    return new LossBins();
  }

  @Override
  void feed(LossBins instance, double value) {
    instance.add(value);
  }

  @Override
  String fingerprint(LossBins instance) {
    return instance.describe();
  }

  @Test
  void everyLossLiesInItsBinAndBinsAreNarrow() {
    Random random = new Random(3);
    for (int i = 0; i < 100_000; i++) {
      double loss = Math.exp(random.nextGaussian() * 20);
      LossBins.Range r = LossBins.range(LossBins.binOf(loss));
      assertTrue(r.low() <= loss && loss < r.high(), loss + " outside " + r);
      assertTrue(r.high() - r.low() <= r.low() / 256, "width of " + r);
      assertEquals(r.high(), LossBins.range(LossBins.binOf(loss) + 1).low(), 0.0);
    }
  }

  @Test
  void descendingRanksFindTheirBins() {
    Random random = new Random(5);
    double[] values = new double[5000];
    LossBins bins = new LossBins();
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() < 0.7 ? 0.0 : Math.exp(random.nextGaussian() * 4);
      bins.add(values[i]);
    }
    Arrays.sort(values);
    for (int j = 0; j < values.length; j++) {
      double v = values[values.length - 1 - j];
      LossBins.Range r = bins.rangeOfDescending(j);
      if (v == 0) {
        assertEquals(new LossBins.Range(0.0, 0.0), r);
      } else {
        assertTrue(r.low() <= v && v < r.high(), "rank " + j + ": " + v + " outside " + r);
      }
    }
    // visitDescending over a window sees exactly the window's values, bin by bin.
    long[] seen = {0};
    double[] sums = {0, 0};
    bins.visitDescending(100, 2000, (count, r) -> {
      seen[0] += count;
      sums[0] += count * r.low();
      sums[1] += count * r.high();
    });
    double exact = 0;
    for (int j = 100; j < 2000; j++) {
      exact += values[values.length - 1 - j];
    }
    assertEquals(1900, seen[0]);
    assertTrue(sums[0] <= exact * (1 + 1e-12) && exact <= sums[1] * (1 + 1e-12));
    assertThrows(IllegalArgumentException.class, () -> bins.rangeOfDescending(5000));
  }

  @Test
  void rejectsNegativeAndNonFiniteLosses() {
    LossBins bins = new LossBins();
    assertThrows(IllegalArgumentException.class, () -> bins.add(-1));
    assertThrows(IllegalArgumentException.class, () -> bins.add(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> bins.add(Double.POSITIVE_INFINITY));
  }
}
