package io.margincall.config;

/**
 * Section {@code defences.circuit-breaker}: pause liquidations, or trading, while the oracle
 * price moves too far or too fast (src/docs/model.md, "Circuit breakers").
 *
 * @param enabled whether a breaker runs (ideal: no)
 * @param trigger {@code price-move} or {@code realized-volatility}
 * @param windowSteps the window the trigger measures over, steps
 * @param threshold the relative move (price-move) or annualized volatility that trips it
 * @param pause {@code liquidations} or {@code trading}
 * @param coolDownSteps how long a pause lasts, steps
 * @param graceSteps how long liquidations stay held after the unpause, steps
 */
public record CircuitBreakerSettings(boolean enabled, String trigger, int windowSteps,
                                     double threshold, String pause, int coolDownSteps,
                                     int graceSteps) {
  private static final String KEY = "defences.circuit-breaker.";
  private static final double MAX_SECONDS = 30 * 86_400.0;

  static CircuitBreakerSettings read(ConfigReader r, TimeSettings time, int assets) {
    boolean enabled = r.bool(KEY + "enabled");
    String on = KEY + "enabled = true";
    if (enabled && assets > 1) {
      throw r.invalid(KEY + "enabled", "false with several assets (price.assets): the breaker"
          + " watches one oracle, and the cross-margin index counts no held accounts");
    }
    String trigger = r.choice(KEY + "trigger", "price-move", "realized-volatility");
    boolean move = "price-move".equals(trigger);
    double threshold = r.number(KEY + "threshold", v -> v > 0 && (move ? v < 1 : v <= 1000),
        move ? "a relative price move in (0, 1) with trigger = price-move"
            : "an annualized volatility in (0, 1000] with trigger = realized-volatility");
    String pause = r.choice(KEY + "pause", "liquidations", "trading");
    double dt = time.stepSeconds();
    int window = steps(r, "window", dt, enabled, on, 1);
    int coolDown = steps(r, "cool-down", dt, enabled, on, 1);
    int grace = steps(r, "grace-period", dt, enabled, on, 0);
    if (!enabled) {
      r.forget(KEY);  // off, as before the section existed: the hash stays
    }
    return new CircuitBreakerSettings(enabled, trigger, window, threshold, pause, coolDown, grace);
  }

  /** A duration in seconds as whole steps, at least {@code minSteps} when the breaker is on. */
  private static int steps(ConfigReader r, String name, double dt, boolean enabled, String on,
                           int minSteps) {
    double seconds = r.number(KEY + name, v -> v >= (enabled ? minSteps * dt : 0)
        && v <= MAX_SECONDS, (minSteps > 0 ? "a number of seconds >= time.step (" + dt + " s)"
            : "a number of seconds >= 0") + " and <= " + MAX_SECONDS + " (30 days)"
            + ConfigReader.usedBy(enabled ? on : ""));
    return (int) r.stepsIfUsed(KEY + name, seconds, dt, enabled, on);
  }
}
