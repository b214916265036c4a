package io.margincall.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The law every {@link Mergeable} keeps: any split of the data, merged in any order, gives the
 * same result, bit for bit, as one instance fed everything. Concrete tests supply the instance,
 * the data and a bit-exact fingerprint of the result.
 */
abstract class MergeableContract<T extends Mergeable<T>> {

  abstract T empty();

  abstract void feed(T instance, double value);

  /** A bit-exact description of everything the instance reports. */
  abstract String fingerprint(T instance);

  /** Data to feed: varied magnitudes, repeats and zeros. */
  double[] data(Random random) {
    double[] values = new double[3000];
    for (int i = 0; i < values.length; i++) {
      double u = random.nextDouble();
      values[i] = u < 0.6 ? 0.0 : Math.exp(random.nextGaussian() * 6) * (u < 0.62 ? 1e9 : 1);
    }
    return values;
  }

  @Test
  void anySplitAndMergeOrderGivesTheSameBits() {
    Random random = new Random(42);
    double[] values = data(random);
    T whole = empty();
    for (double v : values) {
      feed(whole, v);
    }
    String expected = fingerprint(whole);
    for (int trial = 0; trial < 5; trial++) {
      int parts = 1 + random.nextInt(9);
      List<T> pieces = new ArrayList<>();
      for (int p = 0; p < parts; p++) {
        pieces.add(empty());
      }
      for (double v : values) {
        feed(pieces.get(random.nextInt(parts)), v);
      }
      Collections.shuffle(pieces, random);
      // Merge as a random tree, as treeReduce would.
      while (pieces.size() > 1) {
        int a = random.nextInt(pieces.size());
        T left = pieces.remove(a);
        int b = random.nextInt(pieces.size());
        T right = pieces.get(b);
        right.merge(left);
      }
      assertEquals(expected, fingerprint(pieces.get(0)), "split into " + parts + " parts");
    }
  }

  @Test
  void mergingAnEmptyInstanceChangesNothing() {
    T a = empty();
    for (double v : data(new Random(7))) {
      feed(a, v);
    }
    String before = fingerprint(a);
    a.merge(empty());
    assertEquals(before, fingerprint(a));
  }

  @Test
  void mergingWithItselfIsRejected() {
    T a = empty();
    feed(a, 1.0);
    assertThrows(IllegalArgumentException.class, () -> a.merge(a));
  }
}
