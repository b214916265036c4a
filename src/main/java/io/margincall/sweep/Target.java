package io.margincall.sweep;

import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.TailRisk;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A risk target a policy must meet, e.g. {@code P(bad debt) <= 0.001} or
 * {@code ES99 <= 0.1 * insurance} (relative to the point's insurance fund balance).
 *
 * <p>A point meets the target when the upper end of its 95 % interval is at or below the
 * threshold: the conservative reading, so a recommendation does not rest on Monte Carlo luck.
 *
 * @param text the target as given
 * @param metric the summary column it bounds (p_bad_debt, es_99, ...)
 * @param threshold the bound, or the multiple of the insurance balance
 * @param relativeToInsurance whether the bound is {@code threshold * insurance.balance}
 */
public record Target(String text, String metric, double threshold, boolean relativeToInsurance) {
  private static final Pattern FORM = Pattern.compile(
      "\\s*(.+?)\\s*<=\\s*([0-9.eE+-]+)\\s*(\\*\\s*insurance)?\\s*");
  private static final Map<String, String> METRICS = Map.ofEntries(
      Map.entry("p(baddebt)", "p_bad_debt"), Map.entry("p_bad_debt", "p_bad_debt"),
      Map.entry("p(fundexhausted)", "p_fund_exhausted"),
      Map.entry("p_fund_exhausted", "p_fund_exhausted"),
      Map.entry("meanbaddebt", "bad_debt_mean"), Map.entry("bad_debt_mean", "bad_debt_mean"),
      Map.entry("es95", "es_95"), Map.entry("es_95", "es_95"),
      Map.entry("es99", "es_99"), Map.entry("es_99", "es_99"),
      Map.entry("es99.9", "es_999"), Map.entry("es_999", "es_999"),
      Map.entry("var95", "var_95"), Map.entry("var_95", "var_95"),
      Map.entry("var99", "var_99"), Map.entry("var_99", "var_99"),
      Map.entry("var99.9", "var_999"), Map.entry("var_999", "var_999"));

  /** Parses a target; the message of the exception says what is accepted. */
  public static Target parse(String text) {
    Matcher m = FORM.matcher(text);
    String accepted = "expected '<metric> <= <number>' or '<metric> <= <number> * insurance', "
        + "metric one of P(bad debt), P(fund exhausted), mean bad debt, ES95, ES99, ES99.9, "
        + "VaR95, VaR99, VaR99.9";
    if (!m.matches()) {
      throw new IllegalArgumentException("--target '" + text + "': " + accepted);
    }
    String key = m.group(1).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    String metric = METRICS.get(key);
    if (metric == null) {
      throw new IllegalArgumentException("--target '" + text + "': unknown metric '" + m.group(1)
          + "'; " + accepted);
    }
    double threshold;
    try {
      threshold = Double.parseDouble(m.group(2));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--target '" + text + "': '" + m.group(2)
          + "' is not a number");
    }
    if (!(threshold >= 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("--target '" + text + "': the bound must be >= 0");
    }
    return new Target(text.trim(), metric, threshold, m.group(3) != null);
  }

  /** The bound for a point with this insurance balance. */
  public double bound(double insuranceBalanceUsd) {
    return relativeToInsurance ? threshold * insuranceBalanceUsd : threshold;
  }

  /** The metric's estimate and 95 % interval at a point: {estimate, low, high}. */
  public double[] measure(BadDebtSummary s) {
    return switch (metric) {
      case "p_bad_debt" -> new double[] {s.badDebt().estimate(), s.badDebt().low(), s.badDebt().high()};
      case "p_fund_exhausted" -> new double[] {s.fundExhausted().estimate(), s.fundExhausted().low(),
          s.fundExhausted().high()};
      case "bad_debt_mean" -> new double[] {s.meanBadDebt(),
          s.meanBadDebt() - TailRisk.Z95 * s.meanBadDebtStdErr(),
          s.meanBadDebt() + TailRisk.Z95 * s.meanBadDebtStdErr()};
      default -> {
        boolean es = metric.startsWith("es_");
        String level = metric.substring(metric.indexOf('_') + 1);
        int perMille = level.equals("999") ? 999 : Integer.parseInt(level) * 10;
        for (TailRisk.Estimate e : s.tail()) {
          if (e.perMille() == perMille) {
            yield es ? new double[] {e.es(), e.esLow(), e.esHigh()}
                : new double[] {e.var(), e.varLow(), e.varHigh()};
          }
        }
        throw new IllegalStateException("no tail level " + perMille);
      }
    };
  }
}
