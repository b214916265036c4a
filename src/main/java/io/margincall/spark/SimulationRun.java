package io.margincall.spark;

import io.margincall.config.ScenarioSettings;
import io.margincall.config.SweepPlan;
import io.margincall.io.BuildInfo;
import io.margincall.io.Columns;
import io.margincall.io.DeltaPublisher;
import io.margincall.io.PointStatistics;
import io.margincall.io.RunProvenance;
import io.margincall.io.RunPublisher;
import io.margincall.io.RunTables;
import io.margincall.io.StaleStaging;
import io.margincall.io.TablePublisher;
import io.margincall.kernel.PathSample;
import io.margincall.kernel.Scenario;
import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.LiquidationCosts;
import io.margincall.stats.PairedDifference;
import io.margincall.stats.SweepAccumulator;
import io.margincall.sweep.Recommendation;
import io.margincall.sweep.Target;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A run, from checked settings to published tables: starts Spark, runs every point of the plan
 * ({@link SimulationJob}), writes the summary, distribution, paths and recommendation tables
 * ({@link RunPublisher}) and stops Spark. The command line has read and checked every input
 * before it calls {@link #run}, so what fails here is the run, not the input.
 */
public final class SimulationRun {
  private SimulationRun() {}

  /**
   * What to run and where to write it.
   *
   * @param base the scenario's settings (a sweep's before its axes are applied)
   * @param plan the points to run; {@link SweepPlan#single} for one scenario
   * @param scenarios the built scenario of each point, in point order
   * @param master Spark master; null = what spark-submit set
   * @param appName the Spark application's name
   * @param out output root
   * @param runDate the run_date partition
   * @param job the job partition
   * @param replace on success, delete the other runs of this run date and job
   * @param progressSeconds print progress every so many seconds (0 = off)
   * @param target what a recommendation must meet; null = no recommendation table
   * @param policyAxis the axis to recommend a value of (with {@code target})
   * @param preferMax least strict = the largest value of the policy axis (else the smallest)
   */
  public record Request(ScenarioSettings base, SweepPlan plan, List<Scenario> scenarios,
                        String master, String appName, String out, LocalDate runDate, String job,
                        boolean replace, int progressSeconds, Target target, String policyAxis,
                        boolean preferMax) {}

  /**
   * What the console prints about a finished run.
   *
   * @param points the statistics of each point
   * @param seconds wall time of the Spark job
   * @param written the run directories published
   * @param provenance who made the rows and when
   * @param choices the recommendation; null without a target
   */
  public record Outcome(List<PointStatistics> points, double seconds, List<String> written,
                        RunProvenance provenance, List<Recommendation.Choice> choices) {}

  /** Runs and publishes; progress lines go to {@code out}. */
  public static Outcome run(Request r, PrintStream out) {
    ScenarioSettings base = r.base();
    SweepPlan plan = r.plan();
    List<Scenario> scenarios = r.scenarios();
    Target target = r.target();
    String policyAxis = r.policyAxis();
    SparkSession spark = SparkSessions.create(r.master(), r.appName(), base.output().delta());
    try {
      Instant startedAt = Instant.now();
      long started = System.nanoTime();
      PathSample sample = new PathSample(PathSample.Mode.valueOf(base.output().paths().toUpperCase(Locale.ROOT)),
          base.output().pathsSampleRate(), base.run().seed());
      SimulationJob.Result result;
      try (ProgressReporter progress = ProgressReporter.start(spark, out,
          base.run().paths() * plan.points().size(), r.progressSeconds())) {
        result = SimulationJob.runSweep(spark, scenarios, plan.baseline(), base.run().paths(),
            base.run().partitions(), new FaultInjection(base.faults().failFirstAttempt(),
                base.faults().haltExecutorOnPartition()), sample,
            base.statistics().exactTailMaxValues());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      RunProvenance provenance = new RunProvenance(runId(startedAt), r.runDate(), r.job(),
          base.run().name(), base.run().seed(), BuildInfo.codeVersion(), Instant.now());
      List<PointStatistics> points = statistics(plan, scenarios, result.statistics());
      List<RunTables.Axis> axisColumns = new ArrayList<>();
      for (SweepPlan.Axis axis : plan.axes()) {
        axisColumns.add(new RunTables.Axis(axis.key(), RunTables.numeric(axis.values())));
      }
      TablePublisher publisher = base.output().delta()
          ? new DeltaPublisher(spark, r.out(), provenance)
          : new RunPublisher(spark, r.out(), provenance);
      List<Columns> summaryRows = new ArrayList<>();
      List<Columns> distributionRows = new ArrayList<>();
      for (PointStatistics p : points) {
        summaryRows.add(RunTables.summary(provenance, p, axisColumns));
        distributionRows.addAll(RunTables.distribution(provenance, p, axisColumns));
      }
      stageSmall(spark, publisher, "summary", summaryRows);
      stageSmall(spark, publisher, "distribution", distributionRows);
      if (result.pathRows() != null) {
        Dataset<Row> paths = spark.createDataFrame(result.pathRows(), RunTables.pathColumnsSchema());
        Columns prov = RunTables.pathsProvenance(provenance);
        Row provRow = prov.row();
        List<Column> columns = new ArrayList<>();
        for (int k = 0; k < prov.schema().fields().length; k++) {
          columns.add(functions.lit(provRow.get(k)).cast(prov.schema().fields()[k].dataType())
              .as(prov.schema().fields()[k].name()));
        }
        for (String c : SimulationJob.PATH_COLUMNS) {
          columns.add(functions.col(c));
        }
        int files = (int) Math.max(1, Math.min(64, base.run().paths() * plan.points().size() / 2_000_000));
        publisher.stage("paths", paths.select(columns.toArray(new Column[0])), files);
      }
      List<Recommendation.Choice> choices = null;
      if (target != null) {
        choices = recommend(plan, points, policyAxis, r.preferMax(), target);
        List<Columns> rows = new ArrayList<>();
        for (Recommendation.Choice c : choices) {
          rows.add(RunTables.recommendation(provenance, c.group(), policyAxis, target.text(),
              target.metric(), c.bound(), c.point(), c.value() == null ? null : String.valueOf(c.value()),
              c.estimate(), c.low(), c.high(), c.met()));
        }
        stageSmall(spark, publisher, "recommendation", rows);
      }
      // Delta writes the staged rows at publish: the path rows are still cached then.
      List<String> written = publisher.publish(r.replace());
      result.release();
      for (StaleStaging.Removed stale : publisher.removedStaging()) {
        out.printf(Locale.ROOT, "margincall: removed the stale staging folder %s: %s%n",
            stale.folder(), stale.reason());
      }
      return new Outcome(points, seconds, written, provenance, choices);
    } finally {
      spark.stop();
    }
  }

  /**
   * Stages a table of the few rows the driver built. To turn them into its own rows Spark would
   * compile a projection of the table's schema (the summary's has hundreds of columns), which
   * costs more than interpreting it for a few rows: about 0.4 s of a run on a quiet machine
   * (performance.md, "Spark's fixed cost and start-up"). Spark's codegen factory mode is set to
   * interpret only around this write; the paths table, up to millions of rows, keeps compiled
   * code. The rows written are the same.
   */
  private static void stageSmall(SparkSession spark, TablePublisher publisher, String table,
                                 List<Columns> rows) {
    RuntimeConfig conf = spark.conf();
    String before = conf.contains(CODEGEN_FACTORY_MODE) ? conf.get(CODEGEN_FACTORY_MODE) : null;
    conf.set(CODEGEN_FACTORY_MODE, "NO_CODEGEN");
    try {
      publisher.stage(table, frame(spark, rows), 1);
    } finally {
      if (before == null) {
        conf.unset(CODEGEN_FACTORY_MODE);
      } else {
        conf.set(CODEGEN_FACTORY_MODE, before);
      }
    }
  }

  private static final String CODEGEN_FACTORY_MODE = "spark.sql.codegen.factoryMode";

  private static Dataset<Row> frame(SparkSession spark, List<Columns> rows) {
    return spark.createDataFrame(RunTables.rowsOf(rows), RunTables.schemaOf(rows));
  }

  /** The per-point rows' statistics of a run (public: the end-to-end test uses it). */
  public static List<PointStatistics> statistics(SweepPlan plan, List<Scenario> scenarios,
                                                  SweepAccumulator acc) {
    List<PointStatistics> out = new ArrayList<>();
    List<BadDebtSummary> summaries = new ArrayList<>();
    for (SweepPlan.Point p : plan.points()) {
      summaries.add(acc.point(p.index()).summarize(p.settings().time().stepSeconds()));
    }
    BadDebtSummary baseSummary = summaries.get(plan.baseline());
    for (SweepPlan.Point p : plan.points()) {
      ScenarioSettings s = p.settings();
      BadDebtSummary summary = summaries.get(p.index());
      PairedDifference d = acc.badDebtDifference(p.index());
      PairedDifference di = acc.badDebtIndicatorDifference(p.index());
      LiquidationCosts costs = acc.liquidationCosts(p.index());
      boolean self = p.index() == plan.baseline();
      double unpaired = self ? 0
          : StrictMath.hypot(summary.meanBadDebtStdErr(), baseSummary.meanBadDebtStdErr());
      double pUnpaired = self ? 0
          : StrictMath.hypot(bernoulliSe(summary), bernoulliSe(baseSummary));
      Scenario scenario = scenarios.get(p.index());
      out.add(new PointStatistics(p.index(), p.label(), p.axisValues(plan.axes()),
          plan.baseline(), s.configHash(), s.resolvedConfig(), s.time().steps(), s.time().stepSeconds(),
          scenario.book().accountCount(), scenario.book().totalDebt(),
          scenario.perps() == null ? 0 : scenario.perps().size(),
          scenario.perps() == null ? 0 : scenario.perps().notionalUsd(), summary,
          d.mean(), self ? 0 : d.standardError(), unpaired,
          di.mean(), self ? 0 : di.standardError(), pUnpaired, scenario.importanceTilt(),
          costs.paths() > 0 ? costs : null));
    }
    return out;
  }

  private static double bernoulliSe(BadDebtSummary s) {
    double p = s.badDebt().estimate();
    return Math.sqrt(p * (1 - p) / s.paths());
  }

  private static List<Recommendation.Choice> recommend(SweepPlan plan, List<PointStatistics> points,
                                                       String policyAxis, boolean preferMax,
                                                       Target target) {
    List<Recommendation.Candidate> candidates = new ArrayList<>();
    for (SweepPlan.Point p : plan.points()) {
      candidates.add(new Recommendation.Candidate(p.index(), p.values(),
          points.get(p.index()).summary(), p.settings().insurance().balanceUsd()));
    }
    Map<String, List<Object>> axisValues = new LinkedHashMap<>();
    plan.axes().forEach(a -> axisValues.put(a.key(), a.values()));
    return Recommendation.recommend(candidates, new ArrayList<>(axisValues.keySet()), axisValues,
        policyAxis, preferMax, target);
  }

  static String runId(Instant now) {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now)
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
