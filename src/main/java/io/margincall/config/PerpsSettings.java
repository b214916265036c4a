package io.margincall.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Arrays;
import java.util.List;

/**
 * Section {@code perps}: perpetual-futures positions beside the lending book. With
 * {@code source = none} (the default) no other key of the section is read, checked or hashed:
 * a switched-off mechanism changes no result, so it changes no config hash either.
 *
 * @param source "none", "generated" or "file" (the accounts.file rows of kind perp)
 * @param generated the generated book's parameters
 * @param tierNotionalUsd upper notional bound of each maintenance tier, ascending
 * @param tierRate maintenance margin rate of each tier
 * @param liquidationFee share of the closed notional paid to the insurance fund
 * @param maxCloseNotionalUsd the most one liquidation closes (0: whole positions)
 * @param adl "off", "pnl-leverage", "pnl" or "random"
 * @param fundingIntervalSteps steps between funding payments (0: none)
 * @param fundingSensitivity funding rate per interval at a fully one-sided book
 * @param fundingCap largest funding rate per interval
 * @param initialMargin the least margin a position needed to open, as a share of its notional
 *     at entry (0: not checked)
 * @param keeperReward {@code perps.keeper-reward} when {@code perps.liquidator = keepers}; null
 *     when the venue's engine closes positions (the keys are then not read)
 */
public record PerpsSettings(String source, Generated generated, double[] tierNotionalUsd,
                            double[] tierRate, double liquidationFee, double maxCloseNotionalUsd,
                            String adl, int fundingIntervalSteps, double fundingSensitivity,
                            double fundingCap, double initialMargin, KeeperReward keeperReward) {

  /**
   * {@code perps.keeper-reward}: what an outside keeper earns for one close.
   *
   * @param rate share of the closed notional
   * @param minUsd the least, USD
   * @param maxUsd the most, USD (infinite: no cap)
   */
  public record KeeperReward(double rate, double minUsd, double maxUsd) {}

  /**
   * {@code perps.generated}: the long/short imbalance, log-normal notionals, uniform leverage.
   *
   * @param count number of positions
   * @param longShare probability that a position is long
   * @param notionalMedianUsd median notional at entry, USD
   * @param notionalLogSigma standard deviation of ln(notional)
   * @param leverageMin lowest leverage (notional / margin)
   * @param leverageMax highest leverage
   * @param entryDispersion standard deviation of ln(entry / price.initial)
   */
  public record Generated(int count, double longShare, double notionalMedianUsd,
                          double notionalLogSigma, double leverageMin, double leverageMax,
                          double entryDispersion) {}

  /** Whether the run has perp positions. */
  public boolean enabled() {
    return !"none".equals(source);
  }

  static PerpsSettings read(ConfigReader r, AccountsSettings accounts, TimeSettings time) {
    String source = r.choice("perps.source", "none", "generated", "file");
    if ("none".equals(source)) {
      r.forget("perps.");
      return new PerpsSettings(source, null, new double[0], new double[0], 0, 0, "off", 0, 0, 0,
          0, null);
    }
    if ("file".equals(source) && !"file".equals(accounts.source())) {
      throw r.invalid("perps.source", "\"file\" only with accounts.source = file (the perp rows"
          + " of accounts.file); accounts.source is " + accounts.source());
    }
    Generated generated = null;
    if ("generated".equals(source)) {
      String g = "perps.generated.";
      double leverageMin = r.number(g + "leverage-min", v -> v >= 1 && v <= 1000,
          "a leverage in [1, 1000]");
      generated = new Generated(
          (int) r.integer(g + "count", 1, 10_000_000),
          r.number(g + "long-share", v -> v >= 0 && v <= 1, "a probability in [0, 1]"),
          r.number(g + "notional-median-usd", v -> v > 0 && v < 1e12,
              "a USD amount > 0 and < 1e12"),
          r.number(g + "notional-log-sigma", v -> v >= 0 && v <= 5,
              "a standard deviation of ln(notional) in [0, 5]"),
          leverageMin,
          r.number(g + "leverage-max", v -> v >= leverageMin && v <= 1000,
              "a leverage in [perps.generated.leverage-min = " + leverageMin + ", 1000]"),
          r.number(g + "entry-dispersion", v -> v >= 0 && v <= 1,
              "a standard deviation of ln(entry / price.initial) in [0, 1]"));
    }
    double[] bounds = list(r, "perps.maintenance.notional-usd", "ascending USD amounts > 0",
        v -> v > 0 && v < 1e15);
    double[] rates = list(r, "perps.maintenance.rate", "fractions in [0, 1)",
        v -> v >= 0 && v < 1);
    if (bounds.length == 0 || bounds.length != rates.length) {
      throw r.invalid("perps.maintenance.rate", "one rate per bound of perps.maintenance."
          + "notional-usd (" + bounds.length + " bounds), at least one");
    }
    for (int k = 1; k < bounds.length; k++) {
      if (!(bounds[k] > bounds[k - 1])) {
        throw r.invalid("perps.maintenance.notional-usd", "ascending USD amounts > 0");
      }
    }
    double initial = r.number("perps.initial-margin", v -> v >= 0 && v <= 1,
        "a fraction in [0, 1] (0: not checked)");
    if (initial > 0 && generated != null) {  // a file's rows are checked one by one
      double highest = Arrays.stream(rates).max().orElse(0);
      if (initial < highest) {
        throw r.invalid("perps.initial-margin", "at least the highest maintenance rate ("
            + highest + " in perps.maintenance.rate), or 0");
      }
      if (generated.leverageMax() > 1 / initial) {
        throw r.invalid("perps.generated.leverage-max", "at most 1 / perps.initial-margin = "
            + 1 / initial + " (a position cannot open above the initial margin's leverage)");
      }
    }
    double fee = r.number("perps.liquidation-fee", v -> v >= 0 && v < 1, "a fraction in [0, 1)");
    double maxClose = r.number("perps.max-close-notional-usd", v -> v >= 0 && v < 1e15,
        "a USD amount >= 0 (0: whole positions)");
    String adl = r.choice("perps.adl", "off", "pnl-leverage", "pnl", "random");
    double interval = r.number("perps.funding.interval", v -> v >= 0,
        "seconds >= 0 (0: no funding)");
    int intervalSteps = interval == 0 ? 0
        : (int) r.multipleOfStep("perps.funding.interval", interval, time.stepSeconds(),
            "perps.source = " + source);
    double sensitivity = r.number("perps.funding.sensitivity", v -> v >= 0 && v <= 1,
        "a rate per interval in [0, 1]");
    double cap = r.number("perps.funding.cap", v -> v >= 0 && v <= 1,
        "a rate per interval in [0, 1]");
    KeeperReward reward = null;
    if ("keepers".equals(r.choice("perps.liquidator", "venue", "keepers"))) {
      String k = "perps.keeper-reward.";
      double least = r.number(k + "min-usd", v -> v >= 0 && v < 1e12, "a USD amount >= 0");
      double most = r.number(k + "max-usd", v -> v == 0 || v >= least && v < 1e15,
          "0 (no cap) or a USD amount >= perps.keeper-reward.min-usd = " + least);
      reward = new KeeperReward(r.number(k + "rate", v -> v >= 0 && v < 1, "a fraction in [0, 1)"),
          least, most == 0 ? Double.POSITIVE_INFINITY : most);
    } else {
      r.forget("perps.keeper-reward.");
    }
    return new PerpsSettings(source, generated, bounds, rates, fee, maxClose, adl, intervalSteps,
        sensitivity, cap, initial, reward);
  }

  private static double[] list(ConfigReader r, String key, String allowed,
                               java.util.function.DoublePredicate ok) {
    ConfigValue v = r.present(key, "a list of " + allowed);
    if (v.valueType() != ConfigValueType.LIST) {
      throw r.invalid(key, "a list of " + allowed);
    }
    List<? extends ConfigValue> items = (ConfigList) v;
    double[] x = new double[items.size()];
    for (int k = 0; k < x.length; k++) {
      Object o = items.get(k).unwrapped();
      if (!(o instanceof Number n) || !Double.isFinite(n.doubleValue())
          || !ok.test(n.doubleValue())) {
        throw r.invalid(key, "a list of " + allowed);
      }
      x[k] = ((Number) o).doubleValue();
    }
    r.canonical(key, Arrays.toString(x));
    return x;
  }
}
