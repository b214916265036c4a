package io.margincall.config;

/**
 * Section {@code protocol}: the liquidation rules.
 *
 * @param liquidationThreshold LT in (0, 1]
 * @param closeFactor share of the debt one liquidation repays, (0, 1]
 * @param bonus liquidation bonus, [0, 1)
 * @param dustUsd debt at or below which a liquidation repays everything, USD
 * @param seizePrice "market" or "oracle"
 */
public record ProtocolSettings(double liquidationThreshold, double closeFactor, double bonus,
                               double dustUsd, String seizePrice) {
  static ProtocolSettings read(ConfigReader r) {
    return new ProtocolSettings(
        r.number("protocol.liquidation-threshold", v -> v > 0 && v <= 1, "a fraction in (0, 1]"),
        r.number("protocol.close-factor", v -> v > 0 && v <= 1, "a fraction in (0, 1]"),
        r.number("protocol.bonus", v -> v >= 0 && v < 1, "a fraction in [0, 1)"),
        r.number("protocol.dust", v -> v >= 0 && v < 1e12, "a USD amount >= 0"),
        r.choice("protocol.seize-price", "market", "oracle"));
  }
}
