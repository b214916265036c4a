package io.margincall.model.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The portable copies draw exactly what Commons RNG 1.6's samplers draw from the same seeded
 * generator, and leave it in the same state (the same sequence of calls), over millions of draws
 * whose slow paths (where the copies differ: StrictMath in place of Math) are counted.
 *
 * <p>Why equality is expected although the copies call {@code StrictMath.exp}/fdlibm's log where
 * the originals call the JIT's {@code Math} intrinsics, which on this machine differ from fdlibm
 * in the last bit on ~10 % of exp and ~3 % of log arguments: the function's value is only
 * compared with a uniform, so a draw changes only if the uniform falls between the two values,
 * one ulp apart. src/docs/performance.md ("Portable bits") bounds that chance below 1e-15 per
 * draw, so over the ~10^8 draws here the expected number of differing draws is below 1e-7. A
 * difference therefore means the copy departs from the original (a table, a branch, the order or
 * number of generator calls), which is what this test catches.
 */
class PortableSamplersTest {
  private static final long S0 = 0x243F6A8885A308D3L;
  private static final long S1 = 0x13198A2E03707344L;

  /** Counts the 64-bit draws since the last reset and remembers the first two. */
  static final class CountingSource implements UniformRandomProvider {
    private final UniformRandomProvider source;
    int longs;
    int doubles;
    long first;
    long second;
    double lastDouble;

    CountingSource(UniformRandomProvider source) {
      this.source = source;
    }

    void reset() {
      longs = 0;
      doubles = 0;
    }

    @Override
    public long nextLong() {
      long x = source.nextLong();
      if (longs == 0) {
        first = x;
      } else if (longs == 1) {
        second = x;
      }
      longs++;
      return x;
    }

    @Override
    public double nextDouble() {
      doubles++;
      lastDouble = source.nextDouble();
      return lastDouble;
    }
  }

  @Test
  void theNormalDrawsTheOriginalsValuesAndReachesEveryEdgeBranch() {
    int n = 20_000_000;
    UniformRandomProvider reference = new XoRoShiRo128PlusPlus(S0, S1);
    CountingSource counted = new CountingSource(new XoRoShiRo128PlusPlus(S0, S1));
    ZigguratSampler.NormalizedGaussian original = ZigguratSampler.NormalizedGaussian.of(reference);
    ZigguratNormal copy = new ZigguratNormal(counted);
    long concave = 0;
    long convex = 0;
    long[] regions = new long[256];
    compare(n, reference, original::sample, counted, copy::sample, actual -> {
      if (counted.longs > 1) {
        // The edge: the second draw chose the region (ZigguratNormal's javadoc names them).
        regions[ZigguratNormal.region(counted.second)]++;
      }
    });
    long edge = 0;
    for (int j = 0; j < 256; j++) {
      edge += regions[j];
      if (j > 204) {
        convex += regions[j];
      } else if (j > 0 && j < 204) {
        concave += regions[j];
      }
    }
    long fast = n - edge;
    long tail = regions[0];
    long inflection = regions[204];
    // Commons RNG's documented branch frequencies; each count within 6 binomial errors.
    assertNear(fast, n, 0.988281, "fast path");
    assertNear(convex, n, 0.00892899, "convex overhangs");
    assertNear(concave, n, 0.00249694, "concave overhangs");
    assertNear(inflection, n, 0.000015914, "the inflection overhang");
    assertNear(tail, n, 0.000276902, "the tail (exponential draws)");
  }

  @Test
  void theExponentialDrawsTheOriginalsValuesAndReachesOverhangsAndTail() {
    int n = 20_000_000;
    UniformRandomProvider reference = new XoRoShiRo128PlusPlus(S1, S0);
    CountingSource counted = new CountingSource(new XoRoShiRo128PlusPlus(S1, S0));
    ZigguratSampler.Exponential original = ZigguratSampler.Exponential.of(reference);
    ZigguratExponential copy = new ZigguratExponential(counted);
    long[] hits = new long[2]; // overhangs, tail
    compare(n, reference, original::sample, counted, copy::sample, actual -> {
      if (counted.longs > 1) {
        hits[ZigguratExponential.region(counted.second) == 0 ? 1 : 0]++;
      }
    });
    long overhang = hits[0];
    long tail = hits[1];
    // 1 - 252/256 of draws reach the edge; the alias table sends 3.3028 % of those to the tail.
    double edge = 4.0 / 256;
    assertNear(overhang, n, edge * 0.966972, "overhangs");
    assertNear(tail, n, edge * 0.033028, "the tail");
  }

  /**
   * Marsaglia-Tsang over the shapes the model uses: alpha = dof / 2 with price.student-t-dof in
   * (2, 1000], and alpha = 1 (the boundary). The log test (fdlibm's log in the copy) is reached
   * when the squeeze fails: counted as a rejection (a second uniform) or an acceptance whose
   * uniform is above the squeeze's bound (x recovered from the draw; a misclassification at a
   * rounding boundary moves only the count, never the equality checked).
   */
  @ParameterizedTest
  @ValueSource(doubles = {1.0, 1.5, 2.0, 2.5, 5.0, 500.0})
  void theGammaDrawsTheOriginalsValuesAndReachesItsLogTest(double alpha) {
    int n = 3_000_000;
    double theta = 2;
    UniformRandomProvider reference = new XoRoShiRo128PlusPlus(S0 ^ 7, S1);
    CountingSource counted = new CountingSource(new XoRoShiRo128PlusPlus(S0 ^ 7, S1));
    SharedStateContinuousSampler original =
        AhrensDieterMarsagliaTsangGammaSampler.of(reference, alpha, theta);
    MarsagliaTsangGamma copy = new MarsagliaTsangGamma(counted, alpha, theta);
    double d = alpha - 1.0 / 3;
    double c = 1.0 / 3 / Math.sqrt(d);
    long[] counts = new long[2]; // log tests, rejections
    compare(n, reference, original::sample, counted, copy::sample, actual -> {
      counts[1] += counted.doubles - 1;
      double x = (Math.cbrt(actual / (theta * d)) - 1) / c;
      boolean acceptedByLog = counted.lastDouble >= 1 - 0.0331 * x * x * x * x;
      counts[0] += counted.doubles - 1 + (acceptedByLog ? 1 : 0);
    });
    long logTests = counts[0];
    long rejections = counts[1];
    System.out.printf("gamma alpha %s: %d log tests, %d rejections in %d draws%n", alpha,
        logTests, rejections, n);
    assertTrue(rejections > 0 && logTests > rejections, "alpha " + alpha + ": log tests "
        + logTests + ", rejections " + rejections + " in " + n + " draws");
  }

  @Test
  void theGammaRefusesShapesBelowOneAndBadScales() {
    UniformRandomProvider rng = new XoRoShiRo128PlusPlus(S0, S1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MarsagliaTsangGamma(rng, 0.5, 2));
    assertEquals("gamma shape alpha 0.5: Marsaglia-Tsang needs a finite alpha >= 1",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new MarsagliaTsangGamma(rng, 2, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new MarsagliaTsangGamma(rng, Double.NaN, 2));
  }

  /**
   * Draws n values from the original and the copy (on {@code counted}, reset before each draw),
   * requires the same bits each time, hands each to {@code counter}; then requires the two
   * generators in the same state.
   */
  private static void compare(int n, UniformRandomProvider reference, DoubleSupplier original,
                              CountingSource counted, DoubleSupplier copy,
                              DoubleConsumer counter) {
    for (int k = 0; k < n; k++) {
      counted.reset();
      double expected = original.getAsDouble();
      double actual = copy.getAsDouble();
      if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
        assertEquals(expected, actual, "draw " + k);
      }
      counter.accept(actual);
    }
    assertEquals(reference.nextLong(), counted.nextLong(), "the generators' states parted");
  }

  /** count within 6 binomial standard errors of n p. */
  private static void assertNear(long count, int n, double p, String what) {
    double mean = n * p;
    double sd = Math.sqrt(n * p * (1 - p));
    assertTrue(Math.abs(count - mean) <= 6 * sd, what + ": " + count + " of " + n
        + ", expected " + mean + " +- " + 6 * sd);
    System.out.printf("%s: %d of %d (expected %.1f)%n", what, count, n, mean);
  }
}
