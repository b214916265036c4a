package io.margincall.cli;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.io.BuildInfo;
import io.margincall.io.RunProvenance;
import io.margincall.io.RunTables;
import io.margincall.kernel.Scenario;
import io.margincall.spark.FaultInjection;
import io.margincall.spark.SimulationJob;
import io.margincall.spark.SparkSessions;
import io.margincall.stats.BadDebtAccumulator;
import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.TailRisk;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/** {@code margincall simulate}: one scenario, end to end. */
final class SimulateCommand {
  static final String HELP = String.join("\n",
      "usage: margincall simulate --conf FILE [--set key=value ...] [--out DIR] [--master URL]",
      "                           [--run-date YYYY-MM-DD]",
      "",
      "Runs one scenario on Spark and writes the tables summary and distribution as Parquet under",
      "DIR/<table>/run_date=<date>/run_id=<id>/.",
      "",
      "options:",
      "  --conf FILE         scenario file (HOCON); keys and defaults: reference.conf",
      "  --set key=value     override one key, after the file (repeatable)",
      "  --out DIR           output root (default: ./output)",
      "  --master URL        Spark master (default: local[*], or what spark-submit set)",
      "  --run-date DATE     the run_date partition (default: today, UTC)",
      "  --help              this text");

  private SimulateCommand() {}

  /** Parsed command line. */
  record Options(Path conf, List<String> sets, String out, String master, LocalDate runDate) {}

  static Options parse(String[] args) {
    Path conf = null;
    List<String> sets = new ArrayList<>();
    String out = "output";
    String master = null;
    LocalDate runDate = LocalDate.now(ZoneOffset.UTC);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--conf" -> conf = Path.of(value(args, ++i, a));
        case "--set" -> sets.add(value(args, ++i, a));
        case "--out" -> out = value(args, ++i, a);
        case "--master" -> master = value(args, ++i, a);
        case "--run-date" -> {
          String d = value(args, ++i, a);
          try {
            runDate = LocalDate.parse(d);
          } catch (DateTimeParseException e) {
            throw new UsageError("--run-date " + d + ": expected a date YYYY-MM-DD");
          }
        }
        default -> throw new UsageError("simulate: unknown option '" + a + "'\n" + HELP);
      }
    }
    if (conf == null) {
      throw new UsageError("simulate: --conf FILE is required\n" + HELP);
    }
    return new Options(conf, sets, out, master, runDate);
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
    // Everything that can be wrong with the input fails here, before Spark starts.
    ScenarioSettings settings = ScenarioSettings.load(o.conf(), o.sets());
    Scenario scenario = ScenarioFactory.build(settings);
    String master = o.master() != null ? o.master()
        : System.getProperty("spark.master") != null ? null : "local[*]";

    SparkSession spark = SparkSessions.create(master, "margincall simulate " + settings.name);
    try {
      long started = System.nanoTime();
      BadDebtAccumulator acc = SimulationJob.run(spark, scenario, settings.paths, settings.partitions,
          new FaultInjection(settings.faultFailFirstAttempt, settings.faultHaltExecutorOnPartition));
      double seconds = (System.nanoTime() - started) / 1e9;
      BadDebtSummary summary = acc.summarize(settings.stepSeconds);
      Instant now = Instant.now();
      RunProvenance provenance = new RunProvenance(runId(now), o.runDate(), settings.name,
          settings.seed, settings.configHash(), settings.resolvedConfig(), BuildInfo.codeVersion(),
          now);
      String where = RunTables.write(spark, o.out(), provenance, summary, settings.steps,
          settings.stepSeconds, scenario.book().size(), scenario.book().totalDebt());
      report(out, settings, scenario, summary, seconds, where, provenance);
      return Main.OK;
    } finally {
      spark.stop();
    }
  }

  static String runId(Instant now) {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now)
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void report(PrintStream out, ScenarioSettings s, Scenario scenario,
                             BadDebtSummary r, double seconds, String where, RunProvenance p) {
    double pathSteps = (double) s.paths * s.steps;
    out.printf(Locale.ROOT, "margincall simulate: %s (run %s, seed %d, config %s)%n",
        s.name, p.runId(), s.seed, s.configHash().substring(0, 12));
    out.printf(Locale.ROOT, "  %,d paths x %,d steps x %,d accounts in %.2f s: %,.0f paths/s,"
            + " %.2f ns per path-step (wall, Spark included)%n",
        s.paths, s.steps, scenario.book().size(), seconds, s.paths / seconds,
        seconds * 1e9 / pathSteps);
    out.printf(Locale.ROOT, "  P(liquidation)      %.5f  [%.5f, %.5f]%n",
        r.liquidated().estimate(), r.liquidated().low(), r.liquidated().high());
    out.printf(Locale.ROOT, "  P(bad debt > 0)     %.5f  [%.5f, %.5f]%n",
        r.badDebt().estimate(), r.badDebt().low(), r.badDebt().high());
    out.printf(Locale.ROOT, "  mean bad debt       %,.2f USD  (s.e. %,.2f)%n",
        r.meanBadDebt(), r.meanBadDebtStdErr());
    for (TailRisk.Estimate e : r.tail()) {
      out.printf(Locale.ROOT, "  VaR / ES %5.1f %%    %,.2f / %,.2f USD  (ES 95%% CI [%,.2f, %,.2f])%n",
          e.perMille() / 10.0, e.var(), e.es(), e.esLow(), e.esHigh());
    }
    out.printf(Locale.ROOT, "  P(fund exhausted)   %.5f; mean socialized loss %,.2f USD%n",
        r.fundExhausted().estimate(), r.meanSocializedLoss());
    out.printf(Locale.ROOT, "  liquidations        %,d (%,d of accounts already insolvent)%n",
        r.liquidations(), r.staleOracleLiquidations());
    out.printf(Locale.ROOT, "  output              %s%n", where);
  }
}
