package io.margincall.protocol;

import java.io.Serializable;

/**
 * A circuit breaker (SPEC 2.6, mitigations): it watches the oracle price the protocol reads
 * (not the market, which the protocol cannot see) over a window of steps and trips when the
 * price move or the realized volatility over that window crosses a threshold; it then pauses
 * liquidations (or all trading) for a cool-down, and after the unpause may hold liquidations
 * for a grace period (Aave v3.1's {@code LIQUIDATION_GRACE_PERIOD}).
 *
 * @param trigger what it measures over the window
 * @param windowSteps the window, steps ({@code >= 1})
 * @param threshold {@link Trigger#PRICE_MOVE}: the relative move {@code |O_t / O_(t-w) - 1|}
 *     that trips it, in (0, 1); {@link Trigger#REALIZED_VOLATILITY}: the annualized realized
 *     volatility {@code sqrt(sum of the window's squared log returns / (w dt))} that trips it,
 *     per square-root year, {@code > 0}
 * @param pause what it stops
 * @param coolDownSteps how long a pause lasts, steps ({@code >= 1})
 * @param graceSteps how long liquidations stay held after the unpause, steps ({@code >= 0})
 * @param stepSeconds the time step dt, seconds, to annualize the volatility
 */
public record CircuitBreakerRules(Trigger trigger, int windowSteps, double threshold,
                                  Pause pause, int coolDownSteps, int graceSteps,
                                  double stepSeconds) implements Serializable {

  /** What the breaker measures over its window of oracle prices. */
  public enum Trigger { PRICE_MOVE, REALIZED_VOLATILITY }

  /**
   * What a pause stops. {@link #LIQUIDATIONS}: no liquidation executes (accounts stay eligible,
   * losses can grow). {@link #TRADING}: the market the protocol runs is frozen as well: besides
   * liquidations (and so ADL, which only a liquidation calls), perp funding is not paid. The
   * oracle still moves, and a lending book has no other action modelled, so for loans the two
   * are the same.
   */
  public enum Pause { LIQUIDATIONS, TRADING }

  public CircuitBreakerRules {
    if (windowSteps < 1) {
      throw new IllegalArgumentException("breaker window must be >= 1 step, got " + windowSteps);
    }
    boolean move = trigger == Trigger.PRICE_MOVE;
    if (!(threshold > 0) || Double.isInfinite(threshold) || move && !(threshold < 1)) {
      throw new IllegalArgumentException("breaker threshold must be " + (move ? "in (0, 1)"
          : "> 0 and finite") + ", got " + threshold);
    }
    if (coolDownSteps < 1) {
      throw new IllegalArgumentException("breaker cool-down must be >= 1 step, got "
          + coolDownSteps);
    }
    if (graceSteps < 0) {
      throw new IllegalArgumentException("breaker grace period must be >= 0 steps, got "
          + graceSteps);
    }
    if (!(stepSeconds > 0)) {
      throw new IllegalArgumentException("step must be > 0 s, got " + stepSeconds);
    }
  }
}
