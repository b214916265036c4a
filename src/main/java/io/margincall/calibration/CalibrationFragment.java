package io.margincall.calibration;

import io.margincall.model.price.PriceSeries;
import java.time.Instant;
import java.util.Locale;

/**
 * A fitted model as a HOCON fragment that a scenario can {@code include}.
 *
 * <p>GBM sets {@code price.initial} (the last close) and {@code price.gbm.drift} /
 * {@code volatility}. Merton sets the same for its diffusion part and {@code price.jumps}; the
 * kernel compensates the drift for jumps (they leave E[S] unchanged) while the fit does not, so
 * the fragment's drift is the fitted {@code mu + lambda k} per year, {@code k = exp(mu_J +
 * s_J^2/2) - 1}, which gives the kernel the fitted mean log-return. GARCH sets
 * {@code price.volatility-model = garch} and {@code price.garch}, per step of the series: they
 * describe a scenario with that {@code time.step}. Every value carries its standard error and
 * unit in a comment.
 */
public final class CalibrationFragment {
  /** The comment on GARCH keys: they hold at the fitted step only. */
  public static final String STEP_BOUND = "per step of the series: use them with a scenario whose"
      + " time.step equals the fitted step";

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
        double k = StrictMath.expm1(fit.estimate("log-mean")
            + 0.5 * fit.estimate("log-std") * fit.estimate("log-std"));
        double compensated = fit.estimate("mu") + fit.estimate("lambda") * 365.25 * k;
        s.append("  # the diffusion part; the drift is the fitted mu + lambda k per year (the kernel\n");
        s.append("  # compensates jumps in the drift, the fit does not), s.e. that of mu\n");
        s.append("  gbm {\n");
        s.append(String.format(Locale.ROOT, "    %-18s = %-14s # s.e. %s; per year%n", "drift",
            number(compensated), number(fit.standardError("mu"))));
        value(s, "volatility", fit, "sigma", "per year");
        s.append("  }\n");
        s.append("  jumps {\n");
        value(s, "intensity-per-day", fit, "lambda", "jumps per day");
        value(s, "log-mean", fit, "log-mean", "mean of ln(jump factor)");
        value(s, "log-std", fit, "log-std", "standard deviation of ln(jump factor)");
        s.append("  }\n");
      }
      case "garch" -> {
        s.append("  # ").append(STEP_BOUND).append('\n');
        s.append("  volatility-model = garch\n");
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
