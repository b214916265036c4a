package io.margincall.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The exact sum of finite doubles, rounded once at the end.
 *
 * <p>Floating-point addition is not associative, so a plain or Kahan sum depends on the order in
 * which partitions are merged. This class keeps Shewchuk's non-overlapping partials (J. R.
 * Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust Geometric Predicates",
 * 1997; the algorithm of Python's {@code math.fsum}), whose sum is exactly the sum of the inputs;
 * {@link #value()} rounds it correctly (round half to even). A correctly rounded exact sum has one
 * value whatever the order of additions and merges, so results are the same bits for any
 * partitioning. Cost: a few additions per partial, and there are rarely more than three.
 */
public final class ExactSum implements Mergeable<ExactSum>, Serializable {
  private static final long serialVersionUID = 1L;

  private double[] partials = new double[4];
  private int size;

  /** Adds a finite value. */
  public void add(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("ExactSum takes finite values only, got " + x);
    }
    int i = 0;
    for (int j = 0; j < size; j++) {
      double y = partials[j];
      if (Math.abs(x) < Math.abs(y)) {
        double swap = x;
        x = y;
        y = swap;
      }
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) {
        partials[i++] = lo;
      }
      x = hi;
    }
    if (!Double.isFinite(x)) {
      throw new ArithmeticException("ExactSum overflowed the double range");
    }
    if (i == partials.length) {
      partials = Arrays.copyOf(partials, partials.length * 2);
    }
    partials[i] = x;
    size = i + 1;
  }

  @Override
  public void merge(ExactSum other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge an ExactSum with itself");
    }
    for (int j = 0; j < other.size; j++) {
      add(other.partials[j]);
    }
  }

  /** The exact sum, correctly rounded to the nearest double. */
  public double value() {
    int n = size;
    if (n == 0) {
      return 0.0;
    }
    double hi = partials[--n];
    double lo = 0.0;
    while (n > 0) {
      double x = hi;
      double y = partials[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) {
        break;
      }
    }
    // Round half to even across the remaining partials (as math.fsum does): if the rounding of
    // hi + lo was a tie and the next partial has the same sign as lo, the tie is not real.
    if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr) {
        hi = x;
      }
    }
    return hi;
  }
}
