package io.margincall.model.gas;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The gas price along one path ({@link CongestionRules}). Mutable, reset per path with its own
 * stream: one normal and one uniform per step, whatever happens.
 */
public final class GasMarket {
  private final CongestionRules rules;
  private final double logBase;
  private final double logStress;
  private final double inverseLn2;
  private ZigguratSampler.NormalizedGaussian normal;
  private UniformRandomProvider rng;
  private double logGas;
  private int shockLeft;
  private double gas;

  GasMarket(CongestionRules rules) {
    this.rules = rules;
    this.logBase = Math.log(rules.baseGwei());
    this.logStress = Math.log(rules.stressMultiplier());
    this.inverseLn2 = 1 / Math.log(2);
  }

  public void reset(UniformRandomProvider stream) {
    rng = stream;
    normal = ZigguratSampler.NormalizedGaussian.of(stream);
    logGas = logBase;
    shockLeft = 0;
    gas = rules.baseGwei();
  }

  /** Advances one step after a market log return {@code r} in {@code regime}; returns gwei. */
  public double step(double r, int regime) {
    double target = regime == 1 ? logBase + logStress : logBase;
    logGas += rules.kappaPerStep() * (target - logGas) + rules.volPerStep() * normal.sample()
        + rules.returnSensitivity() * Math.abs(r);
    double u = rng.nextDouble();
    if (shockLeft == 0 && u < rules.shocksPerStep()) {
      shockLeft = rules.shockSteps();
    }
    boolean shocked = shockLeft > 0;
    if (shocked) {
      shockLeft--;  // this step is one of the shock's shockSteps steps
    }
    gas = Math.exp(logGas) * (shocked ? rules.shockMultiplier() : 1);
    return gas;
  }

  /** The gas price of the last step, gwei. */
  public double gwei() {
    return gas;
  }

  /** Steps a transaction bidding {@code bidGwei} waits for inclusion at the current price. */
  public int inclusionDelay(double bidGwei) {
    if (gas <= bidGwei) {
      return 0;
    }
    // A hair below whole numbers rounds down: log2 of an exact doubling can come out 1 + 1 ulp.
    double wait = Math.ceil(rules.stepsPerDoubling() * Math.log(gas / bidGwei) * inverseLn2 - 1e-9);
    return (int) Math.min(wait, 1_000_000);
  }

  /** USD cost of one liquidation at the current gas price, the gas token at {@code nativeUsd}. */
  public double liquidationCostUsd(double nativeUsd) {
    double token = rules.nativePriceUsd() > 0 ? rules.nativePriceUsd() : nativeUsd;
    return rules.liquidationGasUnits() * gas * 1e-9 * token;
  }
}
