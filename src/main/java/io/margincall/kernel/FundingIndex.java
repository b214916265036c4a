package io.margincall.kernel;

/**
 * The funding a perps book's sides have accrued on one path, per unit of size: one cumulative
 * index per side ({@code F}, longs pay it as {@code entry + F}, a short's entry rises by what it
 * receives), so a payment moves two numbers and touches no position (SPEC 8). What positions
 * have paid is booked as they leave the book or reach the horizon: its net sum is zero when
 * funding is zero-sum, checked against its gross.
 */
final class FundingIndex {
  private final double[] perUnit = new double[2];
  private double net;
  private double gross;

  /** Nothing accrued: a new path. */
  void reset() {
    perUnit[0] = 0;
    perUnit[1] = 0;
    net = 0;
    gross = 0;
  }

  /** Funding accrued per unit by side {@code side} ({@code PerpBook.LONG} or SHORT), USD. */
  double of(int side) {
    return perUnit[side];
  }

  /** A payment: each side's index moves by what one unit of it pays (longs) or receives. */
  void pay(double perLongUnit, double perShortUnit) {
    perUnit[0] += perLongUnit;
    perUnit[1] += perShortUnit;
  }

  /** Books what {@code units} (signed) of a side have paid, as they leave or reach the horizon. */
  void book(double units, int side) {
    double paid = units * perUnit[side];
    net += paid;
    gross += Math.abs(paid);
  }

  /** {net, gross} of what was booked on the path, USD. */
  double[] booked() {
    return new double[] {net, gross};
  }
}
