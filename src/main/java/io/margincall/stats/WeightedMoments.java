package io.margincall.stats;

import java.io.Serializable;

/**
 * The importance-sampling estimate of a mean, {@code (1/N) sum w_i y_i}, from exact sums of
 * {@code w y} and {@code (w y)^2}: unbiased when each weight is the likelihood ratio of its path,
 * with the weighted-variance normal interval {@code mean +- z sd(w y) / sqrt(N)} (a Wilson
 * interval assumes every path counts once, which weighted paths do not). Mergeable exactly.
 */
public final class WeightedMoments implements Mergeable<WeightedMoments>, Serializable {
  private static final long serialVersionUID = 1L;

  private final ExactSum sum = new ExactSum();
  private final ExactSum squares = new ExactSum();

  /** Empty. */
  public WeightedMoments() {}

  /**
   * The moments of paths all of weight 1 whose values sum to {@code sum} and whose squares sum
   * to {@code squares} (both copied): what adding them one by one would have given, exactly.
   */
  WeightedMoments(ExactSum sum, ExactSum squares) {
    this.sum.merge(sum);
    this.squares.merge(squares);
  }

  /** The moments of {@code count} paths of weight 1 and value 1, or 0 for the rest. */
  static WeightedMoments ofIndicator(long count) {
    ExactSum n = new ExactSum();
    n.add(count);
    return new WeightedMoments(n, n);
  }

  /** Adds one path's value {@code y} with weight {@code w}. */
  public void add(double w, double y) {
    double z = w * y;
    sum.add(z);
    squares.add(z * z);
  }

  @Override
  public void merge(WeightedMoments other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a WeightedMoments with itself");
    }
    sum.merge(other.sum);
    squares.merge(other.squares);
  }

  /** {@code sum w y}, correctly rounded. */
  public double total() {
    return sum.value();
  }

  /** {@code sum (w y)^2}, correctly rounded. */
  public double totalOfSquares() {
    return squares.value();
  }

  /** The estimate {@code (1/N) sum w y} over {@code paths} paths. */
  public double mean(long paths) {
    return sum.value() / paths;
  }

  /** Its standard error {@code sd(w y) / sqrt(N)}; NaN with fewer than two paths. */
  public double standardError(long paths) {
    if (paths < 2) {
      return Double.NaN;
    }
    double n = paths;
    double mean = sum.value() / n;
    double variance = Math.max(0, (squares.value() - n * mean * mean) / (n - 1));
    return Math.sqrt(variance / n);
  }

  /**
   * The 95 % normal interval of a probability (y an indicator), clipped to [0, 1]. With no path
   * of {@code events} the sample says nothing about the variance: the upper end is NaN.
   */
  public WilsonInterval probability95(long paths, long events) {
    if (paths == 0) {
      return new WilsonInterval(Double.NaN, 0.0, 1.0);
    }
    if (events == 0) {
      return new WilsonInterval(0.0, 0.0, Double.NaN);
    }
    double p = mean(paths);
    double half = TailRisk.Z95 * standardError(paths);
    if (Double.isNaN(half)) {
      return new WilsonInterval(p, 0.0, 1.0);
    }
    return new WilsonInterval(p, Math.max(0.0, p - half), Math.min(1.0, p + half));
  }
}
