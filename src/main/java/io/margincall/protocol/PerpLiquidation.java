package io.margincall.protocol;

import io.margincall.model.gas.GasMarket;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;

/**
 * The close of perpetual-futures positions ({@link PerpRules}; {@code src/docs/model.md},
 * "Perpetual futures"): into the {@link StepMarket} with slippage against the side closed, in
 * chunks above the rules' largest close, paying the keeper (when keepers close) and the
 * liquidation fee out of what is left, and sending a loss beyond margin down the
 * {@link LossWaterfall} with ADL. It shares its market, waterfall and bookkeeping with the
 * lending rules of its {@link LiquidationEngine}, so a perp close and a loan's sale in one step
 * move one price. Mutable, one per engine: it carries the result of the last {@link #liquidate}.
 */
public final class PerpLiquidation {
  private final PerpRules rules;
  private final LiquidationEngine engine;
  private final StepMarket stepMarket;
  private final LossWaterfall waterfall;
  private final GasMarket gas;
  private final double minProfit;
  // The position after the last liquidate().
  private double marginLeft;
  private boolean skipped;

  PerpLiquidation(PerpRules rules, LiquidationEngine engine, StepMarket stepMarket,
                  LossWaterfall waterfall, GasMarket gas, double minProfitUsd) {
    this.rules = rules;
    this.engine = engine;
    this.stepMarket = stepMarket;
    this.waterfall = waterfall;
    this.gas = gas;
    this.minProfit = minProfitUsd;
  }

  /**
   * Liquidates a perp position (margin M, signed size s, entry E, funding included) at step t:
   * closes it at the current market price with slippage against its side (a long sells, a short
   * buys back, each moving the market by its permanent impact), whole or, above the rules'
   * largest close, one chunk of that notional. A keeper's reward (when keepers close, not the
   * venue) and then the liquidation fee (to the fund) come out of the equity left. A loss beyond
   * the margin goes down the waterfall, with {@code adl} (the book) as the deleveraging stage
   * when the rules turn ADL on. A position left open that is bankrupt at the market after its
   * chunk is closed at once (SPEC 7: no loss left that never becomes bad debt).
   *
   * <p>Under congestion a keeper skips a close whose reward is below its gas cost plus its
   * minimum profit: the position is unchanged ({@link #skipped()}) and stays eligible, or,
   * bankrupt at the market, the venue closes it itself, whole and unpaid, as the protocol closes
   * an insolvent loan no keeper takes. Returns the signed size left (0: closed);
   * {@link #marginLeft()} its margin.
   */
  public double liquidate(double margin, double size, double entry, int t, Deleveraging adl,
                              PathOutcome out) {
    double market = stepMarket.price();
    double held = Math.abs(size);
    double units = rules.maxCloseNotionalUsd() > 0
        ? Math.min(held, rules.maxCloseNotionalUsd() / market) : held;
    boolean bankrupt = PerpPosition.equity(margin, size, entry, market) < 0;
    skipped = false;
    marginLeft = 0;
    PerpKeeperReward keeperReward = rules.keeperReward();
    double reward = keeperReward == null ? 0 : keeperReward.of(units * market);
    if (keeperReward != null && gas != null
        && reward - gas.liquidationCostUsd(market) < minProfit) {
      out.count(OutcomeCount.UNPROFITABLE_AFTER_FEES);
      if (!bankrupt) {
        skipped = true;
        marginLeft = margin;
        return size;  // still eligible; tried again next step
      }
      closePerp(margin, size, entry, held, 0, t, adl, out);
      engine.recordCloseOut(t, out);
      return 0;
    }
    engine.recordLiquidation(bankrupt, t, out);
    if (units >= held) {
      closePerp(margin, size, entry, held, reward, t, adl, out);
      return 0;
    }
    double m = margin + trade(size, units, entry, market) - reward;
    out.add(OutcomeAmount.PERP_KEEPER_REWARDS, reward);
    double fee = Math.min(Math.max(m, 0), rules.liquidationFee() * units * market);
    waterfall.depositFee(fee);
    out.add(OutcomeAmount.PERP_LIQUIDATION_FEES, fee);
    m -= fee;
    double rest = size - Math.signum(size) * units;
    if (PerpPosition.equity(m, rest, entry, stepMarket.price()) < 0) {
      closePerp(m, rest, entry, Math.abs(rest), 0, t, adl, out);
      return 0;
    }
    marginLeft = m;
    out.count(OutcomeCount.LIQUIDATIONS_PARTIAL);
    return rest;
  }

  /** The margin of the position after the last {@link #liquidate}, USD. */
  public double marginLeft() {
    return marginLeft;
  }

  /** Whether the last {@link #liquidate} was skipped by the keeper (nothing changed). */
  public boolean skipped() {
    return skipped;
  }

  /**
   * Closes all {@code units} of a perp position, paying the keeper {@code reward}: the fee from
   * the equity left, or the loss beyond margin down the waterfall.
   */
  private void closePerp(double margin, double size, double entry, double units, double reward,
                         int t, Deleveraging adl, PathOutcome out) {
    double market = stepMarket.price();
    double left = margin + trade(size, units, entry, market) - reward;
    out.add(OutcomeAmount.PERP_KEEPER_REWARDS, reward);
    if (left >= 0) {
      double fee = Math.min(left, rules.liquidationFee() * units * market);
      waterfall.depositFee(fee);
      out.add(OutcomeAmount.PERP_LIQUIDATION_FEES, fee);
    } else {
      waterfall.realisePerp(-left, units, PerpPosition.bankruptcyPrice(margin, size, entry),
          size > 0 ? 1 : -1, t, rules.adl() == PerpRules.AdlRanking.OFF ? null : adl, out);
      engine.offerLoss(-left, t, market, out);
    }
  }

  /**
   * Trades {@code units} of a position of signed size s against the market at price
   * {@code market} (a long sells, a short buys back), moving it by the permanent impact;
   * returns the profit realised on them against the entry, USD.
   */
  private double trade(double size, double units, double entry, double market) {
    if (size > 0) {
      double proceeds = stepMarket.proceeds(units, market);
      stepMarket.sold(units, market);
      return proceeds - units * entry;
    }
    double cost = stepMarket.cost(units, market);
    stepMarket.bought(units, market);
    return units * entry - cost;
  }
}
