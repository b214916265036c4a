package io.margincall.config;

/**
 * Section {@code insurance}: the insurance fund.
 *
 * @param balanceUsd balance at the start of every path, USD
 * @param bonusShare fraction of each liquidation bonus paid into the fund, [0, 1]
 */
public record InsuranceSettings(double balanceUsd, double bonusShare) {
  static InsuranceSettings read(ConfigReader r) {
    return new InsuranceSettings(
        r.number("insurance.balance", v -> v >= 0 && v < 1e15, "a USD amount >= 0"),
        r.number("insurance.bonus-share", v -> v >= 0 && v <= 1, "a fraction in [0, 1]"));
  }
}
