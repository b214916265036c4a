package io.margincall.model.oracle;

import java.io.Serializable;

/**
 * How the on-chain oracle follows the market: a reporting delay, and Chainlink-style push rules.
 *
 * <p>Per step t (SPEC 7, oracle pipeline): the source is the market log price of {@code delay}
 * steps ago (the initial price while {@code t < delay}); a new value is posted when
 * {@code |source / posted - 1| >= deviation} or when {@code heartbeat} steps have passed since the
 * last post; the protocol reads the last posted value.
 *
 * <p>Ideal setting: delay 0 and deviation 0, which posts the market price every step.
 *
 * @param delaySteps reporting delay in steps ({@code >= 0})
 * @param deviation relative move that triggers a post, in [0, 1); 0 posts every step
 * @param heartbeatSteps steps after which a post is forced even without a move; 0 = no heartbeat
 */
public record OracleRules(int delaySteps, double deviation, int heartbeatSteps)
    implements Serializable {

  public OracleRules {
    if (delaySteps < 0) {
      throw new IllegalArgumentException("oracle delay must be >= 0 steps, got " + delaySteps);
    }
    if (!(deviation >= 0 && deviation < 1)) {
      throw new IllegalArgumentException("oracle deviation must be in [0, 1), got " + deviation);
    }
    if (heartbeatSteps < 0) {
      throw new IllegalArgumentException("oracle heartbeat must be >= 0 steps, got " + heartbeatSteps);
    }
  }

  /** The ideal oracle: the market price of this step, posted every step. */
  public static OracleRules ideal() {
    return new OracleRules(0, 0.0, 0);
  }

  /** A fresh per-path feed following these rules; one per task, reset per path. */
  public OracleFeed newFeed() {
    return new OracleFeed(this);
  }
}
