package io.margincall.model.gas;

import io.margincall.model.FdLibm;
import io.margincall.model.random.ZigguratNormal;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The gas price along one path ({@link CongestionRules}). Mutable, reset per path with its own
 * stream: one normal and one uniform per step, whatever happens.
 *
 * <p>The process lives in log space; the price in gwei ({@code exp}) is computed only when a
 * step needs it (an inclusion wait against a bid it may exceed, a liquidation's cost), and then
 * by the same expression every time, so skipping it on quiet steps changes no bit. Inclusion
 * waits are computed from the log price too, and fall back to the exact formula only when the
 * log-space result is within rounding of a different answer, or the gas price overflows.
 */
public final class GasMarket {
  // ln(gwei) below ln(bid) by more than this is "certainly below": exp and the multiplications
  // that make gwei() err by a few 1e-16 relative, a millionfold less.
  private static final double CERTAIN_BELOW = 1e-9;

  private final CongestionRules rules;
  private final double logBase;
  private final double logStress;
  private final double logShock;
  private final double logKeeperBid;
  private final double logOracleBid;
  private final double inverseLn2;
  private ZigguratNormal normal;
  private UniformRandomProvider rng;
  private double logGas;
  private int shockLeft;
  private boolean shocked;
  private double gas;
  private boolean gasKnown;

  GasMarket(CongestionRules rules) {
    this.rules = rules;
    this.logBase = FdLibm.log(rules.baseGwei());
    this.logStress = FdLibm.log(rules.stressMultiplier());
    this.logShock = FdLibm.log(rules.shockMultiplier());
    this.logKeeperBid = FdLibm.log(rules.keeperBidGwei());
    this.logOracleBid = FdLibm.log(rules.oracleBidGwei());
    this.inverseLn2 = 1 / FdLibm.log(2);
  }

  public void reset(UniformRandomProvider stream) {
    rng = stream;
    normal = new ZigguratNormal(stream);
    logGas = logBase;
    shockLeft = 0;
    shocked = false;
    gas = rules.baseGwei();
    gasKnown = true;
  }

  /** Advances one step after a market log return {@code r} in {@code regime}. */
  public void advance(double r, int regime) {
    double target = regime == 1 ? logBase + logStress : logBase;
    logGas += rules.kappaPerStep() * (target - logGas) + rules.volPerStep() * normal.sample()
        + rules.returnSensitivity() * Math.abs(r);
    double u = rng.nextDouble();
    if (shockLeft == 0 && u < rules.shocksPerStep()) {
      shockLeft = rules.shockSteps();
    }
    shocked = shockLeft > 0;
    if (shocked) {
      shockLeft--;  // this step is one of the shock's shockSteps steps
    }
    gasKnown = false;
  }

  /** The gas price of the last step, gwei. */
  public double gwei() {
    if (!gasKnown) {
      gas = StrictMath.exp(logGas) * (shocked ? rules.shockMultiplier() : 1);
      gasKnown = true;
    }
    return gas;
  }

  /** ln {@link #gwei()}, up to rounding (a few 1e-16 relative): for bounds, not for results. */
  public double logGwei() {
    return shocked ? logGas + logShock : logGas;
  }

  /** Steps a transaction bidding {@code bidGwei} waits for inclusion at the current price. */
  public int inclusionDelay(double bidGwei) {
    return inclusionDelay(bidGwei, FdLibm.log(bidGwei));
  }

  /** Steps a liquidator's transaction waits ({@link CongestionRules#keeperBidGwei()}). */
  public int keeperWait() {
    return inclusionDelay(rules.keeperBidGwei(), logKeeperBid);
  }

  /** Steps an oracle update waits ({@link CongestionRules#oracleBidGwei()}). */
  public int oracleWait() {
    return inclusionDelay(rules.oracleBidGwei(), logOracleBid);
  }

  private int inclusionDelay(double bidGwei, double logBid) {
    double logRatio = logGwei() - logBid;
    if (logRatio < -CERTAIN_BELOW) {
      return 0;  // certainly gwei() < bid: the exact test below would say the same
    }
    double logGwei = logGwei();
    if (logRatio > CERTAIN_BELOW && logGwei < 700 && logRatio < 700) {
      // The exact formula below on log-space inputs (away from overflow, where the exact one
      // meets an infinite gas price and returns the cap). The two y differ by at most ~3e-15 x
      // stepsPerDoubling x (1 + |logs|); unless y lies within a thousand times that of a whole
      // number of steps, their ceilings agree.
      double spd = rules.stepsPerDoubling();
      double y = spd * logRatio * inverseLn2 - 1e-9;
      double tolerance = 1e-9 + 1e-12 * spd * (1 + Math.abs(logGwei) + Math.abs(logBid));
      if (Math.abs(y - Math.rint(y)) > tolerance) {
        return (int) Math.min(Math.ceil(y), 1_000_000);
      }
    }
    double g = gwei();
    if (g <= bidGwei) {
      return 0;
    }
    // A hair below whole numbers rounds down: log2 of an exact doubling can come out 1 + 1 ulp.
    double wait = Math.ceil(rules.stepsPerDoubling() * FdLibm.log(g / bidGwei) * inverseLn2 - 1e-9);
    return (int) Math.min(wait, 1_000_000);
  }

  /** USD cost of one liquidation at the current gas price, the gas token at {@code nativeUsd}. */
  public double liquidationCostUsd(double nativeUsd) {
    double token = rules.nativePriceUsd() > 0 ? rules.nativePriceUsd() : nativeUsd;
    return rules.liquidationGasUnits() * gwei() * 1e-9 * token;
  }
}
