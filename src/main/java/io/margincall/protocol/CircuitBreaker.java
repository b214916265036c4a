package io.margincall.protocol;

import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.stats.OutcomeCount;

/**
 * A {@link CircuitBreakerRules circuit breaker} along one path. Each step, after the oracle
 * update and before any liquidation, it observes the oracle log price; if it is not paused and
 * the window's move or realized volatility crosses the threshold, it trips at this step: a
 * pause of {@code coolDownSteps} steps from this one, then {@code graceSteps} steps in which
 * trading resumes but liquidations stay held. It may trip again at any step not paused, the
 * grace period included (a new pause then replaces what was left of the grace).
 *
 * <p>The step it trips at is already held: the breaker is taken to be part of the protocol,
 * checked in the liquidation call itself, not a guardian's transaction racing the liquidators.
 * It tells the {@link LossWaterfall} where each step stands, so losses realised after a pause
 * are booked in their own amounts. Mutable; one per kernel, reset per path.
 */
public final class CircuitBreaker {
  private final PriceMoveWindow window;
  private final boolean volatilityTrigger;
  // The price move trips it when ln(O_t / O_(t-w)) <= down or >= up.
  private final double down;
  private final double up;
  // Realized volatility trips it when the window's sum of squared returns reaches this.
  private final double varianceLimit;
  private final int coolDown;
  private final int grace;
  private final boolean trading;
  private final LossWaterfall waterfall;
  // The last paused step and the last held step of the current (or last) episode; the step of
  // the path's first trip.
  private int pausedUntil;
  private int heldUntil;
  private int firstPause;

  public CircuitBreaker(CircuitBreakerRules rules, LossWaterfall waterfall) {
    this.window = new PriceMoveWindow(rules.windowSteps());
    this.volatilityTrigger = rules.trigger() == CircuitBreakerRules.Trigger.REALIZED_VOLATILITY;
    // Thresholds in log space, once (portable: StrictMath), so a step compares without exp.
    this.down = volatilityTrigger ? 0 : StrictMath.log1p(-rules.threshold());
    this.up = volatilityTrigger ? 0 : StrictMath.log1p(rules.threshold());
    // sigma_hat^2 = sum r^2 / (w dt / year) >= threshold^2.
    this.varianceLimit = rules.threshold() * rules.threshold() * rules.windowSteps()
        * rules.stepSeconds() / GeometricBrownianMotion.SECONDS_PER_YEAR;
    this.coolDown = rules.coolDownSteps();
    this.grace = rules.graceSteps();
    this.trading = rules.pause() == CircuitBreakerRules.Pause.TRADING;
    this.waterfall = waterfall;
  }

  /** A new path whose oracle starts at {@code logInitial}: not paused, never tripped. */
  public void reset(double logInitial) {
    window.reset(logInitial);
    pausedUntil = 0;
    heldUntil = 0;
    firstPause = Integer.MAX_VALUE;
  }

  /**
   * Observes the oracle log price of step t (every step, in order) and returns whether
   * liquidations are held at t (paused or in grace). Counts the pause, paused and grace steps.
   */
  public boolean holds(int t, double logOracle, PathOutcome out) {
    window.observe(logOracle);
    if (t > pausedUntil && tripped()) {
      pausedUntil = t + coolDown - 1;
      heldUntil = pausedUntil + grace;
      out.count(OutcomeCount.BREAKER_PAUSES);
      if (firstPause == Integer.MAX_VALUE) {
        firstPause = t;
      }
    }
    boolean held = t <= heldUntil;
    if (t <= pausedUntil) {
      out.count(OutcomeCount.BREAKER_PAUSED_STEPS);
    } else if (held) {
      out.count(OutcomeCount.BREAKER_GRACE_STEPS);
    }
    waterfall.breakerPhase(t >= firstPause, !held && t == heldUntil + 1 && t > firstPause);
    return held;
  }

  /** Whether trading (perp funding) is paused at step t: a trading pause, not its grace. */
  public boolean tradingPaused(int t) {
    return trading && t <= pausedUntil;
  }

  private boolean tripped() {
    if (volatilityTrigger) {
      return window.sumSquaredReturns() >= varianceLimit;
    }
    double move = window.move();
    return move <= down || move >= up;
  }
}
