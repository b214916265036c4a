package io.margincall.cli;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.config.SweepPlan;
import io.margincall.config.SweepSettings;
import io.margincall.io.OutputRoot;
import io.margincall.io.PointStatistics;
import io.margincall.io.RunListing;
import io.margincall.io.RunProvenance;
import io.margincall.kernel.CrossEntropyTilt;
import io.margincall.kernel.Scenario;
import io.margincall.model.price.ImportanceTilt;
import io.margincall.spark.SimulationRun;
import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import io.margincall.stats.TailRisk;
import io.margincall.sweep.Recommendation;
import io.margincall.sweep.Target;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/** {@code margincall simulate} and {@code margincall sweep}: a run, end to end. */
final class RunCommand {
  static String help(boolean sweep) {
    String name = sweep ? "sweep" : "simulate";
    return String.join("\n",
        "usage: margincall " + name + " --conf FILE [--set key=value ...] [--out DIR] [--master URL]",
        "       " + " ".repeat(name.length()) + "            [--run-date YYYY-MM-DD] [--job NAME] [--replace]",
        sweep ? "       " + " ".repeat(name.length())
            + "            [--target EXPR] [--policy-axis KEY] [--prefer max|min]" : "",
        "",
        sweep ? "Runs every point of the scenario's sweep (sweep.axes) in one Spark job, on the same"
            : "Runs one scenario on Spark and writes its bad-debt statistics as Parquet under",
        sweep ? "random numbers per path, and writes summary, distribution, paths and recommendation"
            : "DIR/<table>/run_date=<date>/job=<job>/run_id=<id>/ (tables summary, distribution, paths).",
        sweep ? "as Parquet under DIR/<table>/run_date=<date>/job=<job>/run_id=<id>/." : "",
        "",
        "options:",
        "  --conf FILE          scenario file (HOCON); keys and defaults: reference.conf",
        "  --set key=value      override one key, after the file (repeatable)",
        "  --allow-includes-from DIR",
        "                       let the scenario include files in DIR too, besides its own folder",
        "                       (repeatable; URLs are never included)",
        "  --out DIR            output root (default: ./output)",
        "  --master URL         Spark master (default: local[*], or what spark-submit set)",
        "  --run-date DATE      the run_date partition (default: today, UTC)",
        "  --job NAME           the job partition (default: adhoc)",
        "  --replace            on success, delete the other runs of this run date and job",
        "  --progress-seconds N print progress every N seconds (default 10; 0 = off)",
        sweep ? "  --target EXPR        recommend, per combination of the other axes, the least strict\n"
            + "                       value of the policy axis meeting EXPR, e.g. 'P(bad debt) <= 0.001'\n"
            + "                       or 'ES99 <= 0.1 * insurance' (met: upper 95 % bound <= bound)\n"
            + "  --policy-axis KEY    the axis to recommend a value of (default: the last axis)\n"
            + "  --prefer max|min     least strict = the largest (default) or smallest value" : "",
        "  --help               this text").replaceAll("\n\n\n", "\n\n");
  }

  private RunCommand() {}

  /** Parsed command line. */
  record Options(Path conf, List<String> sets, String out, String master, LocalDate runDate,
                 String job, boolean replace, int progressSeconds, String target,
                 String policyAxis, boolean preferMax, List<Path> includesFrom) {}

  static Options parse(String[] args, boolean sweep) {
    Path conf = null;
    List<String> sets = new ArrayList<>();
    String out = "output";
    String master = null;
    LocalDate runDate = LocalDate.now(ZoneOffset.UTC);
    String job = "adhoc";
    boolean replace = false;
    int progress = 10;
    String target = null;
    String policyAxis = null;
    boolean preferMax = true;
    List<Path> includesFrom = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--conf" -> conf = Path.of(value(args, ++i, a));
        case "--set" -> sets.add(value(args, ++i, a));
        case "--allow-includes-from" -> includesFrom.add(Path.of(value(args, ++i, a)));
        case "--out" -> out = value(args, ++i, a);
        case "--master" -> master = SparkMaster.check(a, value(args, ++i, a));
        case "--job" -> {
          job = value(args, ++i, a);
          if (!job.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new UsageError("--job " + job + ": expected 1-64 letters, digits, '_' or '-'");
          }
        }
        case "--replace" -> replace = true;
        case "--progress-seconds" -> {
          String v = value(args, ++i, a);
          try {
            progress = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            progress = -1;
          }
          if (progress < 0 || progress > 86_400) {
            throw new UsageError("--progress-seconds " + v + ": expected an integer in [0, 86400]");
          }
        }
        case "--run-date" -> {
          String d = value(args, ++i, a);
          try {
            runDate = LocalDate.parse(d);
          } catch (DateTimeParseException e) {
            throw new UsageError("--run-date " + d + ": expected a date YYYY-MM-DD");
          }
        }
        default -> {
          if (sweep && a.equals("--target")) {
            target = value(args, ++i, a);
          } else if (sweep && a.equals("--policy-axis")) {
            policyAxis = value(args, ++i, a);
          } else if (sweep && a.equals("--prefer")) {
            String v = value(args, ++i, a);
            if (!v.equals("max") && !v.equals("min")) {
              throw new UsageError("--prefer " + v + ": expected max or min");
            }
            preferMax = v.equals("max");
          } else {
            throw new UsageError((sweep ? "sweep" : "simulate") + ": unknown option '" + a + "'\n"
                + help(sweep));
          }
        }
      }
    }
    if (conf == null) {
      throw new UsageError((sweep ? "sweep" : "simulate") + ": --conf FILE is required\n" + help(sweep));
    }
    return new Options(conf, sets, out, master, runDate, job, replace, progress, target,
        policyAxis, preferMax, List.copyOf(includesFrom));
  }

  /** The value of {@code option} at {@code args[i]}, or a usage error. */
  static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageError(option + " needs a value");
    }
    return args[i];
  }

  static int run(String[] args, PrintStream out, boolean sweep) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        out.println(help(sweep));
        return Main.OK;
      }
    }
    Options o = parse(args, sweep);
    OutputRoot.check("--out", o.out());
    // Everything that can be wrong with the input fails here, before Spark starts.
    ScenarioSettings base = ScenarioSettings.load(o.conf(), o.sets(), o.includesFrom());
    if (!sweep) {
      // A scenario with axes is a sweep; running its base point alone would look like its result.
      SweepSettings.declaredAxes(base).ifPresent(where -> {
        throw new UsageError("simulate: " + where + ": this scenario is a sweep; simulate would"
            + " run its base point only. Run every point with 'margincall sweep --conf "
            + o.conf() + "', or drop sweep.axes to simulate the base scenario");
      });
    }
    SweepPlan plan = sweep ? SweepPlan.of(base) : SweepPlan.single(base);
    List<Scenario> scenarios = new ArrayList<>();
    for (SweepPlan.Point p : plan.points()) {
      Scenario scenario = ScenarioFactory.build(p.settings());
      if (p.settings().sampling().autoTilt()) {
        // sampling.importance.tilt = auto: the cross-entropy pilot, on streams of its own.
        CrossEntropyTilt.Choice c = CrossEntropyTilt.choose(scenario,
            p.settings().sampling().pilotPaths());
        out.printf(Locale.ROOT, "importance sampling: the cross-entropy pilot chose tilt %.4f"
            + " (%d iteration%s of %,d paths; %s)%n", c.tilt(), c.iterations(),
            c.iterations() == 1 ? "" : "s", p.settings().sampling().pilotPaths(),
            c.reached() ? c.eventPaths() + " paths with bad debt in the last"
                : "bad debt stayed rarer than 1 path in 10: the tilt is the last level's");
        scenario = scenario.toBuilder().tilt(new ImportanceTilt(c.tilt(),
            scenario.tilt().jumpIntensityFactor(), scenario.tilt().jumpLogMeanShift())).build();
      }
      scenarios.add(scenario);
    }
    Target target = null;
    String policyAxis = null;
    if (o.target() != null && base.config().getString("sweep.mode").equals("one-at-a-time")) {
      throw new UsageError("--target needs a grid or latin-hypercube sweep, not one-at-a-time");
    }
    if (o.target() != null) {
      try {
        target = Target.parse(o.target());
      } catch (IllegalArgumentException e) {
        throw new UsageError(e.getMessage());
      }
      List<String> keys = plan.axes().stream().map(SweepPlan.Axis::key).toList();
      policyAxis = o.policyAxis() != null ? o.policyAxis() : keys.get(keys.size() - 1);
      if (!keys.contains(policyAxis)) {
        throw new UsageError("--policy-axis " + policyAxis + ": not an axis of this sweep; axes: "
            + String.join(", ", keys));
      }
    } else if (o.policyAxis() != null) {
      throw new UsageError("--policy-axis needs --target");
    }
    String master = o.master() != null ? o.master()
        : System.getProperty("spark.master") != null ? null : "local[*]";
    String effectiveMaster = master != null ? master : System.getProperty("spark.master");
    if (base.faults().haltExecutorOnPartition() >= 0 && effectiveMaster.startsWith("local")) {
      throw new UsageError("faults.halt-executor-on-partition = "
          + base.faults().haltExecutorOnPartition()
          + ": only on a cluster; in local mode the executor is the driver");
    }

    String existing = RunListing.formatOf(new Configuration(), o.out());
    if (existing != null && !existing.equals(base.output().format())) {
      throw new UsageError("--out " + o.out() + " holds " + existing + " tables and output.format = "
          + base.output().format() + ": one output root holds one format; choose another --out");
    }
    SimulationRun.Request request = new SimulationRun.Request(base, plan, scenarios, master,
        "margincall " + (sweep ? "sweep " : "simulate ") + base.run().name(), o.out(), o.runDate(), o.job(),
        o.replace(), o.progressSeconds(), target, policyAxis, o.preferMax());
    SimulationRun.Outcome outcome = SimulationRun.run(request, out);
    report(out, base, plan, outcome.points(), outcome.seconds(), outcome.written(),
        outcome.provenance(), sweep);
    if (outcome.choices() != null) {
      reportRecommendation(out, outcome.choices(), policyAxis, target);
    }
    return Main.OK;
  }

  private static void report(PrintStream out, ScenarioSettings s, SweepPlan plan,
                             List<PointStatistics> points, double seconds, List<String> written,
                             RunProvenance p, boolean sweep) {
    int n = points.size();
    double pathSteps = (double) s.run().paths() * s.time().steps() * n;
    out.printf(Locale.ROOT, "margincall %s: %s (run %s, job %s, seed %d)%n",
        sweep ? "sweep" : "simulate", s.run().name(), p.runId(), p.job(), s.run().seed());
    out.printf(Locale.ROOT, "  %,d paths x %,d steps x %,d point%s in %.2f s: %,.0f path-points/s,"
            + " %.2f ns per path-step (wall, Spark included)%n",
        s.run().paths(), s.time().steps(), n, n == 1 ? "" : "s", seconds,
        s.run().paths() * (double) n / seconds,
        seconds * 1e9 / pathSteps);
    if (!sweep) {
      BadDebtSummary r = points.get(0).summary();
      PointStatistics first = points.get(0);
      out.printf(Locale.ROOT, "  config %s, %,d %s%n", s.configHash().substring(0, 12),
          first.accounts(), first.perpPositions() == 0
              ? (s.accounts().cohorts() ? "accounts, simulated as cohorts (accounts.cohorts)"
                  : "accounts")
              : String.format(Locale.ROOT, "loans, %,d perp positions (%,.0f USD notional)",
                  first.perpPositions(), first.perpNotionalUsd()));
      out.printf(Locale.ROOT, "  P(liquidation)      %.5f  [%.5f, %.5f]%n",
          r.liquidated().estimate(), r.liquidated().low(), r.liquidated().high());
      out.printf(Locale.ROOT, "  P(bad debt > 0)     %.5f  [%.5f, %.5f]%n",
          r.badDebt().estimate(), r.badDebt().low(), r.badDebt().high());
      out.printf(Locale.ROOT, "  mean bad debt       %,.2f USD  (s.e. %,.2f)%n",
          r.meanBadDebt(), r.meanBadDebtStdErr());
      double tilt = first.importanceTilt();
      // Weighted: a tilt of the shocks or of the jumps (these leave importance_tilt at 0).
      boolean weighted = tilt != 0 || r.effectivePaths() != r.paths();
      if (weighted) {
        out.printf(Locale.ROOT, "  importance sampling tilt %s; effective paths %,.0f of %,d (weighted"
            + " estimates and normal intervals)%n", tilt, r.effectivePaths(), r.paths());
      }
      for (TailRisk.Estimate e : r.tail()) {
        if (weighted && Double.isNaN(e.var())) {  // say why rather than print NaN
          out.printf(Locale.ROOT, "  VaR / ES %5.1f %%    not estimated: the quantile lies below the"
              + " largest losses kept (statistics.exact-tail-max-values)%n", e.perMille() / 10.0);
          continue;
        }
        String ci = !Double.isNaN(e.esLow())
            ? String.format(Locale.ROOT, "ES 95%% CI [%,.2f, %,.2f]", e.esLow(), e.esHigh())
            : weighted ? String.format(Locale.ROOT, "no ES CI: %,d < %d weighted losses above VaR",
                r.tailPaths(e.perMille()), TailRisk.MIN_TAIL_FOR_INTERVAL)
            : String.format(Locale.ROOT, "no ES CI: too few tail losses, %,d < %d; needs %,d+ paths",
                TailRisk.tailPaths(e.perMille(), r.paths()), TailRisk.MIN_TAIL_FOR_INTERVAL,
                TailRisk.pathsForInterval(e.perMille()));
        if (r.tailExact()) {
          out.printf(Locale.ROOT, "  VaR / ES %5.1f %%    %,.2f / %,.2f USD  (%s)%n",
              e.perMille() / 10.0, e.var(), e.es(), ci);
        } else {  // binned beyond statistics.exact-tail-max-values: each figure with its bound
          out.printf(Locale.ROOT, "  VaR / ES %5.1f %%    %,.2f +- %,.2f / %,.2f +- %,.2f USD  (%s)%n",
              e.perMille() / 10.0, e.var(), e.varError(), e.es(), e.esError(), ci);
        }
      }
      String few = r.fewPathsWarning();
      if (!few.isEmpty()) {
        out.printf(Locale.ROOT, "  few tail paths      %s: fewer than %d paths with bad debt behind"
            + " them, so they move with the seed (src/docs/statistics.md)%n", few,
            TailRisk.FEW_TAIL_PATHS);
      }
      out.printf(Locale.ROOT, "  P(fund exhausted)   %.5f; mean socialized loss %,.2f USD%n",
          r.fundExhausted().estimate(), r.meanSocializedLoss());
      out.printf(Locale.ROOT, "  liquidations        %,d executed; %,d of them of accounts already insolvent at the"
          + " market%n",
          r.count(OutcomeCount.LIQUIDATIONS),
          r.count(OutcomeCount.STALE_ORACLE_LIQUIDATIONS));
      long eligible = r.count(OutcomeCount.ACCOUNTS_ELIGIBLE_AT_START);
      if (eligible > 0) {
        out.printf(Locale.ROOT, "  eligible at start   %,d account%s of the book already eligible at"
                + " price.initial, liquidated from step 1%n", eligible / r.paths(),
            eligible == r.paths() ? "" : "s");
      }
      if (s.margin().rules() != null) {
        printMargin(out, r);
      }
      if (s.protocol().dutchAuction() != null) {
        out.printf(Locale.ROOT, "  dutch auctions      %,d started, %,d reset, %,d takes, %,d barks"
                + " throttled by hole; keeper incentives %,.2f USD per path (in the bad debt)%n",
            r.count(OutcomeCount.AUCTIONS_STARTED), r.count(OutcomeCount.AUCTIONS_RESET),
            r.count(OutcomeCount.AUCTION_TAKES), r.count(OutcomeCount.AUCTIONS_THROTTLED),
            r.amountMean(OutcomeAmount.KEEPER_INCENTIVES));
      }
      if (s.perps().enabled()) {
        out.printf(Locale.ROOT, "  perps: bad debt     %,.2f USD per path of the mean above%n",
            r.amountMean(OutcomeAmount.PERP_BAD_DEBT));
        out.printf(Locale.ROOT, "  perps: ADL          %,.2f USD covered per path (%,d events, %,d"
                + " positions hit); liquidation fees %,.2f USD per path%n",
            r.amountMean(OutcomeAmount.ADL_COVERED), r.count(OutcomeCount.ADL_EVENTS),
            r.count(OutcomeCount.ADL_POSITIONS_HIT),
            r.amountMean(OutcomeAmount.PERP_LIQUIDATION_FEES));
        if (s.perps().keeperReward() != null) {
          out.printf(Locale.ROOT, "  perps: keepers      %,.2f USD rewards per path; %,d liquidations"
                  + " skipped as unprofitable after fees (all kinds), %,d bankrupt closed unpaid%n",
              r.amountMean(OutcomeAmount.PERP_KEEPER_REWARDS),
              r.count(OutcomeCount.UNPROFITABLE_AFTER_FEES),
              r.count(OutcomeCount.PROTOCOL_CLOSE_OUTS));
        }
      }
    } else {
      // One column per axis, wide enough for its key and every value: a label cut to a fixed
      // width made points that differ only in a later axis look identical.
      List<String> keys = plan.axes().stream().map(SweepPlan.Axis::key).toList();
      StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-5s", "point"));
      List<String> cellFormats = new ArrayList<>();
      for (int a = 0; a < keys.size(); a++) {
        int width = keys.get(a).length();
        for (PointStatistics q : points) {
          width = Math.max(width, axisCell(q.axisValues().get(a)).length());
        }
        cellFormats.add(" %-" + width + "s");
        header.append(String.format(Locale.ROOT, " %-" + width + "s", keys.get(a)));
      }
      out.printf(Locale.ROOT, "%s %-27s %14s %14s  %s%n", header, "P(bad debt) [95% CI]",
          "mean bad debt", "ES99", "vs baseline (paired s.e.)");
      if (plan.points().stream().anyMatch(point -> point.values().size() < keys.size())) {
        out.printf(Locale.ROOT, "  (-: the point keeps the scenario's own value of that key)%n");
      }
      for (PointStatistics q : points) {
        BadDebtSummary r = q.summary();
        StringBuilder cells = new StringBuilder(String.format(Locale.ROOT, "  %-5d", q.point()));
        for (int a = 0; a < keys.size(); a++) {
          cells.append(String.format(Locale.ROOT, cellFormats.get(a), axisCell(q.axisValues().get(a))));
        }
        out.printf(Locale.ROOT, "%s %.5f [%.5f, %.5f] %14.2f %14.2f  %s%n",
            cells, r.badDebt().estimate(), r.badDebt().low(), r.badDebt().high(),
            r.meanBadDebt(), r.tail()[1].es(),
            q.point() == q.baseline() ? "baseline"
                : String.format(Locale.ROOT, "%+.2f (%.2f; unpaired %.2f)", q.badDebtDiff(),
                    q.badDebtDiffSe(), q.badDebtDiffSeUnpaired()));
      }
      BaselineComparison.print(out, points);
    }
    for (String w : written) {
      out.printf(Locale.ROOT, "  output              %s%n", w);
    }
  }

  /** An axis value as the console table shows it; "-" where the point keeps the scenario's. */
  private static String axisCell(Object value) {
    return value == null ? "-" : String.valueOf(value);
  }

  private static void reportRecommendation(PrintStream out, List<Recommendation.Choice> choices,
                                           String policyAxis, Target target) {
    out.printf(Locale.ROOT, "recommendation: least strict %s meeting %s (upper 95 %% bound)%n",
        policyAxis, target.text());
    for (Recommendation.Choice c : choices) {
      if (c.met()) {
        out.printf(Locale.ROOT, "  %-50s %s = %s: %s = %.6g [%.6g, %.6g] <= %.6g%n", c.group(),
            policyAxis, c.value(), target.metric(), c.estimate(), c.low(), c.high(), c.bound());
      } else {
        out.printf(Locale.ROOT, "  %-50s no value meets it (closest: %s = %.6g [%.6g, %.6g] > %.6g)%n",
            c.group(), target.metric(), c.estimate(), c.low(), c.high(), c.bound());
      }
    }
  }

  /**
   * The dynamic margin's factor and cost, and its forecasts' errors per scored window: the mean
   * log ratio forecast / realised and its root mean square.
   */
  private static void printMargin(PrintStream out, BadDebtSummary r) {
    out.printf(Locale.ROOT, "  margin              factor %.4f on average (%,d moves); %,.2f USD of"
            + " borrowing capacity locked, time-average per path%n",
        r.amountMean(OutcomeAmount.MARGIN_FACTOR), r.count(OutcomeCount.MARGIN_UPDATES),
        r.amountMean(OutcomeAmount.MARGIN_CAPACITY_LOST));
    double windows = r.amountMean(OutcomeAmount.VOLATILITY_FORECAST_WINDOWS);
    double gasWindows = r.amountMean(OutcomeAmount.GAS_FORECAST_WINDOWS);
    out.printf(Locale.ROOT, "  margin forecasts    variance: log(forecast / realised) %+.3f, RMSE"
            + " %.3f (%.1f windows per path)%s%n",
        r.amountMean(OutcomeAmount.VOLATILITY_FORECAST_LOG_ERROR) / windows,
        Math.sqrt(r.amountMean(OutcomeAmount.VOLATILITY_FORECAST_SQUARED_LOG_ERROR) / windows),
        windows, gasWindows == 0 ? "" : String.format(Locale.ROOT, "; gas %+.3f, RMSE %.3f",
            r.amountMean(OutcomeAmount.GAS_FORECAST_LOG_ERROR) / gasWindows,
            Math.sqrt(r.amountMean(OutcomeAmount.GAS_FORECAST_SQUARED_LOG_ERROR) / gasWindows)));
  }
}
