package io.margincall.stats;

import java.io.Serializable;

/**
 * The mean of path-by-path differences {@code x_i - y_i} between two policies run on the same
 * random numbers, and its standard error. Because both see the same paths, the noise common to
 * them cancels: the paired standard error {@code sd(x - y) / sqrt(N)} is usually far below the
 * unpaired {@code sqrt(se_x^2 + se_y^2)}. Exact sums, so merges are order-free.
 */
public final class PairedDifference implements Mergeable<PairedDifference>, Serializable {
  private static final long serialVersionUID = 1L;

  private long count;
  private final ExactSum sum = new ExactSum();
  private final ExactSum squares = new ExactSum();

  /** Adds one pair's difference. */
  public void add(double difference) {
    count++;
    sum.add(difference);
    squares.add(difference * difference);
  }

  @Override
  public void merge(PairedDifference other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a PairedDifference with itself");
    }
    count += other.count;
    sum.merge(other.sum);
    squares.merge(other.squares);
  }

  public long count() {
    return count;
  }

  /** Mean difference; NaN when empty. */
  public double mean() {
    return sum.value() / count;
  }

  /** Standard error of the mean difference; NaN with fewer than two pairs. */
  public double standardError() {
    if (count < 2) {
      return Double.NaN;
    }
    double n = count;
    double mean = sum.value() / n;
    double variance = Math.max(0, (squares.value() - n * mean * mean) / (n - 1));
    return Math.sqrt(variance / n);
  }
}
