package io.margincall.calibration;

import io.margincall.model.price.PriceSeries;
import java.time.Instant;
import java.util.Locale;

/**
 * A fitted model as a HOCON fragment that a scenario can {@code include}.
 *
 * <p>GBM sets keys that exist today: {@code price.initial} (the last close) and
 * {@code price.gbm.drift} / {@code volatility}. Merton sets the same for its diffusion part and
 * GARCH sets {@code price.initial}; their own keys, {@code price.jumps { intensity-per-day,
 * log-mean, log-std }} and {@code price.garch { omega, alpha, beta }}, are for the jump and GARCH
 * price models, which are not in {@code reference.conf} yet: until they are, a scenario that
 * includes such a fragment is refused with "unknown key", which is the right outcome (a scenario
 * must not silently run without the jumps it asked for). Every value carries its standard error
 * and unit in a comment.
 */
public final class CalibrationFragment {
  /** The comment on the keys of models the kernel does not have yet. */
  public static final String FUTURE_KEYS = "for the jump/GARCH price models (not in reference.conf"
      + " yet:\n  # a scenario including this is refused with \"unknown key\" until they are)";

  private CalibrationFragment() {}

  /**
   * The fragment for {@code fit} of {@code series} (read from {@code file}, whose sha256 is
   * given), as fitted by {@code command}.
   */
  public static String render(ModelFit fit, PriceSeries series, String file, String sha256,
                              String command) {
    StringBuilder s = new StringBuilder();
    int last = series.size() - 1;
    s.append("# ").append(command).append('\n');
    s.append("# Maximum-likelihood fit of the ").append(fit.model()).append(" model to\n");
    s.append("#   ").append(file).append(" (sha256 ").append(sha256).append(")\n");
    s.append(String.format(Locale.ROOT, "#   %,d log-returns of %s s, %s .. %s%s%n", fit.returns(),
        number(fit.stepSeconds()), Instant.ofEpochSecond(series.epochSecond(0)),
        Instant.ofEpochSecond(series.epochSecond(last)), series.gaps().isEmpty() ? ""
            : "; " + series.gaps().size() + " gaps, returns across them left out"));
    s.append(String.format(Locale.ROOT, "#   log-likelihood %.2f, AIC %.2f, BIC %.2f (k = %d)%n",
        fit.logLikelihood(), fit.aic(), fit.bic(), fit.freeParameters()));
    s.append("# Annual rates use a year of 365.25 days. Include it at the top of a scenario (the path\n");
    s.append("# is relative to the scenario file); keys the scenario sets after it take precedence:\n");
    s.append("#   include \"").append(fileName(file, fit.model())).append("\"\n");
    s.append("price {\n");
    s.append("  # the last close, ").append(Instant.ofEpochSecond(series.epochSecond(last)))
        .append(", in the series' quote currency\n");
    s.append("  initial = ").append(series.close(last)).append('\n');
    switch (fit.model()) {
      case "gbm" -> gbm(s, fit, "");
      case "merton" -> {
        gbm(s, fit, "the diffusion part; jumps come on top, drift not compensated for them");
        s.append("  # ").append(FUTURE_KEYS).append('\n');
        s.append("  jumps {\n");
        value(s, "intensity-per-day", fit, "lambda", "jumps per day");
        value(s, "log-mean", fit, "log-mean", "mean of ln(jump factor)");
        value(s, "log-std", fit, "log-std", "standard deviation of ln(jump factor)");
        s.append("  }\n");
      }
      case "garch" -> {
        s.append("  # ").append(FUTURE_KEYS).append('\n');
        s.append(String.format(Locale.ROOT, "  # GARCH(1,1) per step of %s s: h' = omega + alpha e^2"
                + " + beta h on log-returns; mean %s (s.e. %s) per step,%n", number(fit.stepSeconds()),
            number(fit.estimate("mean")), number(fit.standardError("mean"))));
        s.append(String.format(Locale.ROOT, "  # persistence %s, unconditional volatility %s per"
                + " year. Per-step parameters hold at this step only.%n",
            number(fit.estimate("alpha+beta")), number(fit.estimate("volatility"))));
        s.append("  garch {\n");
        value(s, "omega", fit, "omega", "variance of the log-return per step");
        value(s, "alpha", fit, "alpha", "");
        value(s, "beta", fit, "beta", "");
        s.append("  }\n");
      }
      default -> throw new IllegalArgumentException("no fragment for model " + fit.model());
    }
    s.append("}\n");
    return s.toString();
  }

  private static void gbm(StringBuilder s, ModelFit fit, String comment) {
    if (!comment.isEmpty()) {
      s.append("  # ").append(comment).append('\n');
    }
    s.append("  gbm {\n");
    value(s, "drift", fit, "mu", "per year");
    value(s, "volatility", fit, "sigma", "per year");
    s.append("  }\n");
  }

  private static void value(StringBuilder s, String key, ModelFit fit, String parameter, String unit) {
    s.append(String.format(Locale.ROOT, "    %-18s = %-14s # s.e. %s%s%n", key,
        number(fit.estimate(parameter)), number(fit.standardError(parameter)),
        unit.isEmpty() ? "" : "; " + unit));
  }

  /** Six significant digits, as a HOCON (JSON) number; "n/a" only inside comments. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1");
  }

  private static String fileName(String series, String model) {
    String base = series.replaceAll(".*/", "").replaceFirst("\\.csv$", "");
    return base + "-" + model + ".conf";
  }
}
