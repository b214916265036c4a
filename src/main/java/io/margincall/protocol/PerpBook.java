package io.margincall.protocol;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Perpetual-futures positions with USD margin, one asset: per position its margin M (USD),
 * signed size s (asset units; long {@code s > 0}, short {@code s < 0}), entry price E and
 * maintenance margin rate mm. Immutable; shared by every path.
 *
 * <p>Equity at the mark price m is {@code M + s (m - E)} (funding aside); a position is eligible
 * for liquidation when its equity is below the maintenance margin {@code mm |s| m}. That is a
 * price trigger per position:
 * <ul>
 *   <li>long: eligible when {@code m < (E - M / s) / (1 - mm)}, so longs fail on a falling
 *       mark;</li>
 *   <li>short ({@code q = -s}): eligible when {@code m > (E + M / q) / (1 + mm)}, so shorts fail
 *       on a rising one.</li>
 * </ul>
 * Its bankruptcy price, where the equity is zero, is {@code E - M / s} for both sides. The book
 * keeps each side in the order the mark reaches it: longs by descending trigger, shorts by
 * ascending trigger, ties by position index, so a kernel holds one frontier per side.
 */
public final class PerpBook implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] margin;
  private final double[] size;
  private final double[] entry;
  private final double[] maintenance;
  private final int[] longs;
  private final int[] shorts;
  private final double[] longLogTrigger;
  private final double[] shortLogTrigger;

  private PerpBook(double[] margin, double[] size, double[] entry, double[] maintenance) {
    this.margin = margin;
    this.size = size;
    this.entry = entry;
    this.maintenance = maintenance;
    int n = margin.length;
    double[] logTrigger = new double[n];
    for (int i = 0; i < n; i++) {
      logTrigger[i] = Math.log(triggerPrice(i));  // -infinity: a long that cannot fail
    }
    this.longs = IntStream.range(0, n).filter(i -> size[i] > 0).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -logTrigger[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    this.shorts = IntStream.range(0, n).filter(i -> size[i] < 0).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> logTrigger[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    this.longLogTrigger = Arrays.stream(longs).mapToDouble(i -> logTrigger[i]).toArray();
    this.shortLogTrigger = Arrays.stream(shorts).mapToDouble(i -> logTrigger[i]).toArray();
  }

  /**
   * A book of positions; every array has one entry per position.
   *
   * @throws IllegalArgumentException naming the first position (0-based) whose margin is not
   *     finite and {@code > 0}, size not finite and non-zero, entry price not finite and
   *     {@code > 0}, or maintenance rate not in [0, 1)
   */
  public static PerpBook of(double[] margin, double[] size, double[] entry, double[] maintenance) {
    int n = margin.length;
    if (size.length != n || entry.length != n || maintenance.length != n) {
      throw new IllegalArgumentException("every perp array needs one entry per position");
    }
    for (int i = 0; i < n; i++) {
      if (!(margin[i] > 0) || Double.isInfinite(margin[i])) {
        throw new IllegalArgumentException("position " + i + ": margin " + margin[i]
            + " must be finite and > 0 USD");
      }
      if (size[i] == 0 || !Double.isFinite(size[i])) {
        throw new IllegalArgumentException("position " + i + ": size " + size[i]
            + " must be finite and non-zero (long > 0, short < 0)");
      }
      if (!(entry[i] > 0) || Double.isInfinite(entry[i])) {
        throw new IllegalArgumentException("position " + i + ": entry price " + entry[i]
            + " must be finite and > 0 USD");
      }
      if (!(maintenance[i] >= 0 && maintenance[i] < 1)) {
        throw new IllegalArgumentException("position " + i + ": maintenance margin rate "
            + maintenance[i] + " must be in [0, 1)");
      }
    }
    return new PerpBook(margin.clone(), size.clone(), entry.clone(), maintenance.clone());
  }

  /** The same book with every position's side reversed (size negated): the mirror book. */
  public PerpBook mirrored() {
    double[] s = size.clone();
    for (int i = 0; i < s.length; i++) {
      s[i] = -s[i];
    }
    return new PerpBook(margin.clone(), s, entry.clone(), maintenance.clone());
  }

  public int size() {
    return margin.length;
  }

  public double margin(int i) {
    return margin[i];
  }

  /** Signed size, asset units: long > 0, short < 0. */
  public double positionSize(int i) {
    return size[i];
  }

  public double entry(int i) {
    return entry[i];
  }

  public double maintenance(int i) {
    return maintenance[i];
  }

  /**
   * The mark price at which position i becomes eligible: below it for a long, above it for a
   * short; {@code <= 0} for a long whose margin covers its whole entry value (it cannot fail).
   */
  public double triggerPrice(int i) {
    return PerpPosition.triggerPrice(margin[i], size[i], entry[i], maintenance[i]);
  }

  /** Longs, in the order a falling mark reaches them (descending trigger). */
  public int longCount() {
    return longs.length;
  }

  /** The k-th long in trigger order. */
  public int longAt(int k) {
    return longs[k];
  }

  /** ln of the k-th long's trigger price (-infinity: it cannot fail). */
  public double longLogTrigger(int k) {
    return longLogTrigger[k];
  }

  /** Shorts, in the order a rising mark reaches them (ascending trigger). */
  public int shortCount() {
    return shorts.length;
  }

  /** The k-th short in trigger order. */
  public int shortAt(int k) {
    return shorts[k];
  }

  /** ln of the k-th short's trigger price. */
  public double shortLogTrigger(int k) {
    return shortLogTrigger[k];
  }

  /** Open interest of the longs and of the shorts, asset units: {long, short}. */
  public double[] openInterest() {
    double l = 0;
    double s = 0;
    for (double x : size) {
      if (x > 0) {
        l += x;
      } else {
        s -= x;
      }
    }
    return new double[] {l, s};
  }
}
