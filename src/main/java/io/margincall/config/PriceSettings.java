package io.margincall.config;

import java.nio.file.Path;

/**
 * Section {@code price}: the market price process.
 *
 * @param model "gbm", "replay" or "bootstrap"
 * @param initial market price at time 0, USD
 * @param drift annual drift mu of the GBM
 * @param volatility annual volatility sigma of the GBM
 * @param series the real series of replay and bootstrap
 * @param bootstrapMeanBlockSeconds mean block length of the stationary bootstrap, seconds
 * @param assets the main asset and any further collateral assets, with their correlation
 * @param innovations "normal" or "student-t"
 * @param studentDof degrees of freedom of Student-t shocks
 * @param volatilityModel "constant" or "garch"
 * @param garch the GARCH(1,1) parameters
 * @param jumps the Merton jumps
 * @param regime the calm/stress regime switch
 */
public record PriceSettings(String model, double initial, double drift, double volatility,
                            Series series, double bootstrapMeanBlockSeconds, AssetSettings assets,
                            String innovations, double studentDof, String volatilityModel,
                            Garch garch, Jumps jumps, Regime regime) {

  /**
   * {@code price.series}: the CSV (null for gbm), its window ("" = open) and the gap policy.
   */
  public record Series(Path file, String from, String to, String gaps) {}

  /** {@code price.garch}: h_t = omega + alpha eps_{t-1}^2 + beta h_{t-1}, per step. */
  public record Garch(double omega, double alpha, double beta) {}

  /** {@code price.jumps}: expected jumps per day and the normal log-jump size. */
  public record Jumps(double perDay, double logMean, double logStd) {}

  /** {@code price.regime}: intensities per day and the stress volatility multiplier. */
  public record Regime(boolean enabled, double calmToStressPerDay, double stressToCalmPerDay,
                       double stressVolatilityMultiplier) {}

  static PriceSettings read(ConfigReader r, TimeSettings time) {
    String model = r.choice("price.model", "gbm", "replay", "bootstrap");
    String seriesName = r.string("price.series.file");
    Series series = new Series(
        "gbm".equals(model) ? null : r.inputFile("price.series.file", seriesName,
            "the path of a price-series CSV when price.model = " + model, "the price-series CSV"),
        r.instant("price.series.from"), r.instant("price.series.to"),
        r.choice("price.series.gaps", "reject", "allow"));
    // Against time.step only when the bootstrap is the model: a gbm run with daily steps keeps
    // the default block length.
    boolean bootstrap = "bootstrap".equals(model);
    double meanBlock = r.number("price.bootstrap.mean-block-length",
        v -> v >= (bootstrap ? time.stepSeconds() : Double.MIN_VALUE) && v <= 365 * 86_400.0,
        bootstrap ? "a number of seconds in [time.step = " + time.stepSeconds() + ", 31536000]"
            + ConfigReader.usedBy("price.model = bootstrap")
            : "a number of seconds in (0, 31536000]");
    double initial = r.number("price.initial", v -> v > 0 && v < 1e12, "a price in USD, > 0 and < 1e12");
    double drift = r.number("price.gbm.drift", v -> Math.abs(v) <= 100, "an annual drift in [-100, 100]");
    double volatility = r.number("price.gbm.volatility", v -> v >= 0 && v <= 100,
        "an annual volatility in [0, 100] (0.8 = 80 %)");
    AssetSettings assets = AssetSettings.read(r, initial, drift, volatility);

    String innovations = r.choice("price.innovations", "normal", "student-t");
    double dof = r.number("price.student-t-dof", v -> v > 2 && v <= 1000, "degrees of freedom in (2, 1000]");
    String volatilityModel = r.choice("price.volatility-model", "constant", "garch");
    double omega = r.number("price.garch.omega", v -> v >= 0 && v < 1,
        "a per-step variance in [0, 1) (0 = targeting)");
    double alpha = r.number("price.garch.alpha", v -> v >= 0 && v < 1, "a weight in [0, 1)");
    double beta = r.number("price.garch.beta", v -> v >= 0 && v < 1 - alpha,
        "a weight in [0, 1 - price.garch.alpha)");
    Jumps jumps = new Jumps(
        r.number("price.jumps.intensity-per-day", v -> v >= 0 && v <= 10_000, "jumps per day in [0, 10000]"),
        r.number("price.jumps.log-mean", v -> Math.abs(v) <= 5, "a log-jump mean in [-5, 5]"),
        r.number("price.jumps.log-std", v -> v >= 0 && v <= 5, "a log-jump std in [0, 5]"));
    if (time.perStep(jumps.perDay()) > 5) {
      throw r.invalid("price.jumps.intensity-per-day", "at most 5 expected jumps per time.step ("
          + 5 * 86_400 / time.stepSeconds() + " per day at this step)");
    }
    if ("garch".equals(volatilityModel) && omega == 0 && volatility == 0) {
      throw r.invalid("price.garch.omega", "> 0 when price.gbm.volatility = 0 (0 targets that volatility)");
    }
    Regime regime = new Regime(r.bool("price.regime.enabled"),
        r.number("price.regime.calm-to-stress-per-day", v -> v >= 0 && v <= 10_000,
            "an intensity per day in [0, 10000]"),
        r.number("price.regime.stress-to-calm-per-day", v -> v > 0 && v <= 10_000,
            "an intensity per day in (0, 10000]"),
        r.number("price.regime.stress-volatility-multiplier", v -> v > 0 && v <= 100,
            "a multiplier in (0, 100]"));
    return new PriceSettings(model, initial, drift, volatility, series, meanBlock, assets,
        innovations, dof, volatilityModel, new Garch(omega, alpha, beta), jumps, regime);
  }
}
