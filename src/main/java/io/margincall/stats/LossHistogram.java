package io.margincall.stats;

import java.io.Serializable;

/**
 * Counts of losses in fixed log-spaced bins, for loss exceedance curves.
 *
 * <p>Bins are fixed in advance (ten per decade from 1 cent to 10^14 USD, plus a bin for exactly
 * zero, one below a cent and one above the top), so histograms of any partition merge by adding
 * integer counts: exact and order-free. Bin {@code k} (1 <= k <= {@link #LOG_BINS}) holds losses
 * in {@code [10^(MIN_EXP + (k-1)/10), 10^(MIN_EXP + k/10))}.
 *
 * <p>Weighted paths (importance sampling) also add their weight to their bin's exact
 * {@link WeightedMoments}, kept from the first weight other than 1 on (seeded from the counts,
 * which are what weight-1 paths add, so any split gives the same bits): the exceedance curve is
 * then the weighted {@code (1/N) sum w 1{L >= edge}} with its weighted normal interval.
 */
public final class LossHistogram implements Mergeable<LossHistogram>, Serializable {
  private static final long serialVersionUID = 1L;

  /** Decimal exponent of the lowest log-bin edge: 10^-2 USD. */
  public static final int MIN_EXP = -2;
  /** Decimal exponent of the highest edge: 10^14 USD. */
  public static final int MAX_EXP = 14;
  /** Bins per decade. */
  public static final int PER_DECADE = 10;
  /** Number of log-spaced bins. */
  public static final int LOG_BINS = (MAX_EXP - MIN_EXP) * PER_DECADE;

  private static final int ZERO = 0;
  private static final int BELOW = LOG_BINS + 1;
  private static final int ABOVE = LOG_BINS + 2;

  // [0] exactly zero, [1..LOG_BINS] log bins, [LOG_BINS+1] (0, 1 cent), [LOG_BINS+2] >= top.
  private final long[] counts = new long[LOG_BINS + 3];
  /** Each bin's weights, from the first path of weight other than 1 on; null before. */
  private WeightedMoments[] weights;

  /** Counts one loss (USD, >= 0). */
  public void add(double loss) {
    add(loss, 1.0);
  }

  /** Counts one loss (USD, >= 0) of a path of weight {@code w}. */
  public void add(double loss, double w) {
    if (!(loss >= 0) || Double.isInfinite(loss)) {
      throw new IllegalArgumentException("a loss must be finite and >= 0, got " + loss);
    }
    int bin = binOf(loss);
    if (w != 1.0 && weights == null) {
      weights = asWeighted();
    }
    if (weights != null) {
      weights[bin].add(w, 1.0);
    }
    counts[bin]++;
  }

  /** What the weights would hold had every path so far had weight 1. */
  private WeightedMoments[] asWeighted() {
    WeightedMoments[] w = new WeightedMoments[counts.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = WeightedMoments.ofIndicator(counts[i]);
    }
    return w;
  }

  static int binOf(double loss) {
    if (loss == 0.0) {
      return ZERO;
    }
    double position = (StrictMath.log10(loss) - MIN_EXP) * PER_DECADE;
    if (position < 0) {
      return BELOW;
    }
    if (position >= LOG_BINS) {
      return ABOVE;
    }
    return 1 + (int) position;
  }

  @Override
  public void merge(LossHistogram other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a LossHistogram with itself");
    }
    if (weights != null || other.weights != null) {
      WeightedMoments[] theirs = other.weights != null ? other.weights : other.asWeighted();
      if (weights == null) {
        weights = asWeighted();
      }
      for (int i = 0; i < counts.length; i++) {
        weights[i].merge(theirs[i]);
      }
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
  }

  public long total() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  /**
   * The bins in ascending loss order, each with its count, the count at or above it and the
   * exceedance probability: {@code atOrAbove / N} with its Wilson interval, or with weighted
   * paths the weighted estimate and its normal interval.
   */
  public Bin[] bins() {
    // Bins in ascending loss order: zero, below a cent, the log bins, above the top.
    int[] order = new int[LOG_BINS + 3];
    order[0] = ZERO;
    order[1] = BELOW;
    for (int k = 1; k <= LOG_BINS; k++) {
      order[k + 1] = k;
    }
    order[LOG_BINS + 2] = ABOVE;
    long total = total();
    long[] atOrAbove = new long[order.length];
    WilsonInterval[] exceedance = new WilsonInterval[order.length];
    WeightedMoments weightAbove = new WeightedMoments();
    long above = 0;
    for (int row = order.length - 1; row >= 0; row--) {
      above += counts[order[row]];
      atOrAbove[row] = above;
      if (weights != null) {
        weightAbove.merge(weights[order[row]]);
        exceedance[row] = weightAbove.probability95(total, above);
      } else {
        exceedance[row] = WilsonInterval.of95(above, total);
      }
    }
    Bin[] out = new Bin[order.length];
    for (int row = 0; row < order.length; row++) {
      int b = order[row];
      double lower = b == ZERO || b == BELOW ? 0.0 : b == ABOVE ? edge(LOG_BINS) : edge(b - 1);
      double upper = b == ZERO ? 0.0 : b == BELOW ? edge(0)
          : b == ABOVE ? Double.POSITIVE_INFINITY : edge(b);
      out[row] = new Bin(lower, upper, counts[b], atOrAbove[row], exceedance[row]);
    }
    return out;
  }

  /** Lower edge of log bin {@code k + 1}: 10^(MIN_EXP + k / PER_DECADE). */
  static double edge(int k) {
    return StrictMath.pow(10.0, MIN_EXP + (double) k / PER_DECADE);
  }

  /**
   * One bin: losses in {@code [lower, upper)} (the zero bin is {@code [0, 0]}); {@code atOrAbove}
   * counts the losses in this bin and every higher one; {@code exceedance} is the probability of
   * a loss in this bin or a higher one, with its 95 % interval (weighted with weighted paths).
   */
  public record Bin(double lower, double upper, long count, long atOrAbove,
                    WilsonInterval exceedance) {}
}
