package io.margincall.protocol;

import java.io.Serializable;

/**
 * How a perpetual-futures venue closes a position and who pays what the close cannot cover.
 *
 * <p>A liquidation closes the position into the market (slippage against its side), whole or,
 * above {@code maxCloseNotionalUsd}, a chunk of that notional per step; a fee of
 * {@code liquidationFee x closed units x market price} goes from what equity is left to the
 * insurance fund. A loss beyond the margin goes down the {@link LossWaterfall}: the fund, then,
 * when {@code adl} is not {@link AdlRanking#OFF}, auto-deleveraging of profitable opposite
 * positions at the bankrupt position's bankruptcy price, then socialized loss.
 *
 * <p>Who closes it: with {@code keeperReward} null, the venue's own engine (BitMEX, Binance, dYdX
 * v4): nobody is paid and nothing is skipped. Otherwise outside keepers, paid
 * {@link PerpKeeperReward} from the position's equity before the fee; under congestion a keeper
 * skips a close whose reward is below its gas cost plus its minimum profit (SPEC 7: the profit
 * check belongs to the fee mechanisms; the position, not the keeper, bears the close's
 * slippage, so slippage does not enter it).
 *
 * <p>Ideal: no fee, ADL off, no funding, the venue's engine.
 *
 * @param liquidationFee fee as a share of the closed notional, in [0, 1)
 * @param adl how ADL ranks the opposite side, or OFF
 * @param funding funding payments between longs and shorts
 * @param maxCloseNotionalUsd the most one liquidation closes, notional at the market price, USD:
 *     a larger position is closed in chunks, one per step while it stays eligible; 0: the whole
 *     position at once
 * @param keeperReward what an outside keeper earns per close, or null: the venue's engine closes
 */
public record PerpRules(double liquidationFee, AdlRanking adl, FundingRules funding,
                        double maxCloseNotionalUsd, PerpKeeperReward keeperReward)
    implements Serializable {

  /** How auto-deleveraging chooses the opposite positions it closes, best first. */
  public enum AdlRanking {
    /** No ADL: what the fund cannot pay is socialized. */
    OFF,
    /**
     * BitMEX: profit share times effective leverage, {@code PnL% x |s m| / equity}, where
     * {@code PnL% = s (m - E) / |s E|}.
     */
    PNL_LEVERAGE,
    /** Unrealised profit {@code s (m - E)}. */
    PNL,
    /** dYdX v4: positions in book order from a pseudo-random start (its own stream). */
    RANDOM
  }

  public PerpRules {
    if (!(liquidationFee >= 0 && liquidationFee < 1)) {
      throw new IllegalArgumentException("liquidation fee must be in [0, 1), got " + liquidationFee);
    }
    if (adl == null) {
      throw new IllegalArgumentException("an ADL ranking (or OFF) must be given");
    }
    if (funding == null) {
      funding = FundingRules.none();
    }
    if (!(maxCloseNotionalUsd >= 0) || Double.isInfinite(maxCloseNotionalUsd)) {
      throw new IllegalArgumentException("largest close must be finite and >= 0 USD (0: whole"
          + " positions), got " + maxCloseNotionalUsd);
    }
  }

  /** Closed by the venue's engine. */
  public PerpRules(double liquidationFee, AdlRanking adl, FundingRules funding,
                   double maxCloseNotionalUsd) {
    this(liquidationFee, adl, funding, maxCloseNotionalUsd, null);
  }

  /** Whole positions. */
  public PerpRules(double liquidationFee, AdlRanking adl, FundingRules funding) {
    this(liquidationFee, adl, funding, 0);
  }

  /** Without funding. */
  public PerpRules(double liquidationFee, AdlRanking adl) {
    this(liquidationFee, adl, FundingRules.none(), 0);
  }

  /** No fee, no ADL, no funding. */
  public static PerpRules ideal() {
    return new PerpRules(0, AdlRanking.OFF);
  }
}
