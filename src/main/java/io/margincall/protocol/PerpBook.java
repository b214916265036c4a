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
 * <p>Equity at the mark price m is {@code M + s (m - E - F)}, where F is the funding its side
 * has accrued per unit since the path began ({@link PerpPosition}); a position is eligible for
 * liquidation when its equity is below the maintenance margin {@code mm |s| m}, that is when the
 * mark crosses its trigger {@code (A + F) / (1 - mm sgn s)} with {@code A = E - M / s}: below it
 * for a long, above it for a short.
 *
 * <p>Funding moves every trigger of a side by {@code F / (1 - mm sgn s)}, the same amount for
 * every position of one maintenance rate. So the book keeps each side in <em>tiers</em> of one
 * rate each, ordered within a tier by A the way the mark reaches them (longs descending,
 * shorts ascending, ties by position index): funding never reorders a tier, and a kernel holds
 * one frontier per (side, tier).
 */
public final class PerpBook implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Side index of longs in the per-side accessors. */
  public static final int LONG = 0;
  /** Side index of shorts. */
  public static final int SHORT = 1;

  private final double[] margin;
  private final double[] size;
  private final double[] entry;
  private final double[] maintenance;
  // Per side: positions by (tier, order within tier), their A = E - M / s, tier boundaries.
  private final int[][] order = new int[2][];
  private final double[][] key = new double[2][];
  private final int[][] tierStart = new int[2][];
  private final double[][] tierRate = new double[2][];

  private PerpBook(double[] margin, double[] size, double[] entry, double[] maintenance) {
    this.margin = margin;
    this.size = size;
    this.entry = entry;
    this.maintenance = maintenance;
    int n = margin.length;
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = PerpPosition.bankruptcyPrice(margin[i], size[i], entry[i]);
    }
    for (int side = LONG; side <= SHORT; side++) {
      double direction = side == LONG ? -1 : 1;  // longs by descending A, shorts ascending
      int sign = side == LONG ? 1 : -1;
      int[] o = IntStream.range(0, n).filter(i -> Math.signum(size[i]) == sign).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> maintenance[i])
              .thenComparingDouble(i -> direction * a[i]).thenComparingInt(i -> i))
          .mapToInt(Integer::intValue).toArray();
      order[side] = o;
      key[side] = Arrays.stream(o).mapToDouble(i -> a[i]).toArray();
      int tiers = 0;
      int[] start = new int[o.length + 1];
      double[] rate = new double[o.length];
      for (int k = 0; k < o.length; k++) {
        if (k == 0 || maintenance[o[k]] != maintenance[o[k - 1]]) {
          start[tiers] = k;
          rate[tiers] = maintenance[o[k]];
          tiers++;
        }
      }
      start[tiers] = o.length;
      tierStart[side] = Arrays.copyOf(start, tiers + 1);
      tierRate[side] = Arrays.copyOf(rate, tiers);
    }
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

  /** How many positions a side ({@link #LONG} or {@link #SHORT}) has. */
  public int count(int side) {
    return order[side].length;
  }

  /** How many maintenance-rate tiers a side has. */
  public int tiers(int side) {
    return tierRate[side].length;
  }

  /** The maintenance rate of tier k of a side. */
  public double tierRate(int side, int k) {
    return tierRate[side][k];
  }

  /** First position (in the side's order) of tier k; {@code tierStart(side, tiers)} is the end. */
  public int tierStart(int side, int k) {
    return tierStart[side][k];
  }

  /** The position at place p of a side's order. */
  public int at(int side, int p) {
    return order[side][p];
  }

  /** {@code A = E - M / s} of the position at place p of a side's order, USD. */
  public double key(int side, int p) {
    return key[side][p];
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

  /** Notional of the book at entry, {@code sum |s| E}, USD. */
  public double notionalUsd() {
    double n = 0;
    for (int i = 0; i < size.length; i++) {
      n += Math.abs(size[i]) * entry[i];
    }
    return n;
  }
}
