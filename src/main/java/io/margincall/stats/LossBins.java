package io.margincall.stats;

import java.io.Serializable;

/**
 * Exact counts of losses in fine fixed bins: the bounded-memory summary of a loss distribution
 * when its exact tail would not fit ({@link TailRisk}).
 *
 * <p>The bins are cut from a double's bits, not from a logarithm: a positive loss falls in the
 * bin of its exponent and its first {@link #MANTISSA_BITS} mantissa bits, so bin {@code b} is
 * {@code [lower(b), lower(b + 1))} with {@code lower(b)} the double of bits {@code b << 44}.
 * Every bin is at most {@code 2^-8} of its lower edge wide (a relative width of 0.39 %; nearly
 * log-spaced, 256 bins per factor of two), binning needs no transcendental function (so it is
 * the same on every CPU), and the edges have 9 significant bits, so {@code count * edge} is exact
 * for any count below 2^44. Zero has its own count. Counts are integers: merging adds them, exact
 * and order-free. Memory: 8 bytes per bin between the smallest and largest positive loss seen
 * (about 2 KB per factor of two: 30 KB from 1 cent to 10 million USD), whatever the path count.
 */
public final class LossBins implements Mergeable<LossBins>, Serializable {
  private static final long serialVersionUID = 1L;

  /** Mantissa bits a bin keeps: 2^8 bins per factor of two. */
  public static final int MANTISSA_BITS = 8;
  private static final int SHIFT = 52 - MANTISSA_BITS;
  /** Room added when the range grows by one add, so a drifting range is not copied each time. */
  private static final int GROWTH = 1 << MANTISSA_BITS;

  private long zeros;
  private long total;
  /** Bin index of {@code counts[0]}; meaningless while {@code counts} is empty. */
  private int offset;
  private long[] counts = new long[0];

  /** Counts one loss (USD, finite and >= 0). */
  public void add(double loss) {
    if (!(loss >= 0) || Double.isInfinite(loss)) {
      throw new IllegalArgumentException("a loss must be finite and >= 0, got " + loss);
    }
    total++;
    if (loss == 0.0) {
      zeros++;
      return;
    }
    int bin = binOf(loss);
    cover(bin, bin, GROWTH);
    counts[bin - offset]++;
  }

  @Override
  public void merge(LossBins other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a LossBins with itself");
    }
    zeros += other.zeros;
    total += other.total;
    if (other.counts.length == 0) {
      return;
    }
    cover(other.offset, other.offset + other.counts.length - 1, 0);
    for (int i = 0; i < other.counts.length; i++) {
      counts[other.offset + i - offset] += other.counts[i];
    }
  }

  /** Grows the array to hold bins {@code [low, high]}, with {@code room} spare on a growing side. */
  private void cover(int low, int high, int room) {
    if (counts.length == 0) {
      offset = low;
      counts = new long[high - low + 1];
      return;
    }
    int end = offset + counts.length - 1;
    if (low >= offset && high <= end) {
      return;
    }
    int newLow = low < offset ? Math.max(0, low - room) : offset;
    int newEnd = high > end ? high + room : end;
    long[] grown = new long[newEnd - newLow + 1];
    System.arraycopy(counts, 0, grown, offset - newLow, counts.length);
    counts = grown;
    offset = newLow;
  }

  /** All losses counted. */
  public long total() {
    return total;
  }

  /**
   * The bin of the loss of descending index {@code j} (0 = the largest): its range
   * {@code [low, high)}, or {@code [0, 0]} for a zero loss.
   */
  public Range rangeOfDescending(long j) {
    if (j < 0 || j >= total) {
      throw new IllegalArgumentException("descending index " + j + " outside [0, " + total + ")");
    }
    long above = 0;
    for (int i = counts.length - 1; i >= 0; i--) {
      above += counts[i];
      if (j < above) {
        return range(offset + i);
      }
    }
    return new Range(0.0, 0.0);
  }

  /**
   * The losses of descending indices {@code [from, to)}, bin by bin from the largest: each
   * visit gets how many of them fall in a bin and the bin's range.
   */
  public void visitDescending(long from, long to, Visitor visitor) {
    long above = 0;
    for (int i = counts.length - 1; i >= 0 && above < to; i--) {
      long start = above;
      above += counts[i];
      long n = Math.min(above, to) - Math.max(start, from);
      if (n > 0) {
        visitor.visit(n, range(offset + i));
      }
    }
    long n = Math.min(total, to) - Math.max(above, from);
    if (n > 0) {
      visitor.visit(n, new Range(0.0, 0.0));
    }
  }

  /** The counts as text, bin by bin (for tests: equal text means equal content). */
  public String describe() {
    StringBuilder b = new StringBuilder("zeros=").append(zeros).append(" total=").append(total);
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        b.append(' ').append(offset + i).append(':').append(counts[i]);
      }
    }
    return b.toString();
  }

  static int binOf(double loss) {
    return (int) (Double.doubleToRawLongBits(loss) >>> SHIFT);
  }

  static Range range(int bin) {
    return new Range(Double.longBitsToDouble((long) bin << SHIFT),
        Double.longBitsToDouble((long) (bin + 1) << SHIFT));
  }

  /** Losses in {@code [low, high)}; {@code low == high == 0} for the zero losses. */
  public record Range(double low, double high) {
    /** The midpoint, exact: both edges have 9 significant bits and adjacent exponents. */
    public double middle() {
      return low + (high - low) / 2;
    }

    /** The largest distance of a loss in the range to {@link #middle()}. */
    public double halfWidth() {
      return (high - low) / 2;
    }
  }

  /** Receives {@code count} losses of one bin, from {@link #visitDescending}. */
  @FunctionalInterface
  public interface Visitor {
    void visit(long count, Range range);
  }
}
