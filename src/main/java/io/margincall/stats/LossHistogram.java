package io.margincall.stats;

import java.io.Serializable;

/**
 * Counts of losses in fixed log-spaced bins, for loss exceedance curves.
 *
 * <p>Bins are fixed in advance (ten per decade from 1 cent to 10^14 USD, plus a bin for exactly
 * zero, one below a cent and one above the top), so histograms of any partition merge by adding
 * integer counts: exact and order-free. Bin {@code k} (1 <= k <= {@link #LOG_BINS}) holds losses
 * in {@code [10^(MIN_EXP + (k-1)/10), 10^(MIN_EXP + k/10))}.
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

  /** Counts one loss (USD, >= 0). */
  public void add(double loss) {
    if (!(loss >= 0) || Double.isInfinite(loss)) {
      throw new IllegalArgumentException("a loss must be finite and >= 0, got " + loss);
    }
    counts[binOf(loss)]++;
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

  /** The bins in ascending loss order, each with its count and the count at or above it. */
  public Bin[] bins() {
    Bin[] out = new Bin[LOG_BINS + 3];
    long total = total();
    long atOrAbove = total;
    int row = 0;
    out[row++] = new Bin(0.0, 0.0, counts[ZERO], atOrAbove);
    atOrAbove -= counts[ZERO];
    out[row++] = new Bin(0.0, edge(0), counts[BELOW], atOrAbove);
    atOrAbove -= counts[BELOW];
    for (int k = 1; k <= LOG_BINS; k++) {
      out[row++] = new Bin(edge(k - 1), edge(k), counts[k], atOrAbove);
      atOrAbove -= counts[k];
    }
    out[row] = new Bin(edge(LOG_BINS), Double.POSITIVE_INFINITY, counts[ABOVE], atOrAbove);
    return out;
  }

  /** Lower edge of log bin {@code k + 1}: 10^(MIN_EXP + k / PER_DECADE). */
  static double edge(int k) {
    return StrictMath.pow(10.0, MIN_EXP + (double) k / PER_DECADE);
  }

  /**
   * One bin: losses in {@code [lower, upper)} (the zero bin is {@code [0, 0]}); {@code atOrAbove}
   * counts the losses in this bin and every higher one.
   */
  public record Bin(double lower, double upper, long count, long atOrAbove) {}
}
