package io.margincall.model.gas;

import java.io.Serializable;

/**
 * Network congestion: a gas-price process, what a liquidation costs, and how long a transaction
 * waits for inclusion when its fee bid is below the going price.
 *
 * <p>Log gas price (gwei) per step of dt hours:
 * <pre>
 *   x_t = x_{t-1} + kappa dt (ln g_t* - x_{t-1}) + s sqrt(dt) Z_t + a |r_t|
 *   g_t* = base (x stressMultiplier in the stress regime)
 *   gas_t = exp(x_t) (x shockMultiplier while an exogenous shock lasts)
 * </pre>
 * with r_t the market's log return, so gas spikes exactly when prices move fastest. Shocks start
 * with {@code shocksPerStep} probability and last {@code shockSteps}. A transaction bidding b
 * gwei when the price is g waits {@code ceil(stepsPerDoubling * log2(g / b))} steps if g > b
 * (each doubling of the gap adds a fixed wait), none otherwise.
 *
 * @param baseGwei mean-reversion level of the gas price, gwei (> 0)
 * @param kappaPerStep mean-reversion speed per step, kappa dt, in [0, 1]
 * @param volPerStep volatility of log gas per step, s sqrt(dt) (>= 0)
 * @param returnSensitivity a: log-gas rise per unit absolute log return (>= 0)
 * @param stressMultiplier target multiplier in the stress regime (> 0)
 * @param shocksPerStep probability an exogenous shock starts at a step, [0, 1)
 * @param shockMultiplier gas multiplier during a shock (> 0)
 * @param shockSteps length of a shock, steps (>= 1)
 * @param liquidationGasUnits gas used by one liquidation (>= 0)
 * @param nativePriceUsd USD price of the gas token, or 0 for the market price of the collateral
 * @param stepsPerDoubling inclusion wait per doubling of price over bid, steps (>= 0)
 * @param keeperBidGwei a liquidator's fee bid, gwei (> 0)
 * @param oracleBidGwei the oracle's fee bid for its updates, gwei (> 0)
 * @param maxWaitSteps a liquidation that would wait longer is not submitted ("not included in
 *     time"), steps (>= 0)
 */
public record CongestionRules(double baseGwei, double kappaPerStep, double volPerStep,
                              double returnSensitivity, double stressMultiplier,
                              double shocksPerStep, double shockMultiplier, int shockSteps,
                              double liquidationGasUnits, double nativePriceUsd,
                              double stepsPerDoubling, double keeperBidGwei, double oracleBidGwei,
                              int maxWaitSteps) implements Serializable {

  public CongestionRules {
    if (!(baseGwei > 0) || !(kappaPerStep >= 0 && kappaPerStep <= 1) || !(volPerStep >= 0)
        || !(returnSensitivity >= 0) || !(stressMultiplier > 0)
        || !(shocksPerStep >= 0 && shocksPerStep < 1) || !(shockMultiplier > 0) || shockSteps < 1
        || !(liquidationGasUnits >= 0) || !(nativePriceUsd >= 0) || !(stepsPerDoubling >= 0)
        || !(keeperBidGwei > 0) || !(oracleBidGwei > 0) || maxWaitSteps < 0) {
      throw new IllegalArgumentException("congestion parameters out of range: " + this);
    }
  }

  public GasMarket newPath() {
    return new GasMarket(this);
  }
}
