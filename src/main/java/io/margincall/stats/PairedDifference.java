package io.margincall.stats;

import java.io.Serializable;

/**
 * The mean of path-by-path differences {@code x_i - y_i} between two policies run on the same
 * random numbers, and its standard error. Because both see the same paths, the noise common to
 * them cancels: the paired standard error {@code sd(x - y) / sqrt(N)} is usually far below the
 * unpaired {@code sqrt(se_x^2 + se_y^2)}. Exact sums, so merges are order-free.
 */
public final class PairedDifference implements Mergeable<PairedDifference>, Serializable {
  private static final long serialVersionUID = 2L;

  private long count;
  /** The differences' moments, each of weight 1 (the weight, if any, is in the difference). */
  private final WeightedMoments moments = new WeightedMoments();

  /** Adds one pair's difference. */
  public void add(double difference) {
    count++;
    moments.add(1.0, difference);
  }

  @Override
  public void merge(PairedDifference other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a PairedDifference with itself");
    }
    count += other.count;
    moments.merge(other.moments);
  }

  public long count() {
    return count;
  }

  /** Mean difference; NaN when empty. */
  public double mean() {
    return moments.mean(count);
  }

  /** Standard error of the mean difference; NaN with fewer than two pairs. */
  public double standardError() {
    return moments.standardError(count);
  }
}
