package io.margincall.config;

import io.margincall.protocol.LiquidationIncentive;
import java.util.Locale;

/**
 * Section {@code protocol}: the liquidation rules.
 *
 * @param liquidationThreshold LT in (0, 1]
 * @param closeFactor share of the debt one liquidation repays, (0, 1] (the fixed rule)
 * @param bonus liquidation bonus, [0, 1) (the fixed rule and aave-v3)
 * @param dustUsd debt at or below which a liquidation repays everything, USD (the fixed rule)
 * @param seizePrice "market" or "oracle"
 * @param incentive the incentive rule and its parameters
 * @param allowUnhealthyLiquidation run a setting whose liquidation leaves a just-eligible
 *     account less healthy (LT x (1 + bonus) >= 1), for a study; else it is refused
 * @param dutchAuction the auction's parameters (Maker's Liquidations 2.0), or null unless
 *     {@code protocol.incentive.model = dutch-auction}
 */
public record ProtocolSettings(double liquidationThreshold, double closeFactor, double bonus,
                               double dustUsd, String seizePrice, IncentiveSettings incentive,
                               boolean allowUnhealthyLiquidation,
                               DutchAuctionSettings dutchAuction) {
  static final String ALLOW_UNHEALTHY = "protocol.allow-unhealthy-liquidation";

  static ProtocolSettings read(ConfigReader r) {
    double threshold =
        r.number("protocol.liquidation-threshold", v -> v > 0 && v <= 1, "a fraction in (0, 1]");
    double closeFactor =
        r.number("protocol.close-factor", v -> v > 0 && v <= 1, "a fraction in (0, 1]");
    double bonus = r.number("protocol.bonus", v -> v >= 0 && v < 1, "a fraction in [0, 1)");
    double dust = r.number("protocol.dust", v -> v >= 0 && v < 1e12, "a USD amount >= 0");
    String seizePrice = r.choice("protocol.seize-price", "market", "oracle");
    IncentiveSettings incentive = IncentiveSettings.read(r);
    ProtocolSettings p = new ProtocolSettings(threshold, closeFactor, bonus, dust, seizePrice,
        incentive, r.bool(ALLOW_UNHEALTHY),
        "dutch-auction".equals(incentive.model()) ? DutchAuctionSettings.read(r) : null);
    r.forget(ALLOW_UNHEALTHY);  // it refuses settings, it changes no result
    String model = p.incentive().model();
    if (p.dutchAuction() == null) {
      r.forget("protocol.incentive.dutch-auction.");
    }
    if (!"fixed".equals(model)) {
      // The fixed rule's close factor and dust are not the protocols' (nor their bonus, except
      // Aave's; Maker's auctions keep the dust): they change no result then.
      r.forget("protocol.close-factor");
      if (!"dutch-auction".equals(model)) {
        r.forget("protocol.dust");
      }
      if (!"aave-v3".equals(model)) {
        r.forget("protocol.bonus");
      }
    }
    double lt = p.liquidationThreshold();
    String why = p.unhealthyLiquidation(lt);
    if (why != null) {
      boolean bonusDecides = "fixed".equals(model) || "aave-v3".equals(model);
      throw r.invalid(bonusDecides ? "protocol.bonus" : "protocol.liquidation-threshold",
          "such that LT x (1 + bonus) < 1 with protocol.liquidation-threshold = " + lt + why);
    }
    return p;
  }

  /** The incentive rule these settings give (protocol.incentive.model and its section). */
  public LiquidationIncentive rule() {
    IncentiveSettings i = incentive;
    return switch (i.model()) {
      case "aave-v3" -> new LiquidationIncentive.AaveV3(bonus, i.closeFactorHfThreshold(),
          i.defaultLiquidationCloseFactor(), i.minBaseMaxCloseFactorThreshold(),
          i.minLeftoverBase());
      case "euler" -> new LiquidationIncentive.Euler(i.maxLiquidationDiscount());
      case "morpho" -> new LiquidationIncentive.Morpho(i.liquidationCursor(),
          i.maxLiquidationIncentiveFactor());
      default -> new LiquidationIncentive.Fixed(closeFactor, bonus, dustUsd);
    };
  }

  /**
   * Null if a liquidation under these rules leaves an account of liquidation threshold
   * {@code threshold} that has just become eligible healthier, or the allowance is given; else
   * why not, for an error message. After a liquidation repaying r of debt D against collateral
   * worth C at the oracle, health {@code (C - r (1 + b)) LT / (D - r)} is below the health
   * {@code C LT / D} before exactly when {@code LT (1 + b) > C LT / D}: with
   * {@code LT (1 + b) >= 1}, every partial liquidation of an eligible account (health below 1)
   * leaves it less healthy, and liquidations cannot restore it. Aave's PoolConfigurator refuses
   * such a reserve ({@code liquidationThreshold.percentMul(liquidationBonus) <= 100 %}); the
   * bonus is the rule's at health 1, the moment the account becomes eligible.
   */
  String unhealthyLiquidation(double threshold) {
    if (dutchAuction != null) {
      return null;  // an auction takes the whole vault: no partial liquidation to weaken it
    }
    double bonusAtOne = rule().bonusAtEligibility(threshold);
    double product = threshold * (1 + bonusAtOne);
    if (allowUnhealthyLiquidation || product < 1) {
      return null;
    }
    return String.format(Locale.ROOT, ", bonus at health 1 = %s (protocol.incentive.model = %s):"
        + " LT x (1 + bonus) = %.6f >= 1, so a partial liquidation leaves every eligible account"
        + " less healthy than before and liquidations cannot restore it (Aave's PoolConfigurator"
        + " refuses such a reserve); set %s = true to run it for a study",
        bonusAtOne, incentive.model(), product, ALLOW_UNHEALTHY);
  }
}
