package io.margincall.config;

/**
 * Section {@code oracle}: delay, push rules, security-module hold, TWAP and outages, durations in
 * whole time steps.
 *
 * @param delaySteps reporting delay, steps (shorter than the horizon)
 * @param deviation relative move that triggers a post, [0, 1)
 * @param heartbeatSteps steps after which a post is forced, 0 = none
 * @param holdSteps security-module hold, steps
 * @param twapSteps TWAP window, steps (0 = spot)
 * @param outagesPerDay expected outage starts per day
 * @param outageMeanSeconds mean outage length, seconds
 */
public record OracleSettings(int delaySteps, double deviation, int heartbeatSteps, int holdSteps,
                             int twapSteps, double outagesPerDay, double outageMeanSeconds) {
  private static final String UP_TO_30_DAYS = "a number of seconds in [0, 2592000]";

  static OracleSettings read(ConfigReader r, TimeSettings time) {
    double delay = r.number("oracle.delay", v -> v >= 0, "a number of seconds >= 0");
    long delaySteps = time.steps(r, "oracle.delay", delay);
    if (delaySteps >= time.steps()) {
      throw r.invalid("oracle.delay", "a delay shorter than time.horizon (" + time.horizonSeconds() + " s)");
    }
    double deviation = r.number("oracle.deviation", v -> v >= 0 && v < 1, "a fraction in [0, 1)");
    double heartbeat = r.number("oracle.heartbeat", v -> v >= 0, "a number of seconds >= 0 (0 = none)");
    int heartbeatSteps = (int) Math.min(Integer.MAX_VALUE, time.steps(r, "oracle.heartbeat", heartbeat));
    double hold = r.number("oracle.security-hold", v -> v >= 0 && v <= 30 * 86_400, UP_TO_30_DAYS);
    int holdSteps = (int) time.steps(r, "oracle.security-hold", hold);
    double twapWindow = r.number("oracle.twap-window", v -> v >= 0 && v <= 30 * 86_400, UP_TO_30_DAYS);
    int twapSteps = (int) time.steps(r, "oracle.twap-window", twapWindow);
    double outagesPerDay = r.number("oracle.outages.rate-per-day", v -> v >= 0 && v <= 1000,
        "outages per day in [0, 1000]");
    double outageMean = r.number("oracle.outages.mean-duration", v -> v > 0 && v <= 30 * 86_400,
        "a number of seconds in (0, 2592000]");
    if (time.perStep(outagesPerDay) >= 0.5) {
      throw r.invalid("oracle.outages.rate-per-day", "below half an outage per step");
    }
    return new OracleSettings((int) delaySteps, deviation, heartbeatSteps, holdSteps, twapSteps,
        outagesPerDay, outageMean);
  }
}
