package io.margincall.kernel;

import io.margincall.protocol.PathOutcome;

/**
 * Where the step loop finds the accounts a step may liquidate (SPEC 8: account indexes, not
 * kernels). An index bounds its accounts by two oracle log prices: the highest at which an
 * account that fails on a falling price (a loan, a long) may be eligible, and the lowest at
 * which one that fails on a rising price (a short) may be. The loop calls {@link #settle} only
 * at steps whose oracle crosses one of them; the index then liquidates its eligible accounts
 * through the one {@link io.margincall.protocol.LiquidationEngine}. An index that cannot bound
 * its accounts by a price (several collaterals) returns +infinity as its fall trigger and is
 * settled every step.
 */
interface AccountIndex {
  /** Every account back to the book's state, for a new path. */
  void startPath();

  /** Oracle log price below which an account may be eligible (-infinity: none can be). */
  double fallTrigger();

  /** Oracle log price above which an account may be eligible (+infinity: none can be). */
  double riseTrigger();

  /**
   * Liquidates, each at most once, every account eligible at step t, where the market and the
   * oracle stand at {@code logPrice} and {@code logOracle} (the main asset). Indexes open the
   * engine's market for the step ({@code LiquidationEngine.openStep(t, ...)}), so sales of an
   * index settled earlier in the step stay in the price.
   */
  void settle(int t, double logPrice, double logOracle, PathOutcome out);

  /**
   * The dynamic margin factor m from this step on (1: the book's own margins): a loan is
   * eligible below {@code D m / (c LT)}, a perp position's maintenance margin is {@code MM m}.
   * Every account moves alike, so a one-price index shifts its triggers instead of touching its
   * accounts (SPEC 8).
   */
  void marginFactor(double factor);

  /**
   * The borrowing capacity the margin factor takes from the open accounts at the oracle price
   * {@code oraclePrice} (the main asset's), USD: {@code c O (LT - LT / m)} summed over loans,
   * {@code |s| O MM (m - 1)} over perp positions.
   */
  double capacityLost(double oraclePrice);

  /**
   * How many accounts are eligible at oracle log price {@code logOracle}, changing nothing: a
   * step at which a circuit breaker holds liquidations counts them.
   */
  long eligible(double logOracle);

  /** Shortfall of open accounts at the horizon (what they owe beyond what they hold), USD. */
  double horizonShortfall(double logPrice);
}
