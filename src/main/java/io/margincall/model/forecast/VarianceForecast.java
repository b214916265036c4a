package io.margincall.model.forecast;

/**
 * A forecast of the variance of a series of log returns from the returns seen so far, one
 * return a step: what a protocol could compute on chain from its own oracle's posts. Mutable,
 * one per kernel; {@link #reset} starts a path.
 */
public interface VarianceForecast {
  /** A new path: the one-step variance forecast is {@code variance} before any return. */
  void reset(double variance);

  /** One step's log return {@code r} is observed; the forecasts move on by a step. */
  void observe(double r);

  /** The variance of the next step's return, given the returns so far. */
  double nextStep();

  /** The variance of the sum of the next {@code h} returns (h >= 1), given the returns so far. */
  double over(int h);
}
