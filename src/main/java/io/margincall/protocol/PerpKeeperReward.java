package io.margincall.protocol;

import java.io.Serializable;

/**
 * What an outside keeper earns for closing a perp position, as keeper-run venues pay it
 * (Synthetix perps v2, {@code PerpsV2MarketSettings}: {@code liquidationFeeRatio} of the
 * position's notional, clamped to [{@code minKeeperFee}, {@code maxKeeperFee}]):
 * {@code clamp(rate x notional closed at the market, minUsd, maxUsd)}. It is paid from the
 * position's equity; what the equity cannot pay is part of the position's loss beyond margin, so
 * the venue pays its keeper even for a bankrupt position (the {@link LossWaterfall} covers it).
 *
 * @param rate share of the closed notional, in [0, 1)
 * @param minUsd the least a keeper earns for one close, USD (>= 0)
 * @param maxUsd the most, USD (>= minUsd; infinite: no cap)
 */
public record PerpKeeperReward(double rate, double minUsd, double maxUsd) implements Serializable {
  public PerpKeeperReward {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("keeper reward rate must be in [0, 1), got " + rate);
    }
    if (!(minUsd >= 0) || Double.isInfinite(minUsd)) {
      throw new IllegalArgumentException("least keeper reward must be finite and >= 0 USD, got "
          + minUsd);
    }
    if (!(maxUsd >= minUsd)) {
      throw new IllegalArgumentException("most keeper reward must be >= the least (" + minUsd
          + " USD), got " + maxUsd);
    }
  }

  /** The reward for closing {@code notional} USD (at the market price). */
  public double of(double notional) {
    return Math.min(maxUsd, Math.max(minUsd, rate * notional));
  }
}
