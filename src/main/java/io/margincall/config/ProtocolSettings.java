package io.margincall.config;

/**
 * Section {@code protocol}: the liquidation rules.
 *
 * @param liquidationThreshold LT in (0, 1]
 * @param closeFactor share of the debt one liquidation repays, (0, 1]
 * @param bonus liquidation bonus, [0, 1)
 * @param dustUsd debt at or below which a liquidation repays everything, USD
 * @param seizePrice "market" or "oracle"
 * @param incentiveModel {@code protocol.incentive.model}: "fixed" (close factor and bonus) or
 *     "dutch-auction" (Maker's Liquidations 2.0)
 * @param dutchAuction the auction's parameters, or null unless the model is "dutch-auction"
 */
public record ProtocolSettings(double liquidationThreshold, double closeFactor, double bonus,
                               double dustUsd, String seizePrice, String incentiveModel,
                               DutchAuctionSettings dutchAuction) {
  static final String MODEL = "protocol.incentive.model";

  static ProtocolSettings read(ConfigReader r) {
    double threshold =
        r.number("protocol.liquidation-threshold", v -> v > 0 && v <= 1, "a fraction in (0, 1]");
    double closeFactor =
        r.number("protocol.close-factor", v -> v > 0 && v <= 1, "a fraction in (0, 1]");
    double bonus = r.number("protocol.bonus", v -> v >= 0 && v < 1, "a fraction in [0, 1)");
    double dust = r.number("protocol.dust", v -> v >= 0 && v < 1e12, "a USD amount >= 0");
    String seizePrice = r.choice("protocol.seize-price", "market", "oracle");
    String model = r.choice(MODEL, "fixed", "dutch-auction");
    DutchAuctionSettings auction = null;
    if ("dutch-auction".equals(model)) {
      auction = DutchAuctionSettings.read(r);
    } else {
      r.forget("protocol.incentive.");  // the fixed bonus, hashed as before the switch existed
    }
    return new ProtocolSettings(threshold, closeFactor, bonus, dust, seizePrice, model, auction);
  }
}
