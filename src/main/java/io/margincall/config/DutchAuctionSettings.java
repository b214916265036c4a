package io.margincall.config;

import io.margincall.protocol.AuctionRules;

/**
 * Section {@code protocol.incentive.dutch-auction}: Maker's Liquidations 2.0 (read only when
 * {@code protocol.incentive.model = dutch-auction}). Durations in seconds need not be multiples
 * of {@code time.step}: the kernel reads the curve at whole steps, as keepers would each block.
 */
public record DutchAuctionSettings(AuctionRules rules) {
  static final String PREFIX = "protocol.incentive.dutch-auction.";

  static DutchAuctionSettings read(ConfigReader r) {
    String curve = r.choice(PREFIX + "curve", "linear", "stair-step", "exponential");
    return new DutchAuctionSettings(new AuctionRules(
        switch (curve) {
          case "linear" -> AuctionRules.Curve.LINEAR;
          case "stair-step" -> AuctionRules.Curve.STAIR_STEP;
          default -> AuctionRules.Curve.EXPONENTIAL;
        },
        r.number(PREFIX + "buf", v -> v >= 1 && v < 1e3, "a factor in [1, 1000)"),
        seconds(r, "tau"),
        seconds(r, "step"),
        r.number(PREFIX + "cut", v -> v > 0 && v <= 1, "a factor in (0, 1]"),
        seconds(r, "tail"),
        r.number(PREFIX + "cusp", v -> v >= 0 && v < 1, "a fraction in [0, 1)"),
        r.number(PREFIX + "tip-usd", v -> v >= 0 && v < 1e12, "a USD amount >= 0"),
        r.number(PREFIX + "chip", v -> v >= 0 && v < 1, "a fraction in [0, 1)"),
        r.number(PREFIX + "chop", v -> v >= 1 && v < 2, "a factor in [1, 2)"),
        limit(r, "hole-usd"),
        limit(r, "hole-per-asset-usd")));
  }

  private static double seconds(ConfigReader r, String key) {
    return r.number(PREFIX + key, v -> v > 0 && v < 1e12, "a duration > 0 seconds");
  }

  private static double limit(ConfigReader r, String key) {
    return r.number(PREFIX + key, v -> v > 0 && v <= 1e18, "a USD amount > 0 (1e18: no limit)");
  }
}
