package io.margincall.io;

import io.margincall.stats.LiquidationCosts;
import io.margincall.stats.LossHistogram;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import io.margincall.stats.TailRisk;
import io.margincall.stats.WilsonInterval;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of a run's tables: {@code summary} (one row per point), {@code distribution} (one row
 * per point and loss bin), {@code paths} (sampled per-path outcomes) and {@code recommendation}.
 * Columns are described in {@code src/docs/output.md}. {@code run_date}, {@code job} and
 * {@code run_id} are partition columns, read back from the directory names (hive-style), so they
 * are not in the rows.
 */
public final class RunTables {
  /** Version of the table layout; bumped on any change of columns or their meaning. */
  public static final int SCHEMA_VERSION = 11;

  private RunTables() {}

  /**
   * A sweep axis as the tables record it: its config key as written ({@code oracle.delay}), and
   * whether every value is a number (then the point's value is also in the {@code axes} map).
   */
  public record Axis(String key, boolean numeric) {}

  /** The type of the values of {@code axes}; the same for every run, whatever it sweeps. */
  public static final MapType AXES_TYPE =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true);
  /** The type of the values of {@code axes_text}. */
  public static final MapType AXES_TEXT_TYPE =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);

  /** Whether an axis with these values is numeric (every value a Long or a Double). */
  public static boolean numeric(List<Object> values) {
    return values.stream().allMatch(v -> v instanceof Number);
  }

  /** The provenance columns; {@code configHash} null for tables that span points. */
  private static Columns provenance(RunProvenance p, String configHash) {
    Columns c = new Columns()
        .add("scenario", DataTypes.StringType, p.scenario())
        .add("schema_version", DataTypes.IntegerType, SCHEMA_VERSION)
        .add("seed", DataTypes.LongType, p.seed());
    if (configHash != null) {
      c.add("config_hash", DataTypes.StringType, configHash);
    }
    return c.add("code_version", DataTypes.StringType, p.codeVersion())
        .add("created_at", DataTypes.TimestampType, Timestamp.from(p.createdAt()));
  }

  /**
   * The point's columns. Its axis values are two maps keyed by config key, in axis order, so
   * that every run, whatever it sweeps, has one schema: readers that take the schema from one
   * file (pandas, pyarrow datasets, DuckDB) see every run's axes. An axis the point does not set
   * (one-at-a-time sweeps) is not in the maps.
   */
  private static Columns point(Columns c, PointStatistics s, List<Axis> axes) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    Map<String, String> text = new LinkedHashMap<>();
    for (int a = 0; a < axes.size(); a++) {
      Object v = s.axisValues().get(a);
      if (v == null) {
        continue;
      }
      Axis axis = axes.get(a);
      if (axis.numeric()) {
        numbers.put(axis.key(), ((Number) v).doubleValue());
      }
      text.put(axis.key(), String.valueOf(v));
    }
    return c.add("point", DataTypes.IntegerType, s.point())
        .add("point_label", DataTypes.StringType, s.label())
        .add("axes", AXES_TYPE, numbers)
        .add("axes_text", AXES_TEXT_TYPE, text);
  }

  private static Columns proportion(Columns c, String name, WilsonInterval w) {
    return c.addDouble(name, w.estimate()).addDouble(name + "_lo", w.low())
        .addDouble(name + "_hi", w.high());
  }

  /** The summary row of one point. */
  public static Columns summary(RunProvenance p, PointStatistics s, List<Axis> axes) {
    Columns c = point(provenance(p, s.configHash()), s, axes);
    var r = s.summary();
    c.add("baseline_point", DataTypes.IntegerType, s.baseline())
        .add("paths", DataTypes.LongType, r.paths())
        .addDouble("effective_paths", r.effectivePaths())
        .addDouble("importance_tilt", s.importanceTilt())
        .add("steps", DataTypes.IntegerType, s.steps())
        .addDouble("step_seconds", s.stepSeconds())
        .add("accounts", DataTypes.IntegerType, s.accounts())
        .addDouble("total_debt_usd", s.totalDebtUsd())
        .add("perp_positions", DataTypes.IntegerType, s.perpPositions())
        .addDouble("perp_notional_usd", s.perpNotionalUsd());
    proportion(c, "p_liquidation", r.liquidated());
    proportion(c, "p_bad_debt", r.badDebt());
    c.add("paths_bad_debt", DataTypes.LongType, r.pathsWithBadDebt());
    c.addDouble("bad_debt_mean", r.meanBadDebt())
        .addDouble("bad_debt_se", r.meanBadDebtStdErr())
        .addDouble("bad_debt_max", r.maxBadDebt())
        .addDouble("bad_debt_variance_ratio", r.badDebtVarianceRatio())
        .addDouble("p_bad_debt_variance_ratio", r.pBadDebtVarianceRatio());
    for (TailRisk.Estimate e : r.tail()) {
      String suffix = levelSuffix(e.perMille());
      c.addDouble("var_" + suffix, e.var()).addDouble("var_" + suffix + "_lo", e.varLow())
          .addDouble("var_" + suffix + "_hi", e.varHigh())
          .addDouble("var_" + suffix + "_err", e.varError())
          .addDouble("es_" + suffix, e.es()).addDouble("es_" + suffix + "_lo", e.esLow())
          .addDouble("es_" + suffix + "_hi", e.esHigh())
          .addDouble("es_" + suffix + "_err", e.esError());
    }
    for (TailRisk.Estimate e : r.tail()) {
      c.add("tail_paths_" + levelSuffix(e.perMille()), DataTypes.LongType,
          r.tailPaths(e.perMille()));
    }
    c.add("tail_exact", DataTypes.BooleanType, r.tailExact())
        .add("few_paths_warning", DataTypes.StringType, r.fewPathsWarning());
    proportion(c, "p_fund_exhausted", r.fundExhausted());
    c.addDouble("insurance_draw_mean", r.meanInsuranceDraw())
        .addDouble("socialized_loss_mean", r.meanSocializedLoss());
    for (OutcomeCount k : OutcomeCount.values()) {
      c.add(k.column(), DataTypes.LongType, r.count(k));
    }
    for (OutcomeAmount a : OutcomeAmount.values()) {
      c.addDouble(a.column(), r.amountMean(a));
    }
    // What liquidators earn, loans and perps together: a defence's cost to keepers, next to the
    // bad debt it removes.
    c.addDouble("keeper_revenue_mean", r.keeperRevenueMean());
    c.addDouble("inclusion_wait_mean_seconds", r.meanInclusionWaitSeconds())
        .addDouble("horizon_shortfall_mean", r.meanHorizonShortfall())
        .addDouble("oracle_gap_mean", r.meanOracleGap())
        .addDouble("oracle_gap_worst_mean", r.meanWorstOracleGap())
        .addDouble("first_bad_debt_hours_mean", r.meanHoursToFirstBadDebt())
        .addDouble("bad_debt_mean_diff", s.badDebtDiff())
        .addDouble("bad_debt_mean_diff_se", s.badDebtDiffSe())
        .addDouble("bad_debt_mean_diff_se_unpaired", s.badDebtDiffSeUnpaired())
        .addDouble("p_bad_debt_diff", s.pBadDebtDiff())
        .addDouble("p_bad_debt_diff_se", s.pBadDebtDiffSe())
        .addDouble("p_bad_debt_diff_se_unpaired", s.pBadDebtDiffSeUnpaired())
        .addDouble("p_bad_debt_diff_lo", s.pBadDebtDiff() - Z95 * s.pBadDebtDiffSe())
        .addDouble("p_bad_debt_diff_hi", s.pBadDebtDiff() + Z95 * s.pBadDebtDiffSe());
    liquidationCosts(c, s.liquidationCosts());
    return c.add("config", DataTypes.StringType, s.config());
  }

  /** The two-sided 95 % normal quantile of the paired intervals. */
  private static final double Z95 = 1.959963984540054;

  /**
   * The point's liquidations against the baseline's on the same paths, accounts x paths; null
   * when not compared.
   */
  private static void liquidationCosts(Columns c, LiquidationCosts k) {
    boolean none = k == null;
    c.add("false_positive_liquidations", DataTypes.LongType, none ? null : k.falsePositives())
        .add("prevented_liquidations", DataTypes.LongType, none ? null : k.prevented())
        .add("accounts_liquidated_both", DataTypes.LongType, none ? null : k.both())
        .add("delayed_liquidations", DataTypes.LongType, none ? null : k.delayed())
        .add("advanced_liquidations", DataTypes.LongType, none ? null : k.advanced())
        .add("liquidation_delay_mean_steps", DataTypes.DoubleType,
            none || k.both() == 0 ? null : k.meanDelaySteps());
  }

  /** One row per loss bin of one point. */
  public static List<Columns> distribution(RunProvenance p, PointStatistics s, List<Axis> axes) {
    List<Columns> rows = new ArrayList<>();
    LossHistogram.Bin[] bins = s.summary().distribution();
    for (int k = 0; k < bins.length; k++) {
      LossHistogram.Bin b = bins[k];
      Columns c = point(provenance(p, s.configHash()), s, axes)
          .add("bin", DataTypes.IntegerType, k)
          .addDouble("loss_lower_usd", b.lower())
          .addDouble("loss_upper_usd", b.upper())
          .add("paths", DataTypes.LongType, b.count())
          .add("paths_at_or_above", DataTypes.LongType, b.atOrAbove());
      proportion(c, "exceedance_prob", b.exceedance());
      rows.add(c);
    }
    return rows;
  }

  /** Schema of the per-path rows the job produces (SimulationJob.PATH_COLUMNS, in order). */
  public static StructType pathColumnsSchema() {
    return new StructType(new StructField[] {
        field("point", DataTypes.IntegerType),
        field("path", DataTypes.LongType),
        field("bad_debt", DataTypes.DoubleType),
        field("insurance_draw", DataTypes.DoubleType),
        field("socialized_loss", DataTypes.DoubleType),
        field("fund_exhausted", DataTypes.BooleanType),
        field("liquidations", DataTypes.IntegerType),
        field("failed_oracle_stale", DataTypes.IntegerType),
        field("failed_unprofitable_fees", DataTypes.IntegerType),
        field("failed_unprofitable_slippage", DataTypes.IntegerType),
        field("failed_not_included", DataTypes.IntegerType),
        field("first_bad_debt_step", DataTypes.IntegerType),
        field("horizon_shortfall", DataTypes.DoubleType),
        field("min_market_to_oracle", DataTypes.DoubleType),
        field("oracle_outage_steps", DataTypes.LongType),
        field("largest_loss_kind", DataTypes.StringType),
        field("largest_loss_account", DataTypes.IntegerType),
        field("largest_loss_step", DataTypes.IntegerType),
        field("largest_loss_usd", DataTypes.DoubleType),
        field("largest_loss_liquidation_price", DataTypes.DoubleType),
        field("largest_loss_bankruptcy_price", DataTypes.DoubleType),
        field("largest_loss_mark", DataTypes.DoubleType),
        field("largest_loss_market", DataTypes.DoubleType),
        field("weight", DataTypes.DoubleType)});
  }

  /** The provenance columns of the paths table, per run (config hash: see the summary). */
  public static Columns pathsProvenance(RunProvenance p) {
    return provenance(p, null);
  }

  /** One recommendation row. */
  public static Columns recommendation(RunProvenance p, String group, String policyAxis,
                                       String target, String metric, double threshold,
                                       Integer point, String value, double estimate, double low,
                                       double high, boolean met) {
    return provenance(p, null)
        .add("group_label", DataTypes.StringType, group)
        .add("policy_axis", DataTypes.StringType, policyAxis)
        .add("target", DataTypes.StringType, target)
        .add("metric", DataTypes.StringType, metric)
        .addDouble("threshold", threshold)
        .add("point", DataTypes.IntegerType, point)
        .add("value", DataTypes.StringType, value)
        .addDouble("estimate", estimate)
        .addDouble("estimate_lo", low)
        .addDouble("estimate_hi", high)
        .add("met", DataTypes.BooleanType, met);
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  /** "95", "99", "999" for 950, 990, 999 per mille. */
  public static String levelSuffix(int perMille) {
    return perMille % 10 == 0 ? String.valueOf(perMille / 10) : String.valueOf(perMille);
  }

  /** Rows and schema of a list of Columns (all of one layout). */
  public static StructType schemaOf(List<Columns> rows) {
    return rows.get(0).schema();
  }

  public static List<Row> rowsOf(List<Columns> rows) {
    return rows.stream().map(Columns::row).toList();
  }

}
