package io.margincall.config;

/**
 * Section {@code time}: the time grid.
 *
 * @param stepSeconds the time step dt, seconds
 * @param horizonSeconds the horizon, seconds
 * @param steps number of steps, horizon / dt
 */
public record TimeSettings(double stepSeconds, double horizonSeconds, int steps) {
  static TimeSettings read(ConfigReader r) {
    double step = r.number("time.step", v -> v > 0 && v <= 86_400, "a number of seconds in (0, 86400]");
    double horizon = r.number("time.horizon", v -> v > 0, "a number of seconds > 0");
    long stepCount = r.multipleOfStep("time.horizon", horizon, step);
    if (stepCount < 1 || stepCount > 100_000_000) {
      throw r.invalid("time.horizon", "a multiple of time.step giving 1 to 100000000 steps");
    }
    return new TimeSettings(step, horizon, (int) stepCount);
  }

  /** The duration at {@code key} as a whole number of steps, or an error naming the key. */
  long steps(ConfigReader r, String key, double seconds) {
    return r.multipleOfStep(key, seconds, stepSeconds);
  }

  /** An intensity per day as a probability per step. */
  double perStep(double perDay) {
    return perDay * stepSeconds / 86_400;
  }
}
