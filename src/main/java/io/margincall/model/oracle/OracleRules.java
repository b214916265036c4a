package io.margincall.model.oracle;

import java.io.Serializable;

/**
 * How the on-chain oracle follows the market.
 *
 * <p>Per step t (SPEC 7, oracle pipeline): the source is the market log price of {@code delay}
 * steps ago (the initial price while {@code t < delay}); unless the feed is in an outage, a new
 * value is posted when {@code |source / posted - 1| >= deviation} or when {@code heartbeat}
 * steps have passed since the last post; a posted value takes effect {@code hold} steps later
 * (a security module, MakerDAO's OSM: one hour); the protocol reads the effective value, or its
 * time-weighted average over the last {@code twap} steps (a geometric mean, as Uniswap v3's
 * tick-average TWAP).
 *
 * <p>Ideal setting: every parameter 0, which posts the market price every step.
 *
 * @param delaySteps reporting delay in steps ({@code >= 0})
 * @param deviation relative move that triggers a post, in [0, 1); 0 posts every step
 * @param heartbeatSteps steps after which a post is forced even without a move; 0 = no heartbeat
 * @param holdSteps security-module hold before a posted value takes effect, steps ({@code >= 0})
 * @param twapSteps TWAP window in steps; 0 = the spot effective value
 * @param outagesPerStep probability that an outage starts at a step (0 = none)
 * @param outageMeanSteps mean outage length in steps (exponential), if outages are on
 */
public record OracleRules(int delaySteps, double deviation, int heartbeatSteps, int holdSteps,
                          int twapSteps, double outagesPerStep, double outageMeanSteps)
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
    if (holdSteps < 0 || twapSteps < 0) {
      throw new IllegalArgumentException("oracle hold and TWAP window must be >= 0 steps");
    }
    if (!(outagesPerStep >= 0 && outagesPerStep < 1) || (outagesPerStep > 0 && !(outageMeanSteps > 0))) {
      throw new IllegalArgumentException("oracle outages need a probability in [0, 1) per step "
          + "and a mean length > 0");
    }
  }

  /** Delay and push rules only: no hold, no TWAP, no outages. */
  public OracleRules(int delaySteps, double deviation, int heartbeatSteps) {
    this(delaySteps, deviation, heartbeatSteps, 0, 0, 0, 0);
  }

  /** The ideal oracle: the market price of this step, posted every step. */
  public static OracleRules ideal() {
    return new OracleRules(0, 0.0, 0);
  }

  /** Whether outages are modelled (they need a random stream). */
  public boolean hasOutages() {
    return outagesPerStep > 0;
  }

  /** A fresh per-path feed following these rules; one per task, reset per path. */
  public OracleFeed newFeed() {
    return new OracleFeed(this);
  }
}
