package io.margincall.config;

/**
 * Section {@code keeper}: the liquidators.
 *
 * @param minProfitUsd a liquidation expected to earn less is skipped, USD (only with slippage or
 *     congestion modelled)
 */
public record KeeperSettings(double minProfitUsd) {
  static KeeperSettings read(ConfigReader r) {
    return new KeeperSettings(r.number("keeper.min-profit-usd", v -> Math.abs(v) < 1e12, "a USD amount"));
  }
}
