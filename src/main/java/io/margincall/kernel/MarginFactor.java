package io.margincall.kernel;

import io.margincall.model.FdLibm;
import io.margincall.model.forecast.EwmaLevel;
import io.margincall.model.forecast.EwmaVariance;
import io.margincall.model.forecast.Garch11Forecast;
import io.margincall.model.forecast.VarianceForecast;
import io.margincall.model.gas.GasMarket;
import io.margincall.protocol.MarginRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;

/**
 * The dynamic margin factor of one path ({@link MarginRules}): each step it observes what the
 * protocol can see, the oracle's log return and, with congestion, the gas price, updates its
 * forecast and lets governance move the factor. It also scores the forecast against the path's
 * own future: over consecutive windows of {@code horizon} steps, the variance forecast at a
 * window's start against the sum of the window's squared oracle returns, and the gas forecast
 * against the window's mean gas price, as log ratios (SPEC 2.6, Predictive margin). Mutable, one
 * per kernel.
 */
final class MarginFactor {
  private final MarginRules rules;
  private final VarianceForecast forecast;
  private final boolean predictive;
  private final int horizon;
  private final EwmaLevel gasForecast;
  private double factor;
  private int lastUpdate;
  private double logOracle;
  // Scoring: the forecasts made at the open window's start, and what the window has realised.
  private int windowStart;
  private double varianceForecast;
  private double realisedVariance;
  private double gasForecastAtStart;
  private double gasSum;
  // Per path: sums over the steps of the factor and of the capacity it takes.
  private double factorSum;
  private double capacitySum;

  /** @param congested whether a gas market runs (its price is then forecast and scored) */
  MarginFactor(MarginRules rules, boolean congested) {
    this.rules = rules;
    this.predictive = rules.model() == MarginRules.Model.PREDICTIVE;
    this.forecast = predictive
        ? Garch11Forecast.of(rules.garchAlpha(), rules.garchBeta(), rules.garchLongRunVariance())
        : EwmaVariance.ofHalfLife(rules.ewmaHalfLifeSteps());
    this.horizon = rules.horizonSteps();
    this.gasForecast = congested ? new EwmaLevel(rules.gasHalfLifeSteps()) : null;
  }

  /**
   * A new path at oracle log price {@code logOracle}: the forecast starts at the reference
   * variance and the gas forecast at its reference, so the target, and the factor, start at 1.
   */
  void reset(double logOracle) {
    this.logOracle = logOracle;
    forecast.reset(rules.referenceVariance());
    factor = 1;
    lastUpdate = 0;
    factorSum = 0;
    capacitySum = 0;
    if (gasForecast != null) {
      gasForecast.reset(rules.gasReferenceGwei());
    }
    openWindow(0);
  }

  /** The factor now: {@code LT_eff = LT / factor}, {@code MM_eff = MM x factor}. */
  double factor() {
    return factor;
  }

  /**
   * Step t: the oracle stands at {@code logOracle} and the gas market (null: none) at its step's
   * price. Returns whether governance moved the factor.
   */
  boolean observe(int t, double logOracle, GasMarket gas, PathOutcome out) {
    double r = logOracle - this.logOracle;
    this.logOracle = logOracle;
    forecast.observe(r);
    realisedVariance += r * r;
    if (gasForecast != null) {
      double g = gas.gwei();
      gasForecast.observe(g);
      gasSum += g;
    }
    if (t - windowStart == horizon) {
      score(out);
      openWindow(t);
    }
    double next = rules.next(factor, t, lastUpdate, target());
    if (next == factor) {
      return false;
    }
    factor = next;
    lastUpdate = t;
    out.count(OutcomeCount.MARGIN_UPDATES);
    return true;
  }

  /**
   * The factor the forecast asks for: the forecast volatility over the reference, and for the
   * predictive model the congestion expected.
   */
  double target() {
    double v = predictive ? forecast.over(horizon) / horizon : forecast.nextStep();
    double x = Math.sqrt(v / rules.referenceVariance());
    if (predictive && gasForecast != null && rules.gasWeight() > 0) {
      x *= StrictMath.pow(Math.max(1, gasForecast.forecast() / rules.gasReferenceGwei()),
          rules.gasWeight());
    }
    return x;
  }

  /** Adds the step's factor and the capacity it takes from the open accounts, USD. */
  void account(double capacityLost) {
    factorSum += factor;
    capacitySum += capacityLost;
  }

  /** The path's time averages, over its {@code steps} steps, into {@code out}. */
  void finish(int steps, PathOutcome out) {
    out.add(OutcomeAmount.MARGIN_FACTOR, factorSum / steps);
    out.add(OutcomeAmount.MARGIN_CAPACITY_LOST, capacitySum / steps);
  }

  private void openWindow(int t) {
    windowStart = t;
    varianceForecast = forecast.over(horizon);
    realisedVariance = 0;
    if (gasForecast != null) {
      gasForecastAtStart = gasForecast.forecast();
      gasSum = 0;
    }
  }

  /** Scores the window just closed (a window whose oracle never moved has no log ratio). */
  private void score(PathOutcome out) {
    if (realisedVariance > 0) {
      double e = FdLibm.log(varianceForecast / realisedVariance);
      out.add(OutcomeAmount.VOLATILITY_FORECAST_WINDOWS, 1);
      out.add(OutcomeAmount.VOLATILITY_FORECAST_LOG_ERROR, e);
      out.add(OutcomeAmount.VOLATILITY_FORECAST_SQUARED_LOG_ERROR, e * e);
    }
    if (gasForecast != null) {
      double e = FdLibm.log(gasForecastAtStart / (gasSum / horizon));
      out.add(OutcomeAmount.GAS_FORECAST_WINDOWS, 1);
      out.add(OutcomeAmount.GAS_FORECAST_LOG_ERROR, e);
      out.add(OutcomeAmount.GAS_FORECAST_SQUARED_LOG_ERROR, e * e);
    }
  }
}
