package io.margincall.config;

/**
 * Section {@code liquidity}: what seized collateral fetches when sold.
 *
 * @param model "infinite", "linear" or "constant-product"
 * @param depthUsd linear depth, or the pool's USD reserve, USD
 * @param ammFee swap fee of the constant-product pool, [0, 1)
 * @param stressDepthMultiplier depth multiplier in the stress regime
 * @param permanentImpact share of each sale's impact that stays in the market price, [0, 1]
 */
public record LiquiditySettings(String model, double depthUsd, double ammFee,
                                double stressDepthMultiplier, double permanentImpact) {
  static LiquiditySettings read(ConfigReader r) {
    return new LiquiditySettings(
        r.choice("liquidity.model", "infinite", "linear", "constant-product"),
        r.number("liquidity.depth-usd", v -> v > 0 && v < 1e15, "a USD amount > 0"),
        r.number("liquidity.amm-fee", v -> v >= 0 && v < 1, "a fraction in [0, 1)"),
        r.number("liquidity.stress-depth-multiplier", v -> v > 0 && v <= 100, "a multiplier in (0, 100]"),
        r.number("liquidity.permanent-impact", v -> v >= 0 && v <= 1, "a fraction in [0, 1]"));
  }
}
