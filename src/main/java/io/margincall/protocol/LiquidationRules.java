package io.margincall.protocol;

import java.io.Serializable;

/**
 * What a liquidation does to an eligible account (health {@code c * oracle * LT / D < 1}).
 *
 * <p>It repays {@code closeFactor * D} of the debt (all of it when what would remain is at or
 * below {@code dust}) and takes collateral worth the repaid amount times {@code 1 + bonus} at the
 * {@link SeizePricing} price, capped at what the account holds (the repayment shrinks in
 * proportion). If afterwards the account's remaining collateral, at the market price, is worth
 * less than its remaining debt, the account is closed: the rest of its collateral is sold and
 * the debt it cannot repay is bad debt (SPEC 7). At most one liquidation per account per step.
 *
 * <p>That is the fixed rule; {@code incentive} may instead be one a protocol specifies
 * ({@link LiquidationIncentive}: Aave v3.3's close factor, Euler's health-scaled discount,
 * Morpho's incentive factor), which then decides the repayment and the bonus.
 *
 * <p>Ideal: close factor 1, bonus 0, dust 0, the fixed rule.
 *
 * @param closeFactor share of the debt one liquidation may repay, in (0, 1]
 * @param bonus liquidation bonus (penalty) as a fraction of the repaid debt, in [0, 1)
 * @param dustUsd debt at or below which a liquidation repays everything, USD, {@code >= 0}
 * @param pricing how seized collateral is valued
 * @param incentive the rule that decides each liquidation's repayment and bonus; null: the fixed
 *     rule of {@code closeFactor}, {@code bonus} and {@code dustUsd}
 * @param auction Maker's Dutch auctions instead of the incentive rule, or null: then an eligible
 *     account's debt and collateral go to an auction ({@link AuctionRules}); close factor, bonus
 *     and incentive are not used, dust is Maker's {@code dust}
 */
public record LiquidationRules(double closeFactor, double bonus, double dustUsd,
                               SeizePricing pricing, LiquidationIncentive incentive,
                               AuctionRules auction)
    implements Serializable {

  /** The fixed rule: close factor, constant bonus and dust as given. */
  public LiquidationRules(double closeFactor, double bonus, double dustUsd, SeizePricing pricing) {
    this(closeFactor, bonus, dustUsd, pricing, null, null);
  }

  /** An incentive rule, no auctions. */
  public LiquidationRules(double closeFactor, double bonus, double dustUsd, SeizePricing pricing,
                          LiquidationIncentive incentive) {
    this(closeFactor, bonus, dustUsd, pricing, incentive, null);
  }

  public LiquidationRules {
    if (!(closeFactor > 0 && closeFactor <= 1)) {
      throw new IllegalArgumentException("close factor must be in (0, 1], got " + closeFactor);
    }
    if (!(bonus >= 0 && bonus < 1)) {
      throw new IllegalArgumentException("liquidation bonus must be in [0, 1), got " + bonus);
    }
    if (!(dustUsd >= 0) || Double.isInfinite(dustUsd)) {
      throw new IllegalArgumentException("dust must be finite and >= 0 USD, got " + dustUsd);
    }
    if (pricing == null) {
      throw new IllegalArgumentException("seize pricing must be given");
    }
    if (incentive == null) {
      incentive = new LiquidationIncentive.Fixed(closeFactor, bonus, dustUsd);
    }
  }

  /** Close factor 1, no bonus, no dust, market-priced seizure. */
  public static LiquidationRules ideal() {
    return new LiquidationRules(1.0, 0.0, 0.0, SeizePricing.MARKET);
  }
}
