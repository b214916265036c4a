package io.margincall.protocol;

import io.margincall.model.liquidity.MarketDepth;

/**
 * The market as liquidations see it during one step: the step's price, moved by the permanent
 * share of each sale's or purchase's impact, so that a later liquidation of the same step trades
 * at the moved price (cascades), and the move is handed to the price path once the step is
 * settled ({@link #takeImpact}). Every account index of a kernel trades against one instance: a
 * sale of one stays in the price the next sees.
 *
 * <p>What a trade fetches or costs is the {@link MarketDepth}'s; with infinite depth, the
 * market price, and nothing moves. The depth's invariant, that a sale never fetches more than
 * the market price and a purchase never costs less, is what the bulk-skip certificates of
 * {@link LiquidationEngine} rely on.
 */
public final class StepMarket {
  private final MarketDepth depth;
  private final boolean slippage;
  private final double permanentImpact;
  private int openedAt;
  private double price;
  private int regime;
  private double impact;

  /**
   * @param depth what a trade fetches or costs
   * @param permanentImpact share of each trade's price move that stays in the market, [0, 1]
   */
  public StepMarket(MarketDepth depth, double permanentImpact) {
    this.depth = depth;
    this.slippage = !depth.ideal();
    this.permanentImpact = permanentImpact;
  }

  /** A new path: no step is open, nothing has moved. */
  public void startPath() {
    openedAt = 0;
    impact = 0;
  }

  /**
   * Trades of step t start at market price {@code exp(logPrice)} in {@code regime}, once per
   * step: when an earlier account index opened step t already, its trades' moves stay.
   */
  public void openStep(int t, double logPrice, int regime) {
    if (openedAt != t) {
      openedAt = t;
      this.price = StrictMath.exp(logPrice);
      this.regime = regime;
    }
  }

  /** The market price now: the step's, moved by this step's trades so far. */
  public double price() {
    return price;
  }

  /** The log-price move the trades have left in the market since the last call; zeroes it. */
  public double takeImpact() {
    double move = impact;
    impact = 0;
    return move;
  }

  /** Whether trades have slippage (the depth is not infinite). */
  public boolean slippage() {
    return slippage;
  }

  /** What selling {@code units} at market price {@code market} fetches, USD; moves nothing. */
  public double proceeds(double units, double market) {
    return slippage ? depth.proceeds(units, market, regime) : units * market;
  }

  /** What buying {@code units} at market price {@code market} costs, USD; moves nothing. */
  public double cost(double units, double market) {
    return slippage ? depth.cost(units, market, regime) : units * market;
  }

  /** A sale's permanent share of its price impact moves the market for what follows. */
  public void sold(double units, double market) {
    if (slippage && permanentImpact > 0) {
      double move = permanentImpact * depth.logImpact(units, market, regime);
      impact += move;
      price = market * StrictMath.exp(move);
    }
  }

  /** A purchase's permanent share of its price impact lifts the market for what follows. */
  public void bought(double units, double market) {
    if (slippage && permanentImpact > 0) {
      double move = permanentImpact * depth.logImpactOfPurchase(units, market, regime);
      impact += move;
      price = market * StrictMath.exp(move);
    }
  }
}
