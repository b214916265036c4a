package io.margincall.stats;

/**
 * A statistic that can be computed in parts and combined.
 *
 * <p>The law every implementation keeps: feeding the data in any split, to any number of
 * instances, and merging them in any order gives the same result, bit for bit, as one instance
 * fed everything. That is what lets Spark merge partitions in whatever order tasks finish.
 *
 * @param <T> the implementing type
 */
public interface Mergeable<T extends Mergeable<T>> {

  /**
   * Adds everything {@code other} has seen to this instance. {@code other} is left unchanged.
   *
   * @throws IllegalArgumentException if {@code other} is this instance (it would count twice)
   *     or was built with incompatible settings
   */
  void merge(T other);
}
