package io.margincall.kernel;

import java.io.Serializable;

/**
 * Which (point, path) outcomes become rows of the {@code paths} table: none, all, or a uniform
 * sample of path indices (the same paths at every point, so they can be compared across
 * points) plus every (point, path) with bad debt, for drill-down into the tail. The choice
 * depends only on (seed, path), never on partitioning.
 *
 * @param mode none, sample or all
 * @param rate share of paths the sample keeps, in [0, 1]
 * @param seed the run's seed
 */
public record PathSample(Mode mode, double rate, long seed) implements Serializable {
  /** How many per-path rows to keep. */
  public enum Mode { NONE, SAMPLE, ALL }

  public static PathSample none() {
    return new PathSample(Mode.NONE, 0, 0);
  }

  /** Whether path {@code path} is in the uniform sample. */
  public boolean sampled(long path) {
    return switch (mode) {
      case NONE -> false;
      case ALL -> true;
      case SAMPLE -> {
        long h = PathStreams.mix64(PathStreams.mix64(seed ^ 0x5DEECE66DL) + 0x9E3779B97F4A7C15L * path);
        yield (h >>> 11) * 0x1.0p-53 < rate;
      }
    };
  }

  /** Whether the outcome of path {@code path} at some point becomes a row. */
  public boolean keep(long path, double badDebt) {
    return mode != Mode.NONE && (badDebt > 0 || sampled(path));
  }
}
