package io.margincall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FdLibm#log1p} must return {@link StrictMath#log1p}'s bits for every argument: the kernel
 * uses it in place of {@code Math.log1p} (which delegates to StrictMath) and promises the same
 * results. Checked on random arguments over every scale and sign, and densely around each
 * branch boundary of the algorithm (high words 0x3FDA827A, 0xbfd2bec3, 0x3e200000,
 * 0x3c900000, 0x43400000, the 0x6a09e normalisation split, -1 and the specials).
 */
class FdLibmTest {

  @Test
  void randomArgumentsOverEveryScale() {
    SplittableRandom rng = new SplittableRandom(20261202);
    for (int n = 0; n < 3_000_000; n++) {
      double x;
      switch (n % 4) {
        case 0 -> x = rng.nextDouble() * 2 - 1;                           // (-1, 1)
        case 1 -> x = -rng.nextDouble() * 1e-3;                            // the kernel's use
        case 2 -> x = Math.scalb(rng.nextDouble() + 1, rng.nextInt(-1074, 1024));  // any positive
        default -> x = -Math.scalb(rng.nextDouble() + 1, rng.nextInt(-1074, 0)) / 2;  // (-1, 0)
      }
      assertSame(x);
    }
  }

  @Test
  void branchBoundaries() {
    SplittableRandom rng = new SplittableRandom(7);
    int[] highWords = {0x3FDA827A, 0xbfd2bec3, 0xbfd2bec4, 0x3e200000, 0xbe200000, 0x3c900000,
        0xbc900000, 0x43400000, 0x3ff00000, 0xbff00000, 0x3fe6a09e, 0x3ff6a09e, 0x4006a09e,
        0x3fd6a09e, 0x7fefffff, 0x00100000, 0x80100000};
    for (int high : highWords) {
      for (int delta = -3; delta <= 3; delta++) {
        long h = (long) (high + delta) << 32;
        assertSame(Double.longBitsToDouble(h));
        assertSame(Double.longBitsToDouble(h | 0xffffffffL));
        for (int n = 0; n < 2000; n++) {
          assertSame(Double.longBitsToDouble(h | (rng.nextLong() & 0xffffffffL)));
        }
      }
    }
    // Arguments whose 1 + x has a mantissa around the sqrt(2) split (0x6a09e), for k from -1 to 60.
    for (int k = -1; k <= 60; k++) {
      for (int m = 0x6a09e - 2; m <= 0x6a09e + 2; m++) {
        double u = Double.longBitsToDouble(((long) ((k + 1023) << 20 | m) << 32)
            | (rng.nextLong() & 0xffffffffL));
        assertSame(u - 1);
      }
    }
    double[] specials = {0.0, -0.0, -1.0, Math.nextUp(-1.0), -1.5, -Double.MAX_VALUE,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e-300, -1e-300,
        0x1p-29, -0x1p-29, 0x1p-54, -0x1p-54, 0x1p-20, -0x1p-20, 1 - 1e-12, -(1 - 1e-12)};
    for (double x : specials) {
      assertSame(x);
    }
  }

  private static void assertSame(double x) {
    double expected = StrictMath.log1p(x);
    double actual = FdLibm.log1p(x);
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        () -> "log1p(" + x + " = " + Long.toHexString(Double.doubleToRawLongBits(x)) + "): "
            + expected + " vs " + actual);
  }
}
