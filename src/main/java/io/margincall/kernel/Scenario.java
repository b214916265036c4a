package io.margincall.kernel;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import java.io.Serializable;

/**
 * Everything one simulated path needs, built once from the settings and shared read-only by all
 * paths: the time grid, the models and the protocol. Serializable so Spark can ship it.
 *
 * @param seed the run's seed
 * @param steps number of time steps n; the path covers steps 1..n
 * @param stepSeconds the time step dt, seconds
 * @param initialPrice market (and oracle) price at time 0, USD
 * @param price the market price process
 * @param oracle the oracle's delay and push rules
 * @param book the accounts
 * @param liquidation the liquidation rules
 * @param insurance the insurance fund
 */
public record Scenario(long seed, int steps, double stepSeconds, double initialPrice,
                       GeometricBrownianMotion price, OracleRules oracle, AccountBook book,
                       LiquidationRules liquidation, InsuranceRules insurance)
    implements Serializable {

  public Scenario {
    if (steps < 1) {
      throw new IllegalArgumentException("a scenario needs at least one step, got " + steps);
    }
    if (!(initialPrice > 0) || Double.isInfinite(initialPrice)) {
      throw new IllegalArgumentException("initial price must be finite and > 0, got " + initialPrice);
    }
    if (oracle.delaySteps() >= steps) {
      throw new IllegalArgumentException("oracle delay (" + oracle.delaySteps()
          + " steps) must be shorter than the horizon (" + steps + " steps)");
    }
  }
}
