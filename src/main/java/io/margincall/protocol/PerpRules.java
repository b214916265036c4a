package io.margincall.protocol;

import java.io.Serializable;

/**
 * How a perpetual-futures venue closes a position and who pays what the close cannot cover.
 *
 * <p>A liquidation closes the whole position into the market (slippage against its side); a
 * fee of {@code liquidationFee x |size| x market price} goes from what equity is left to the
 * insurance fund. A loss beyond the margin goes down the {@link LossWaterfall}: the fund, then,
 * when {@code adl} is not {@link AdlRanking#OFF}, auto-deleveraging of profitable opposite
 * positions at the bankrupt position's bankruptcy price, then socialized loss.
 *
 * <p>Ideal: no fee, ADL off, no funding.
 *
 * @param liquidationFee fee as a share of the closed notional, in [0, 1)
 * @param adl how ADL ranks the opposite side, or OFF
 * @param funding funding payments between longs and shorts
 */
public record PerpRules(double liquidationFee, AdlRanking adl, FundingRules funding)
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
  }

  /** Without funding. */
  public PerpRules(double liquidationFee, AdlRanking adl) {
    this(liquidationFee, adl, FundingRules.none());
  }

  /** No fee, no ADL, no funding. */
  public static PerpRules ideal() {
    return new PerpRules(0, AdlRanking.OFF);
  }
}
