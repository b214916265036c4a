package io.margincall.config;

/**
 * Section {@code protocol.incentive}: which liquidation incentive rule applies, and each rule's
 * parameters, named as the protocols name them ({@code src/docs/model.md}, "Liquidation
 * incentives"). Every subsection is read and range-checked; only the chosen model's is hashed.
 *
 * @param model "fixed" (protocol.close-factor, bonus and dust), "aave-v3", "euler", "morpho" or
 *     "dutch-auction" (its section is read by {@link DutchAuctionSettings})
 * @param closeFactorHfThreshold aave-v3: health at or below which the whole debt may be repaid
 * @param defaultLiquidationCloseFactor aave-v3: share of the debt repaid above that health
 * @param minBaseMaxCloseFactorThreshold aave-v3: collateral or debt below this (USD) lets the
 *     whole debt be repaid
 * @param minLeftoverBase aave-v3: least debt and collateral (USD) a partial liquidation leaves
 * @param maxLiquidationDiscount euler: the most the discount (1 - health) can reach
 * @param liquidationCursor morpho: LIF = min(max, 1 / (1 - cursor x (1 - LLTV)))
 * @param maxLiquidationIncentiveFactor morpho: the cap of the LIF
 */
public record IncentiveSettings(String model, double closeFactorHfThreshold,
                                double defaultLiquidationCloseFactor,
                                double minBaseMaxCloseFactorThreshold, double minLeftoverBase,
                                double maxLiquidationDiscount, double liquidationCursor,
                                double maxLiquidationIncentiveFactor) {
  static final String MODEL = "protocol.incentive.model";

  static IncentiveSettings read(ConfigReader r) {
    String model = r.choice(MODEL, "fixed", "aave-v3", "euler", "morpho", "dutch-auction");
    String aave = "protocol.incentive.aave-v3.";
    double hf = r.number(aave + "close-factor-hf-threshold", v -> v > 0 && v <= 1,
        "a health factor in (0, 1]");
    double closeFactor = r.number(aave + "default-liquidation-close-factor",
        v -> v > 0 && v <= 1, "a fraction in (0, 1]");
    double minBase = r.number(aave + "min-base-max-close-factor-threshold",
        v -> v >= 0 && v < 1e15, "a USD amount >= 0");
    double leftover = r.number(aave + "min-leftover-base", v -> v >= 0 && v <= minBase / 2,
        "a USD amount in [0, " + minBase / 2 + "]: at most half of " + aave
            + "min-base-max-close-factor-threshold, as Aave derives it, so that a partial"
            + " liquidation can always leave it");
    double discount = r.number("protocol.incentive.euler.max-liquidation-discount",
        v -> v >= 0 && v < 1, "a fraction in [0, 1)");
    double cursor = r.number("protocol.incentive.morpho.liquidation-cursor",
        v -> v >= 0 && v < 1, "a fraction in [0, 1)");
    double maxFactor = r.number("protocol.incentive.morpho.max-liquidation-incentive-factor",
        v -> v >= 1 && v < 2, "a factor in [1, 2)");
    // Only the chosen rule's parameters change a result: the others stay out of the hash, and
    // the fixed rule hashes as before the switch existed.
    for (String other : new String[] {"aave-v3", "euler", "morpho"}) {
      if (!other.equals(model)) {
        r.forget("protocol.incentive." + other + ".");
      }
    }
    if ("fixed".equals(model)) {
      r.forget(MODEL);
    }
    return new IncentiveSettings(model, hf, closeFactor, minBase, leftover, discount, cursor,
        maxFactor);
  }
}
