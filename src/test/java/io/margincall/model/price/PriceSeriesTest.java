package io.margincall.model.price;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PriceSeriesTest {
  /** 2020-03-12T00:00:00Z, epoch seconds: a multiple of every step used here. */
  private static final long T0 = 1_583_971_200L;

  private static long[] minutes(int... m) {
    long[] t = new long[m.length];
    for (int i = 0; i < m.length; i++) {
      t[i] = T0 + 60L * m[i];
    }
    return t;
  }

  @Test
  void resamplingKeepsTheLastCloseOfEachCompleteBucket() {
    // One-minute bars 0..9 and 12..14 (10 and 11 missing): buckets of 5 minutes [0,5) [5,10)
    // [10,15). The third lacks its first two bars but not its last, so it keeps its close.
    long[] t = minutes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14);
    double[] c = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 22, 23, 24};
    double[] o = c.clone();
    double[] h = new double[c.length];
    double[] l = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      h[i] = c[i] + 0.5;
      l[i] = c[i] - 0.5;
    }
    PriceSeries s = PriceSeries.of("test", t, c, o, h, l);
    assertEquals(60, s.resolutionSeconds());
    assertEquals(List.of(new PriceSeries.Gap(T0 + 600, T0 + 720, 2)), s.gaps());
    PriceSeries r = s.resample(300);
    assertEquals(300, r.resolutionSeconds());
    assertArrayEquals(minutes(0, 5, 10), r.epochSeconds());
    assertArrayEquals(new double[] {14, 19, 24}, r.closes());
    assertArrayEquals(new double[] {10, 15, 22}, r.opens());
    assertArrayEquals(new double[] {14.5, 19.5, 24.5}, r.highs());
    assertArrayEquals(new double[] {9.5, 14.5, 21.5}, r.lows());
    assertTrue(r.gaps().isEmpty());
    assertSame(s, s.resample(60));
  }

  @Test
  void aBucketWithoutItsLastBarIsDroppedAndBecomesAGap() {
    // Minute 9 (the last of bucket [5,10)) is missing: that bucket's close would be the price at
    // 9:00, not at 10:00, so it is dropped; so is [15,20), where the data ends at minute 16.
    long[] t = minutes(0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16);
    double[] c = new double[t.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = 100 + i;
    }
    PriceSeries r = PriceSeries.of("test", t, c).resample(300);
    assertArrayEquals(minutes(0, 10), r.epochSeconds());
    assertArrayEquals(new double[] {104, 113}, r.closes());
    assertNull(r.opens());
    assertEquals(List.of(new PriceSeries.Gap(T0 + 300, T0 + 600, 1)), r.gaps());
  }

  @Test
  void stepsFinerThanTheSeriesOrOffItsGridAreRefused() {
    PriceSeries s = PriceSeries.of("eth.csv", new long[] {T0, T0 + 300, T0 + 600}, new double[] {1, 2, 3});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.resample(60));
    assertTrue(e.getMessage().startsWith("eth.csv: step 60 s is finer than the series resolution"
        + " 300 s; bars that were never observed are not made up"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.resample(450));
    assertTrue(e.getMessage().contains("step 450 s is not a multiple of the series resolution 300 s"),
        e.getMessage());
    PriceSeries offset = PriceSeries.of("x", new long[] {T0 + 7, T0 + 307, T0 + 607}, new double[] {1, 2, 3});
    e = assertThrows(IllegalArgumentException.class, () -> offset.resample(600));
    assertTrue(e.getMessage().contains("not on a multiple of the resolution 300 s"), e.getMessage());
  }

  @Test
  void windowKeepsTheBarsOpeningInIt() {
    PriceSeries s = PriceSeries.of("x", minutes(0, 1, 2, 3, 4), new double[] {1, 2, 3, 4, 5});
    PriceSeries w = s.between(T0 + 60, T0 + 240);
    assertArrayEquals(new double[] {2, 3, 4}, w.closes());
    assertThrows(IllegalArgumentException.class, () -> s.between(T0 + 60, T0 + 120));
  }

  @Test
  void resolutionIsTheMostCommonSpacingSmallestOnTies() {
    assertEquals(60, PriceSeries.mostCommonSpacing(minutes(0, 1, 2, 5, 6, 9)));
    assertEquals(60, PriceSeries.mostCommonSpacing(minutes(0, 1, 3)));
  }

  @Test
  void invalidSeriesAreRefusedAndAccessorsCopy() {
    assertThrows(IllegalArgumentException.class,
        () -> PriceSeries.of("x", new long[] {T0}, new double[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> PriceSeries.of("x", new long[] {T0, T0}, new double[] {1, 1}));
    assertThrows(IllegalArgumentException.class,
        () -> PriceSeries.of("x", new long[] {T0, T0 + 60}, new double[] {1, Double.NaN}));
    assertThrows(IllegalArgumentException.class,
        () -> PriceSeries.of("x", new long[] {T0, T0 + 60}, new double[] {1, 0}));
    assertThrows(IllegalArgumentException.class, () -> PriceSeries.of("x", new long[] {T0, T0 + 60},
        new double[] {1, 1}, new double[] {1, 1}, new double[] {1, 0.5}, new double[] {1, 0.4}));
    PriceSeries s = PriceSeries.of("x", new long[] {T0, T0 + 60}, new double[] {1, 2});
    s.closes()[0] = 99;
    assertEquals(1, s.close(0));
  }
}
