package io.margincall.config;

/**
 * Section {@code congestion}: the gas-price process, the USD cost of a liquidation and the
 * inclusion waits of transactions that bid less than the going price.
 *
 * @param enabled whether congestion is modelled (ideal: no)
 * @param baseGwei mean-reversion level of the gas price, gwei
 * @param meanReversionPerHour speed of mean reversion of log gas, per hour
 * @param volatility volatility of log gas, per square-root hour
 * @param returnSensitivity rise of log gas per unit absolute market log return
 * @param stressMultiplier level multiplier of gas in the stress regime
 * @param shocks exogenous congestion shocks
 * @param liquidationGasUnits gas used by one liquidation
 * @param nativePriceUsd USD price of the gas token, 0 = the collateral's market price
 * @param delayPerDoublingSeconds inclusion wait per doubling of gas over a bid, seconds
 * @param keeperBidGwei liquidators' fee bid, gwei
 * @param oracleBidGwei the oracle updates' fee bid, gwei
 * @param maxWaitSteps a liquidation waiting longer is not submitted, steps
 */
public record CongestionSettings(boolean enabled, double baseGwei, double meanReversionPerHour,
                                 double volatility, double returnSensitivity,
                                 double stressMultiplier, Shocks shocks, double liquidationGasUnits,
                                 double nativePriceUsd, double delayPerDoublingSeconds,
                                 double keeperBidGwei, double oracleBidGwei, int maxWaitSteps) {
  private static final String GWEI = "a gas price in gwei > 0";

  /** {@code congestion.shocks}: starts per day, gas multiplier, length in steps (>= 1). */
  public record Shocks(double perDay, double multiplier, int steps) {}

  static CongestionSettings read(ConfigReader r, TimeSettings time) {
    boolean enabled = r.bool("congestion.enabled");
    // Checked against time.step only when congestion is on: a run with daily steps and no gas
    // model need not fix its rates and durations.
    String on = ConfigReader.usedBy(enabled ? "congestion.enabled = true" : "");
    double base = r.number("congestion.base-gwei", v -> v > 0 && v < 1e7, GWEI);
    double perHourMax = enabled ? 3600 / time.stepSeconds() : Double.MAX_VALUE;
    double meanReversion = r.number("congestion.mean-reversion-per-hour",
        v -> v >= 0 && v <= perHourMax, enabled ? "a rate per hour in [0, 3600 / time.step = "
            + perHourMax + "]" + on : "a rate per hour >= 0");
    double volatility = r.number("congestion.volatility", v -> v >= 0 && v <= 100,
        "a volatility per sqrt(hour) in [0, 100]");
    double sensitivity = r.number("congestion.return-sensitivity", v -> v >= 0 && v <= 10_000,
        "a sensitivity in [0, 10000]");
    double stress = r.number("congestion.stress-multiplier", v -> v > 0 && v <= 1000,
        "a multiplier in (0, 1000]");
    double shocksPerDay = r.number("congestion.shocks.rate-per-day",
        v -> v >= 0 && (!enabled || time.perStep(v) < 0.5),
        enabled ? "shocks per day, below half a shock per step" + on : "shocks per day >= 0");
    double shockMultiplier = r.number("congestion.shocks.multiplier", v -> v > 0 && v <= 10_000,
        "a multiplier in (0, 10000]");
    double shockDuration = r.number("congestion.shocks.duration", v -> v > 0, "a number of seconds > 0");
    int shockSteps = (int) Math.max(1, r.stepsIfUsed("congestion.shocks.duration", shockDuration,
        time.stepSeconds(), enabled, "congestion.enabled = true"));
    double gasUnits = r.number("congestion.liquidation-gas-units", v -> v >= 0 && v <= 1e9,
        "gas units in [0, 1e9]");
    double nativePrice = r.number("congestion.native-price-usd", v -> v >= 0 && v < 1e9,
        "a USD price >= 0 (0 = the market)");
    double delayPerDoubling = r.number("congestion.delay-per-doubling", v -> v >= 0 && v <= 86_400,
        "a number of seconds in [0, 86400]");
    double keeperBid = r.number("congestion.keeper-bid-gwei", v -> v > 0 && v < 1e7, GWEI);
    double oracleBid = r.number("congestion.oracle-bid-gwei", v -> v > 0 && v < 1e7, GWEI);
    double maxWait = r.number("congestion.max-wait", v -> v >= 0 && v <= 86_400,
        "a number of seconds in [0, 86400]");
    int maxWaitSteps = (int) r.stepsIfUsed("congestion.max-wait", maxWait, time.stepSeconds(),
        enabled, "congestion.enabled = true");
    return new CongestionSettings(enabled, base, meanReversion, volatility, sensitivity, stress,
        new Shocks(shocksPerDay, shockMultiplier, shockSteps), gasUnits, nativePrice,
        delayPerDoubling, keeperBid, oracleBid, maxWaitSteps);
  }
}
