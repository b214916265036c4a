package io.margincall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link FdLibm#log1p} and {@link FdLibm#log} must return {@link StrictMath}'s bits for every
 * argument: the kernel uses them in place of {@code StrictMath} and promises the same results.
 * Checked on random arguments over every scale and sign, and densely around each branch boundary
 * of the algorithms (log1p: high words 0x3FDA827A, 0xbfd2bec3, 0x3e200000, 0x3c900000,
 * 0x43400000, the 0x6a09e normalisation split, -1 and the specials; log: subnormals, the
 * 0x6a09e split of the mantissa, |f| < 2^-20 around 1 and every power of two, the 0x6147a and
 * 0x6b851 choice of formula, zeros, negatives and the specials).
 */
class FdLibmTest {

  @Test
  void randomArgumentsOverEveryScale() {
    onRandomArguments(20261202, FdLibmTest::assertSame,
        rng -> rng.nextDouble() * 2 - 1,                                      // (-1, 1)
        rng -> -rng.nextDouble() * 1e-3,                                      // the kernel's use
        FdLibmTest::anyPositive,
        rng -> -Math.scalb(rng.nextDouble() + 1, rng.nextInt(-1074, 0)) / 2);  // (-1, 0)
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

  @Test
  void logOnRandomArgumentsOverEveryScale() {
    onRandomArguments(20261204, FdLibmTest::assertSameLog,
        rng -> rng.nextDouble() * 4,                                          // (0, 4)
        rng -> 1 + (rng.nextDouble() - 0.5) * 1e-3,                           // near 1
        FdLibmTest::anyPositive,
        rng -> Double.longBitsToDouble(rng.nextLong() & 0x7fffffffffffffffL));  // any bits
  }

  /** Three million arguments, drawn in turn by each of {@code kinds}, each given to check. */
  @SafeVarargs
  private static void onRandomArguments(long seed, DoubleConsumer check,
      ToDoubleFunction<SplittableRandom>... kinds) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (int n = 0; n < 3_000_000; n++) {
      check.accept(kinds[n % kinds.length].applyAsDouble(rng));
    }
  }

  private static double anyPositive(SplittableRandom rng) {
    return Math.scalb(rng.nextDouble() + 1, rng.nextInt(-1074, 1024));
  }

  @Test
  void logBranchBoundaries() {
    SplittableRandom rng = new SplittableRandom(11);
    // Mantissa high bits (the low 20 of the high word) at each split, for exponents from the
    // subnormal scale-up to the largest; 0xfffff..0x00002 is the |f| < 2^-20 test.
    int[] mantissas = {0x00000, 0x00001, 0x00002, 0xfffff, 0xffffe, 0xffffd, 0x6a09e, 0x6a09f,
        0x6a09d, 0x6147a, 0x61479, 0x6147b, 0x6b851, 0x6b850, 0x6b852};
    for (int e = 0; e <= 2046; e += e < 5 || e > 2040 || Math.abs(e - 1023) < 5 ? 1 : 37) {
      for (int m : mantissas) {
        long h = (long) (e << 20 | m) << 32;
        assertSameLog(Double.longBitsToDouble(h));
        assertSameLog(Double.longBitsToDouble(h | 0xffffffffL));
        for (int n = 0; n < 50; n++) {
          assertSameLog(Double.longBitsToDouble(h | (rng.nextLong() & 0xffffffffL)));
        }
      }
    }
    for (int n = 0; n < 100_000; n++) {                 // subnormals
      assertSameLog(Double.longBitsToDouble(rng.nextLong() & 0x000fffffffffffffL));
    }
    double[] specials = {0.0, -0.0, 1.0, -1.0, Math.nextUp(1.0), Math.nextDown(1.0), 2.0, 0.5,
        Math.E, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        1e-300, 1 + 0x1p-20, 1 - 0x1p-20, 1 + 0x1p-21, 1 - 0x1p-21};
    for (double x : specials) {
      assertSameLog(x);
    }
  }

  private static void assertSameLog(double x) {
    assertSameBits("log", StrictMath::log, FdLibm::log, x);
  }

  private static void assertSame(double x) {
    assertSameBits("log1p", StrictMath::log1p, FdLibm::log1p, x);
  }

  private static void assertSameBits(String name, DoubleUnaryOperator strict,
      DoubleUnaryOperator port, double x) {
    double expected = strict.applyAsDouble(x);
    double actual = port.applyAsDouble(x);
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        () -> name + "(" + x + " = " + Long.toHexString(Double.doubleToRawLongBits(x)) + "): "
            + expected + " vs " + actual);
  }
}
