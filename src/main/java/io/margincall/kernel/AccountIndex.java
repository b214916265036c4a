package io.margincall.kernel;

import io.margincall.protocol.PathOutcome;

/**
 * Where the step loop finds the accounts a step may liquidate (SPEC 8: account indexes, not
 * kernels). The loop keeps each index's trigger, the highest oracle log price at which one of
 * its accounts may be eligible, and calls {@link #settle} only at steps whose oracle price is
 * below it; the index then liquidates its eligible accounts through the one
 * {@link io.margincall.protocol.LiquidationEngine} and returns its new trigger. An index that
 * cannot bound its accounts by one price (several collaterals) returns +infinity and is settled
 * every step.
 */
interface AccountIndex {
  /** Every account back to the book's state, for a new path; returns the first trigger. */
  double startPath();

  /**
   * Liquidates, each at most once, every account eligible at step t, where the market and the
   * oracle stand at {@code logPrice} and {@code logOracle} (the main asset); the engine's market
   * has been opened for the step only if the index opens it. Returns the new trigger.
   */
  double settle(int t, double logPrice, double logOracle, PathOutcome out);

  /** Shortfall {@code max(0, D - collateral value)} of open accounts at the horizon, USD. */
  double horizonShortfall(double logPrice);
}
