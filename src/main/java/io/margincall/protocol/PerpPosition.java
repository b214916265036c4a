package io.margincall.protocol;

/**
 * The arithmetic of one perpetual-futures position with USD margin M, signed size s (long
 * {@code > 0}, short {@code < 0}) and entry price E, written once for both sides: a short is a
 * long of negative size, so every formula below holds for either.
 *
 * <p>Funding enters as a shift of the entry: a position whose side has accrued F USD per unit
 * since it opened (longs pay when F > 0, shorts receive) has equity {@code M + s (m - E - F)},
 * so every formula below takes {@code E + F} as its entry.
 */
public final class PerpPosition {
  private PerpPosition() {}

  /** Equity at mark m: {@code M + s (m - E)}, USD. */
  public static double equity(double margin, double size, double entry, double mark) {
    return margin + size * (mark - entry);
  }

  /** Maintenance margin at mark m: {@code mm |s| m}, USD. */
  public static double maintenanceMargin(double size, double maintenanceRate, double mark) {
    return maintenanceRate * Math.abs(size) * mark;
  }

  /** Whether the position is eligible for liquidation at mark m: equity below maintenance. */
  public static boolean eligible(double margin, double size, double entry, double rate,
                                 double mark) {
    return equity(margin, size, entry, mark) < maintenanceMargin(size, rate, mark);
  }

  /**
   * The mark at which equity equals maintenance margin: {@code (E - M / s) / (1 - mm sgn(s))}.
   * A long is eligible below it, a short above it.
   */
  public static double triggerPrice(double margin, double size, double entry, double rate) {
    return triggerPrice(bankruptcyPrice(margin, size, entry), Math.signum(size), rate);
  }

  /**
   * The same trigger from the bankruptcy price B and the side ({@code +1} long, {@code -1}
   * short): {@code B / (1 - mm side)}.
   */
  public static double triggerPrice(double bankruptcyPrice, double side, double rate) {
    return bankruptcyPrice / (1 - rate * side);
  }

  /** The mark at which equity is zero: {@code E - M / s}. */
  public static double bankruptcyPrice(double margin, double size, double entry) {
    return entry - margin / size;
  }

  /** Unrealised profit at mark m: {@code s (m - E)}, USD. */
  public static double profit(double size, double entry, double mark) {
    return size * (mark - entry);
  }
}
