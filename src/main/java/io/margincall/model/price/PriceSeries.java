package io.margincall.model.price;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real price series: bars at a regular resolution, possibly with gaps, never filled.
 *
 * <p>Timestamps are bar open times in epoch seconds (UTC), strictly increasing, every spacing a
 * whole multiple of the resolution. Close prices are always present; open, high and low
 * together or not at all. The series is immutable: accessors return copies.
 *
 * <p>Missing bars stay missing. A gap is reported by {@link #gaps()}, never interpolated: a
 * straight line between two closes has no variance, so filling gaps linearly would understate
 * volatility exactly where the data is thin (SPEC 7).
 */
public final class PriceSeries implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long[] time;
  private final double[] close;
  private final double[] open;
  private final double[] high;
  private final double[] low;
  private final long resolution;
  private final List<Gap> gaps;

  /**
   * A hole in the series: no bar opens in {@code [start, end)}. {@code start} is the open time
   * of the first missing bar and {@code end} that of the bar after the hole, so
   * {@code missingBars = (end - start) / resolution}.
   */
  public record Gap(long start, long end, long missingBars) implements Serializable {
    @Override
    public String toString() {
      return Instant.ofEpochSecond(start) + " .. " + Instant.ofEpochSecond(end) + " ("
          + missingBars + " bar" + (missingBars == 1 ? "" : "s") + " missing)";
    }
  }

  private PriceSeries(String source, long[] time, double[] close, double[] open, double[] high,
                      double[] low, long resolution) {
    this.source = source;
    this.time = time;
    this.close = close;
    this.open = open;
    this.high = high;
    this.low = low;
    this.resolution = resolution;
    List<Gap> found = new ArrayList<>();
    for (int i = 1; i < time.length; i++) {
      long missing = (time[i] - time[i - 1]) / resolution - 1;
      if (missing > 0) {
        found.add(new Gap(time[i - 1] + resolution, time[i], missing));
      }
    }
    this.gaps = List.copyOf(found);
  }

  /**
   * A series of closes only, its resolution inferred ({@link #mostCommonSpacing}).
   *
   * @throws IllegalArgumentException if fewer than 2 bars, timestamps not strictly increasing or
   *     not on the resolution's grid, or a price not finite and positive
   */
  public static PriceSeries of(String source, long[] epochSeconds, double[] close) {
    return of(source, epochSeconds, close, null, null, null);
  }

  /** As {@link #of(String, long[], double[])}, with open, high and low (all three, or all null). */
  public static PriceSeries of(String source, long[] epochSeconds, double[] close, double[] open,
                               double[] high, double[] low) {
    int n = epochSeconds.length;
    if (n < 2) {
      throw new IllegalArgumentException(source + ": a price series needs at least 2 bars, got " + n);
    }
    if (close.length != n) {
      throw new IllegalArgumentException(source + ": " + n + " timestamps but " + close.length + " closes");
    }
    boolean ohlc = open != null || high != null || low != null;
    if (ohlc && (open == null || high == null || low == null
        || open.length != n || high.length != n || low.length != n)) {
      throw new IllegalArgumentException(source + ": open, high and low must all be given, "
          + n + " each, or none");
    }
    for (int i = 1; i < n; i++) {
      if (epochSeconds[i] <= epochSeconds[i - 1]) {
        throw new IllegalArgumentException(source + ": bar " + i + " at " + epochSeconds[i]
            + " is not after bar " + (i - 1) + " at " + epochSeconds[i - 1]);
      }
    }
    long res = mostCommonSpacing(epochSeconds);
    for (int i = 0; i < n; i++) {
      if (i > 0 && (epochSeconds[i] - epochSeconds[i - 1]) % res != 0) {
        throw new IllegalArgumentException(source + ": bar " + i + " is "
            + (epochSeconds[i] - epochSeconds[i - 1]) + " s after the previous one, not a multiple"
            + " of the resolution " + res + " s");
      }
      checkPrice(source, i, "close", close[i]);
      if (ohlc) {
        checkPrice(source, i, "open", open[i]);
        checkPrice(source, i, "high", high[i]);
        checkPrice(source, i, "low", low[i]);
        if (!(high[i] >= Math.max(open[i], close[i]) && Math.min(open[i], close[i]) >= low[i])) {
          throw new IllegalArgumentException(source + ": bar " + i + ": need high >= max(open, close)"
              + " >= min(open, close) >= low, got open " + open[i] + ", high " + high[i] + ", low "
              + low[i] + ", close " + close[i]);
        }
      }
    }
    return new PriceSeries(source, epochSeconds.clone(), close.clone(),
        ohlc ? open.clone() : null, ohlc ? high.clone() : null, ohlc ? low.clone() : null, res);
  }

  private static void checkPrice(String source, int i, String field, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(source + ": bar " + i + ": " + field + " must be finite"
          + " and > 0, got " + v);
    }
  }

  /**
   * The resolution of a series: its most common spacing between consecutive timestamps (the
   * smallest of equally common ones). Gaps are rarer than regular bars in any usable series,
   * so they cannot outvote the true spacing; a series that is mostly gaps has no resolution
   * worth inferring.
   */
  public static long mostCommonSpacing(long[] epochSeconds) {
    Map<Long, Integer> counts = new HashMap<>();
    for (int i = 1; i < epochSeconds.length; i++) {
      counts.merge(epochSeconds[i] - epochSeconds[i - 1], 1, Integer::sum);
    }
    long best = 0;
    int bestCount = 0;
    for (Map.Entry<Long, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    if (best <= 0) {
      throw new IllegalArgumentException("timestamps are not strictly increasing");
    }
    return best;
  }

  /**
   * The series at a coarser step: bars grouped in buckets {@code [k step, (k+1) step)} of UTC
   * epoch time, each labelled by its start, with the close of its last bar (the first open, the
   * highest high, the lowest low).
   *
   * <p>A bucket's close must be the price at the bucket's end, so a bucket whose last bar is
   * missing (a gap, or the end of the data) is dropped and becomes a gap of the new series; a
   * bucket missing only earlier bars keeps its close (its open, high and low then cover fewer
   * bars). A step finer than the resolution is refused: making bars that were never observed
   * would need a Brownian bridge, which is not implemented, and linear interpolation would remove
   * volatility (SPEC 7).
   *
   * @param step seconds, a whole multiple of {@link #resolutionSeconds()}
   * @throws IllegalArgumentException if the step is finer than the resolution or not a multiple
   *     of it, if the bars are not on the resolution's grid of epoch time, or fewer than 2
   *     buckets are complete
   */
  public PriceSeries resample(long step) {
    if (step < resolution) {
      throw new IllegalArgumentException(source + ": step " + step + " s is finer than the series"
          + " resolution " + resolution + " s; bars that were never observed are not made up (a"
          + " Brownian bridge is not implemented, and linear interpolation would remove"
          + " volatility): use a step that is a multiple of " + resolution + " s");
    }
    if (step % resolution != 0) {
      throw new IllegalArgumentException(source + ": step " + step + " s is not a multiple of the"
          + " series resolution " + resolution + " s");
    }
    if (step == resolution) {
      return this;
    }
    if (Math.floorMod(time[0], resolution) != 0) {
      throw new IllegalArgumentException(source + ": bars open at " + Instant.ofEpochSecond(time[0])
          + ", not on a multiple of the resolution " + resolution + " s in UTC epoch time, so they"
          + " cannot be grouped into " + step + " s buckets");
    }
    int n = time.length;
    long[] t = new long[n];
    double[] c = new double[n];
    double[] o = open == null ? null : new double[n];
    double[] h = open == null ? null : new double[n];
    double[] l = open == null ? null : new double[n];
    int m = 0;
    int first = 0;
    while (first < n) {
      long bucket = Math.floorDiv(time[first], step);
      int last = first;
      while (last + 1 < n && Math.floorDiv(time[last + 1], step) == bucket) {
        last++;
      }
      if (time[last] + resolution == (bucket + 1) * step) {
        t[m] = bucket * step;
        c[m] = close[last];
        if (o != null) {
          o[m] = open[first];
          h[m] = Double.NEGATIVE_INFINITY;
          l[m] = Double.POSITIVE_INFINITY;
          for (int i = first; i <= last; i++) {
            h[m] = Math.max(h[m], high[i]);
            l[m] = Math.min(l[m], low[i]);
          }
        }
        m++;
      }
      first = last + 1;
    }
    if (m < 2) {
      throw new IllegalArgumentException(source + ": fewer than 2 complete " + step + " s buckets");
    }
    return new PriceSeries(source + " (resampled to " + step + " s)", Arrays.copyOf(t, m),
        Arrays.copyOf(c, m), o == null ? null : Arrays.copyOf(o, m),
        h == null ? null : Arrays.copyOf(h, m), l == null ? null : Arrays.copyOf(l, m), step);
  }

  /**
   * The bars opening in {@code [from, to)} (epoch seconds), at the same resolution.
   *
   * @throws IllegalArgumentException if fewer than 2 bars are in the window
   */
  public PriceSeries between(long from, long to) {
    int a = 0;
    while (a < time.length && time[a] < from) {
      a++;
    }
    int b = a;
    while (b < time.length && time[b] < to) {
      b++;
    }
    if (b - a < 2) {
      throw new IllegalArgumentException(source + ": " + (b - a) + " bar(s) open in ["
          + Instant.ofEpochSecond(from) + ", " + Instant.ofEpochSecond(to) + "); at least 2 needed");
    }
    return new PriceSeries(source + " [" + Instant.ofEpochSecond(from) + ", "
        + Instant.ofEpochSecond(to) + ")", Arrays.copyOfRange(time, a, b),
        Arrays.copyOfRange(close, a, b), open == null ? null : Arrays.copyOfRange(open, a, b),
        high == null ? null : Arrays.copyOfRange(high, a, b),
        low == null ? null : Arrays.copyOfRange(low, a, b), resolution);
  }

  /** Where the series came from (a file name), for messages. */
  public String source() {
    return source;
  }

  public int size() {
    return time.length;
  }

  /** The spacing of consecutive bars, seconds. */
  public long resolutionSeconds() {
    return resolution;
  }

  /** The holes in the series, in time order; empty if every bar is present. */
  public List<Gap> gaps() {
    return gaps;
  }

  /** Bars missing in all gaps together. */
  public long missingBars() {
    return gaps.stream().mapToLong(Gap::missingBars).sum();
  }

  /** Whether open, high and low are present. */
  public boolean hasOhlc() {
    return open != null;
  }

  /** Bar open time of bar i, epoch seconds (UTC). */
  public long epochSecond(int i) {
    return time[i];
  }

  public double close(int i) {
    return close[i];
  }

  /** Bar open times, epoch seconds (a copy). */
  public long[] epochSeconds() {
    return time.clone();
  }

  /** Closes (a copy). */
  public double[] closes() {
    return close.clone();
  }

  /** Opens (a copy); null if the series has closes only. */
  public double[] opens() {
    return open == null ? null : open.clone();
  }

  /** Highs (a copy); null if the series has closes only. */
  public double[] highs() {
    return high == null ? null : high.clone();
  }

  /** Lows (a copy); null if the series has closes only. */
  public double[] lows() {
    return low == null ? null : low.clone();
  }

  @Override
  public String toString() {
    return source + ": " + time.length + " bars of " + resolution + " s, "
        + Instant.ofEpochSecond(time[0]) + " .. " + Instant.ofEpochSecond(time[time.length - 1])
        + (gaps.isEmpty() ? "" : ", " + gaps.size() + " gaps (" + missingBars() + " bars missing)");
  }
}
