package io.margincall.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Section {@code accounts}: where the account book comes from.
 *
 * @param source "generated" or "file"
 * @param file the CSV account book when source = file, else null
 * @param refuseEligibleAtStart reject a file book holding a loan already eligible for
 *     liquidation at the initial price (else it is liquidated from the first step)
 * @param generated the generated book's parameters
 * @param cohortLogWidth {@code accounts.cohorts}: NaN simulates every account on its own
 *     ("none"); 0 merges identical accounts ("exact"); w > 0 merges accounts whose log trigger
 *     falls in one bin of width w ("binned", {@code accounts.cohorts.log-width})
 * @param cohortSizeLogWidth the width of the bins of log debt a cohort's members share: 0 with
 *     "exact" (equal debts), {@code accounts.cohorts.size-log-width} with "binned" (infinity
 *     when that is 0: sizes not compared)
 */
public record AccountsSettings(String source, Path file, boolean refuseEligibleAtStart,
                               Generated generated, double cohortLogWidth,
                               double cohortSizeLogWidth) {

  static final String COHORTS = "accounts.cohorts.mode";

  /** Whether the book is compressed into cohorts ({@code accounts.cohorts.mode} not none). */
  public boolean cohorts() {
    return !Double.isNaN(cohortLogWidth);
  }

  /**
   * {@code accounts.generated}: log-normal sizes and uniform leverage.
   *
   * @param count number of accounts
   * @param sizeMedianUsd median collateral value at the initial price, USD
   * @param sizeLogSigma standard deviation of ln(size)
   * @param leverageMin lowest leverage
   * @param leverageMax highest leverage
   * @param assetWeights share of each account's value in each asset, main first
   */
  public record Generated(int count, double sizeMedianUsd, double sizeLogSigma, double leverageMin,
                          double leverageMax, double[] assetWeights) {}

  /** Read after the protocol (its threshold bounds the leverage) and the assets. */
  static AccountsSettings read(ConfigReader r, ProtocolSettings protocol, AssetSettings assets) {
    String source = r.choice("accounts.source", "generated", "file");
    String fileName = r.string("accounts.file");
    Path file = "file".equals(source) ? r.inputFile("accounts.file", fileName,
        "the path of a CSV account book when accounts.source = file",
        "the account book (CSV, or Parquet named *.parquet)") : null;
    boolean refuse = "refuse".equals(r.choice("accounts.eligible-at-start", "liquidate", "refuse"));
    int count = (int) r.integer("accounts.generated.count", 0, 10_000_000);
    double sizeMedian = r.number("accounts.generated.size-median-usd", v -> v > 0 && v < 1e12,
        "a USD amount > 0 and < 1e12");
    double sizeLogSigma = r.number("accounts.generated.size-log-sigma", v -> v >= 0 && v <= 5,
        "a standard deviation of ln(size) in [0, 5]");
    double leverageMin = r.number("accounts.generated.leverage-min", v -> v >= 1 && v <= 1000,
        "a leverage in [1, 1000]");
    double leverageMax = r.number("accounts.generated.leverage-max",
        v -> v >= leverageMin && v <= 1000,
        "a leverage in [accounts.generated.leverage-min = " + leverageMin + ", 1000]");
    double threshold = protocol.liquidationThreshold();
    if ("generated".equals(source) && 1 - 1 / leverageMax >= threshold) {
      throw r.invalid("accounts.generated.leverage-max", "a leverage below "
          + 1 / (1 - threshold) + " = 1 / (1 - protocol.liquidation-threshold), so "
          + "that no generated account starts eligible for liquidation");
    }
    double[] weights = weights(r, "accounts.generated.asset-weights", assets.count());
    double[] cohortWidths = cohortWidths(r);
    return new AccountsSettings(source, file, refuse,
        new Generated(count, sizeMedian, sizeLogSigma, leverageMin, leverageMax, weights),
        cohortWidths[0], cohortWidths[1]);
  }

  /** {log-width, size-log-width} of accounts.cohorts; see the record's parameters. */
  private static double[] cohortWidths(ConfigReader r) {
    String mode = r.choice(COHORTS, "none", "exact", "binned");
    if ("none".equals(mode)) {
      r.forget("accounts.cohorts.");  // off changes no result bit: the hash stays as it was
      return new double[] {Double.NaN, Double.NaN};
    }
    if ("exact".equals(mode)) {
      return new double[] {0, 0};
    }
    double w = r.number("accounts.cohorts.log-width", v -> v > 0 && v <= 1,
        "a bin width in ln(price) > 0 and <= 1 (1e-4: triggers within 0.01 %)");
    double size = r.number("accounts.cohorts.size-log-width", v -> v >= 0 && v <= 10,
        "a bin width in ln(USD) in [0, 10] (1: debts within a factor e), or 0 to merge accounts"
            + " of any size");
    return new double[] {w, size == 0 ? Double.POSITIVE_INFINITY : size};
  }

  /** Shares per asset summing to 1, or [] for all in the main asset. */
  private static double[] weights(ConfigReader r, String key, int k) {
    ConfigValue v = r.present(key, "a list of fractions");
    String allowed = k + " fractions >= 0 summing to 1 (main asset first), or []";
    if (v.valueType() != ConfigValueType.LIST) {
      throw r.invalid(key, allowed);
    }
    List<? extends ConfigValue> items = (ConfigList) v;
    double[] w = new double[k];
    if (items.isEmpty()) {
      w[0] = 1;
      return w;
    }
    if (items.size() != k) {
      throw r.invalid(key, allowed);
    }
    double sum = 0;
    for (int a = 0; a < k; a++) {
      Object x = items.get(a).unwrapped();
      if (!(x instanceof Number) || !(((Number) x).doubleValue() >= 0)) {
        throw r.invalid(key, allowed);
      }
      w[a] = ((Number) x).doubleValue();
      sum += w[a];
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw r.invalid(key, allowed);
    }
    r.canonical(key, Arrays.toString(w));
    return w;
  }
}
