package io.margincall.cli;

import io.margincall.calibration.CalibrationFragment;
import io.margincall.calibration.Garch11Likelihood;
import io.margincall.calibration.GbmLikelihood;
import io.margincall.calibration.MaximumLikelihood;
import io.margincall.calibration.MertonJumpLikelihood;
import io.margincall.calibration.ModelFit;
import io.margincall.calibration.ResidualTests;
import io.margincall.calibration.ReturnModel;
import io.margincall.calibration.ReturnSample;
import io.margincall.config.ConfigError;
import io.margincall.config.ConfigHash;
import io.margincall.config.ScenarioSettings;
import io.margincall.io.InputError;
import io.margincall.io.PriceSeriesCsv;
import io.margincall.model.price.PriceSeries;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code margincall calibrate}: fit a price model to a real series and print it as a config
 * fragment. Plain Java, no Spark: it starts in a second and runs where Spark is not installed.
 */
final class CalibrateCommand {
  static final String HELP = String.join("\n",
      "usage: margincall calibrate --series FILE --model gbm|merton|garch [--out FRAGMENT.conf]",
      "                            [--step SECONDS] [--gaps allow|reject] [--from TIME] [--to TIME]",
      "",
      "Fits a price model to the log-returns of a price series (CSV: timestamp,open,high,low,close,",
      "volume; see src/docs/model.md) by maximum likelihood, prints the parameters with standard",
      "errors and fit statistics, and writes a HOCON fragment a scenario can include.",
      "",
      "models:",
      "  gbm      drift and volatility per year (sets price.gbm.*, price.initial)",
      "  merton   GBM plus Poisson jumps: lambda per day, log-jump mean and std (price.jumps.*)",
      "  garch    GARCH(1,1) per step: omega, alpha, beta (price.garch.*)",
      "",
      "options:",
      "  --series FILE        the price series (required)",
      "  --model NAME         gbm, merton or garch (required)",
      "  --out FILE           write the fragment there (default: print it)",
      "  --step SECONDS       resample to this step first (a multiple of the series resolution;",
      "                       finer steps are refused: no bars are made up)",
      "  --gaps allow|reject  a series with missing bars: fit it, leaving out the returns across",
      "                       gaps (allow, the default), or refuse it (reject)",
      "  --from TIME, --to TIME  fit only bars opening in [from, to), ISO-8601 UTC",
      "  --help               this text",
      "",
      "A merton fragment sets price.gbm.* and price.jumps.*; a garch fragment sets",
      "price.volatility-model = garch and price.garch.*, per step of the series (use it with a",
      "scenario whose time.step is the fitted step).");

  private CalibrateCommand() {}

  /** Parsed command line. */
  record Options(Path series, String model, Path out, Long step, PriceSeriesCsv.GapPolicy gaps,
                 Long from, Long to) {}

  static Options parse(String[] args) {
    Path series = null;
    String model = null;
    Path out = null;
    Long step = null;
    PriceSeriesCsv.GapPolicy gaps = PriceSeriesCsv.GapPolicy.ALLOW;
    Long from = null;
    Long to = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--series" -> series = Path.of(value(args, ++i, a));
        case "--model" -> {
          model = value(args, ++i, a);
          if (!List.of("gbm", "merton", "garch").contains(model)) {
            throw new UsageError("--model " + model + ": expected gbm, merton or garch");
          }
        }
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--step" -> {
          String v = value(args, ++i, a);
          try {
            step = Long.parseLong(v);
          } catch (NumberFormatException e) {
            step = -1L;
          }
          if (step <= 0 || step > 366L * 86_400) {
            throw new UsageError("--step " + v + ": expected a whole number of seconds in [1, 31622400]");
          }
        }
        case "--gaps" -> {
          String v = value(args, ++i, a);
          try {
            gaps = PriceSeriesCsv.GapPolicy.parse(v);
          } catch (IllegalArgumentException e) {
            throw new UsageError("--gaps " + v + ": expected allow or reject");
          }
        }
        case "--from" -> from = time(value(args, ++i, a), a);
        case "--to" -> to = time(value(args, ++i, a), a);
        default -> throw new UsageError("calibrate: unknown option '" + a + "'\n" + HELP);
      }
    }
    if (series == null || model == null) {
      throw new UsageError("calibrate: --series FILE and --model NAME are required\n" + HELP);
    }
    if (from != null && to != null && from >= to) {
      throw new UsageError("--from must be before --to");
    }
    if (out != null && Files.isDirectory(out)) {
      throw new UsageError("--out " + out + ": is a directory; name the fragment file");
    }
    if (out != null && out.toAbsolutePath().getParent() != null
        && !Files.isDirectory(out.toAbsolutePath().getParent())) {
      throw new UsageError("--out " + out + ": directory " + out.toAbsolutePath().getParent()
          + " does not exist");
    }
    return new Options(series, model, out, step, gaps, from, to);
  }

  private static long time(String text, String option) {
    try {
      return Instant.parse(text).getEpochSecond();
    } catch (DateTimeParseException e) {
      throw new UsageError(option + " " + text + ": expected an ISO-8601 UTC time, e.g."
          + " 2020-03-12T00:00:00Z");
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageError(option + " needs a value");
    }
    return args[i];
  }

  static int run(String[] args, PrintStream out) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        out.println(HELP);
        return Main.OK;
      }
    }
    Options o = parse(args);
    PriceSeries series = PriceSeriesCsv.read(o.series(), o.gaps());
    try {
      if (o.from() != null || o.to() != null) {
        series = series.between(o.from() == null ? series.epochSecond(0) : o.from(),
            o.to() == null ? series.epochSecond(series.size() - 1) + 1 : o.to());
      }
      if (o.step() != null) {
        series = series.resample(o.step());
      }
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    ReturnSample sample;
    try {
      sample = ReturnSample.of(series);
    } catch (IllegalArgumentException e) {
      throw new InputError(series.source() + ": " + e.getMessage());
    }
    ReturnModel model = switch (o.model()) {
      case "gbm" -> new GbmLikelihood();
      case "merton" -> new MertonJumpLikelihood();
      default -> new Garch11Likelihood();
    };
    ModelFit fit = MaximumLikelihood.fit(model, sample);
    List<String> notes = new ArrayList<>(fit.notes());
    if (!o.model().equals("garch")) {
      // Only keys that exist today are checked as scenario config; price.jumps never is.
      String scenarioCheck = checkAsScenario(series, fit);
      if (scenarioCheck != null) {
        notes.add("a scenario will refuse this fragment's GBM keys: " + scenarioCheck);
      }
    }
    if (o.model().equals("garch")) {
      notes.add("GARCH parameters are per step of " + (long) sample.stepSeconds() + " s and do not"
          + " carry over to another time.step unchanged");
    } else if (Math.abs(fit.estimate("mu")) < 2 * fit.standardError("mu")) {
      notes.add(String.format(Locale.ROOT, "the drift mu = %.3g is within 2 s.e. (%.3g) of 0: the"
          + " data cannot tell it from no drift; a scenario may prefer price.gbm.drift = 0",
          fit.estimate("mu"), fit.standardError("mu")));
    }
    String command = "margincall calibrate " + String.join(" ", args);
    String fragment = CalibrationFragment.render(fit, series, o.series().toString(),
        ConfigHash.sha256(o.series()), command);
    report(out, o, series, fit, notes);
    if (o.out() != null) {
      write(o.out(), fragment);
      out.printf(Locale.ROOT, "  fragment            %s (include it from a scenario)%n", o.out());
    } else {
      out.println();
      out.print(fragment);
    }
    return Main.OK;
  }

  /** The GBM keys as --set overrides of the reference scenario: the message if refused. */
  private static String checkAsScenario(PriceSeries series, ModelFit fit) {
    try {
      ScenarioSettings.load(null, List.of(
          "price.initial=" + series.close(series.size() - 1),
          "price.gbm.drift=" + fit.estimate("mu"),
          "price.gbm.volatility=" + fit.estimate("sigma")));
      return null;
    } catch (ConfigError e) {
      return e.getMessage();
    }
  }

  private static void write(Path file, String text) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the write failed already; that is the error to report
      }
      throw new InputError(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  private static void report(PrintStream out, Options o, PriceSeries series, ModelFit fit,
                             List<String> notes) {
    out.printf(Locale.ROOT, "margincall calibrate: %s on %s%n", fit.model(), o.series());
    out.printf(Locale.ROOT, "  series              %,d bars of %d s, %s .. %s%n", series.size(),
        series.resolutionSeconds(), Instant.ofEpochSecond(series.epochSecond(0)),
        Instant.ofEpochSecond(series.epochSecond(series.size() - 1)));
    if (!series.gaps().isEmpty()) {
      List<String> shown = series.gaps().stream().limit(3).map(Object::toString).toList();
      out.printf(Locale.ROOT, "  gaps                %d, %,d bars missing: %s%s; the returns across"
              + " them are left out%n", series.gaps().size(), series.missingBars(),
          String.join("; ", shown), series.gaps().size() > 3 ? "; ..." : "");
    }
    out.printf(Locale.ROOT, "  returns             %,d log-returns of %d s%n", fit.returns(),
        (long) fit.stepSeconds());
    out.printf(Locale.ROOT, "  %-18s %14s %12s  %s%n", "parameter", "estimate", "s.e.", "unit");
    for (int i = 0; i < fit.parameters().size(); i++) {
      ReturnModel.Parameter p = fit.parameters().get(i);
      out.printf(Locale.ROOT, "  %-18s %14.6g %12s  %s%s%n", p.name(), fit.estimates()[i],
          Double.isNaN(fit.standardErrors()[i]) ? "n/a"
              : String.format(Locale.ROOT, "%.4g", fit.standardErrors()[i]),
          p.unit(), p.derived() ? " (derived)" : "");
    }
    out.printf(Locale.ROOT, "  log-likelihood      %.2f (k = %d, n = %,d); AIC %.2f; BIC %.2f%n",
        fit.logLikelihood(), fit.freeParameters(), fit.returns(), fit.aic(), fit.bic());
    ResidualTests r = fit.residuals();
    out.printf(Locale.ROOT, "  residuals           KS D = %.4f (p = %.2g); Jarque-Bera %.1f (p = %.2g);"
            + " skewness %.3f, excess kurtosis %.2f%n", r.ksStatistic(), r.ksPValue(),
        r.jarqueBera(), r.jarqueBeraPValue(), r.skewness(), r.excessKurtosis());
    out.printf(Locale.ROOT, "  starts              %d of %d reached the best optimum%n",
        fit.startsAtBest(), fit.starts());
    for (String note : notes) {
      out.println("  note: " + note);
    }
  }
}
