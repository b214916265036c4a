package io.margincall.config;

import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.MarginRules;

/**
 * Section {@code defences.margin}: the dynamic margin ({@link MarginRules}); null rules under
 * the static margin, whose keys are then neither checked against the time grid nor hashed.
 *
 * @param model {@code static}, {@code realized-volatility} or {@code predictive}
 * @param rules the factor's rules, durations in steps and volatilities per step; null: static
 */
public record MarginSettings(String model, MarginRules rules) {
  private static final String KEY = "defences.margin.";

  static MarginSettings read(ConfigReader r, TimeSettings time, CongestionSettings congestion) {
    String model = r.choice(KEY + "model", "static", "realized-volatility", "predictive");
    if ("static".equals(model)) {
      r.forget(KEY);  // off, as before the section existed: the hash of existing scenarios stays
      return new MarginSettings(model, null);
    }
    double perStep = time.stepSeconds() / GeometricBrownianMotion.SECONDS_PER_YEAR;
    double reference = volatility(r, "reference-volatility");
    double halfLife = duration(r, time, "half-life");
    double alpha = r.number(KEY + "garch.alpha", v -> v >= 0 && v < 1, "a weight in [0, 1)");
    double beta = r.number(KEY + "garch.beta", v -> v >= 0 && v < 1 - alpha,
        "a weight in [0, 1 - garch.alpha = " + (1 - alpha) + ")");
    double longRun = volatility(r, "garch.long-run-volatility");
    double horizon = duration(r, time, "forecast-horizon");
    double min = r.number(KEY + "min-factor", v -> v > 0 && v <= 1, "a factor in (0, 1]");
    double max = r.number(KEY + "max-factor", v -> v >= 1 && v <= 100, "a factor in [1, 100]");
    double maxStep = r.number(KEY + "max-step-change", v -> v > 0 && v <= 100,
        "a change of the factor per step in (0, 100]");
    double maxUpdate = r.number(KEY + "max-update-change", v -> v > 0 && v <= 100,
        "a relative change per update in (0, 100]");
    double delay = r.number(KEY + "min-update-delay", v -> v >= 0, "a number of seconds >= 0");
    long delaySteps = delay == 0 ? 0 : time.steps(r, KEY + "min-update-delay", delay);
    double gasHalfLife = duration(r, time, "gas.half-life");
    double gasReference = r.number(KEY + "gas.reference-gwei", v -> v >= 0 && v < 1e7,
        "a gas price in gwei >= 0 (0 = congestion.base-gwei)");
    double gasWeight = r.number(KEY + "gas.weight", v -> v >= 0 && v <= 10, "an exponent in [0, 10]");
    return new MarginSettings(model, new MarginRules(
        "predictive".equals(model) ? MarginRules.Model.PREDICTIVE
            : MarginRules.Model.REALIZED_VOLATILITY,
        reference * reference * perStep, halfLife, alpha, beta, longRun * longRun * perStep,
        (int) horizon, min, max, maxStep, maxUpdate, (int) Math.min(delaySteps, Integer.MAX_VALUE),
        gasHalfLife, gasReference > 0 ? gasReference : congestion.baseGwei(), gasWeight));
  }

  private static double volatility(ConfigReader r, String key) {
    return r.number(KEY + key, v -> v > 0 && v <= 100, "an annualised volatility in (0, 100]");
  }

  /** A duration > 0 in seconds at {@code key}, as a whole number of steps. */
  private static double duration(ConfigReader r, TimeSettings time, String key) {
    double seconds = r.number(KEY + key, v -> v > 0, "a number of seconds > 0");
    long steps = time.steps(r, KEY + key, seconds);
    if (steps > time.steps()) {
      throw r.invalid(KEY + key, "at most time.horizon (" + time.horizonSeconds() + " s)");
    }
    return steps;
  }
}
