package io.margincall.model.liquidity;

import java.io.Serializable;

/**
 * What selling collateral at the market fetches, and how far the sale moves the price. The pool
 * or order book is taken to be re-centred on the market price before each sale (arbitrage
 * restores it between trades); a {@code permanentImpact} share of each sale's price move stays
 * in the market price itself (set in the kernel), which is how liquidations cascade.
 */
public interface MarketDepth extends Serializable {

  /**
   * USD raised by selling {@code units} at market price {@code price} in {@code regime}.
   *
   * <p><b>Invariant</b>: never more than the market price, {@code proceeds <= units x price}
   * (the liquidation engine's bulk-skip certificates rely on it; every implementation is checked
   * by {@code MarketDepthContractTest}).
   */
  double proceeds(double units, double price, int regime);

  /** ln(marginal price after the sale / price before): {@code <= 0}. */
  double logImpact(double units, double price, int regime);

  /**
   * USD paid to buy {@code units} at market price {@code price} in {@code regime} (closing a
   * short): the mirror of {@link #proceeds}.
   *
   * <p><b>Invariant</b>: never less than the market price, {@code cost >= units x price}.
   */
  double cost(double units, double price, int regime);

  /** ln(marginal price after the purchase / price before): {@code >= 0}. */
  double logImpactOfPurchase(double units, double price, int regime);

  /** Whether this is the ideal (infinite depth, no impact): sales fetch units x price. */
  boolean ideal();
}
