package io.margincall.io;

import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.LossHistogram;
import io.margincall.stats.TailRisk;
import io.margincall.stats.WilsonInterval;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet tables of a run: {@code summary} (one row) and {@code distribution} (the loss
 * histogram and exceedance curve), each under
 * {@code <out>/<table>/run_date=YYYY-MM-DD/run_id=<id>/}. The columns are described in
 * {@code src/docs/output.md}; {@code run_date} and {@code run_id} are partition columns, read
 * back from the directory names (hive-style).
 *
 * <p>Tables are written to {@code <out>/_staging/<run id>/} and moved into place only when all
 * are complete, so a failed run leaves no partition a reader would take for whole.
 */
public final class RunTables {
  /** Version of the table layout; bumped on any change of columns or their meaning. */
  public static final int SCHEMA_VERSION = 1;

  private RunTables() {}

  /** The summary table's schema, in column order. */
  public static StructType summarySchema() {
    List<StructField> f = new ArrayList<>(provenanceFields());
    f.add(field("paths", DataTypes.LongType));
    f.add(field("steps", DataTypes.IntegerType));
    f.add(field("step_seconds", DataTypes.DoubleType));
    f.add(field("accounts", DataTypes.IntegerType));
    f.add(field("total_debt_usd", DataTypes.DoubleType));
    addProportion(f, "p_liquidation");
    addProportion(f, "p_bad_debt");
    f.add(field("bad_debt_mean", DataTypes.DoubleType));
    f.add(field("bad_debt_se", DataTypes.DoubleType));
    f.add(field("bad_debt_max", DataTypes.DoubleType));
    for (int level : TailRisk.LEVELS_PER_MILLE) {
      String suffix = levelSuffix(level);
      f.add(field("var_" + suffix, DataTypes.DoubleType));
      f.add(field("var_" + suffix + "_lo", DataTypes.DoubleType));
      f.add(field("var_" + suffix + "_hi", DataTypes.DoubleType));
      f.add(field("es_" + suffix, DataTypes.DoubleType));
      f.add(field("es_" + suffix + "_lo", DataTypes.DoubleType));
      f.add(field("es_" + suffix + "_hi", DataTypes.DoubleType));
    }
    addProportion(f, "p_fund_exhausted");
    f.add(field("insurance_draw_mean", DataTypes.DoubleType));
    f.add(field("socialized_loss_mean", DataTypes.DoubleType));
    f.add(field("liquidations_executed", DataTypes.LongType));
    f.add(field("failed_oracle_stale", DataTypes.LongType));
    f.add(field("horizon_shortfall_mean", DataTypes.DoubleType));
    f.add(field("first_bad_debt_hours_mean", DataTypes.DoubleType));
    f.add(field("config", DataTypes.StringType));
    return new StructType(f.toArray(new StructField[0]));
  }

  /** The distribution table's schema, in column order. */
  public static StructType distributionSchema() {
    List<StructField> f = new ArrayList<>(provenanceFields());
    f.add(field("bin", DataTypes.IntegerType));
    f.add(field("loss_lower_usd", DataTypes.DoubleType));
    f.add(field("loss_upper_usd", DataTypes.DoubleType));
    f.add(field("paths", DataTypes.LongType));
    f.add(field("paths_at_or_above", DataTypes.LongType));
    addProportion(f, "exceedance_prob");
    return new StructType(f.toArray(new StructField[0]));
  }

  /** The summary row (without the partition columns). */
  public static Row summaryRow(RunProvenance p, BadDebtSummary s, int steps, double stepSeconds,
                               int accounts, double totalDebt) {
    List<Object> v = new ArrayList<>(provenanceValues(p));
    v.add(s.paths());
    v.add(steps);
    v.add(stepSeconds);
    v.add(accounts);
    v.add(totalDebt);
    addProportion(v, s.liquidated());
    addProportion(v, s.badDebt());
    v.add(s.meanBadDebt());
    v.add(s.meanBadDebtStdErr());
    v.add(s.maxBadDebt());
    for (TailRisk.Estimate e : s.tail()) {
      v.add(e.var());
      v.add(e.varLow());
      v.add(e.varHigh());
      v.add(e.es());
      v.add(e.esLow());
      v.add(e.esHigh());
    }
    addProportion(v, s.fundExhausted());
    v.add(s.meanInsuranceDraw());
    v.add(s.meanSocializedLoss());
    v.add(s.liquidations());
    v.add(s.staleOracleLiquidations());
    v.add(s.meanHorizonShortfall());
    v.add(s.meanHoursToFirstBadDebt());
    v.add(p.config());
    return RowFactory.create(v.toArray());
  }

  /** One row per histogram bin (without the partition columns). */
  public static List<Row> distributionRows(RunProvenance p, BadDebtSummary s) {
    List<Row> rows = new ArrayList<>();
    LossHistogram.Bin[] bins = s.distribution();
    for (int k = 0; k < bins.length; k++) {
      LossHistogram.Bin b = bins[k];
      List<Object> v = new ArrayList<>(provenanceValues(p));
      v.add(k);
      v.add(b.lower());
      v.add(b.upper());
      v.add(b.count());
      v.add(b.atOrAbove());
      addProportion(v, WilsonInterval.of95(b.atOrAbove(), s.paths()));
      rows.add(RowFactory.create(v.toArray()));
    }
    return rows;
  }

  /**
   * Writes both tables of a run under {@code outRoot}, atomically per table: staged first,
   * then moved into place.
   *
   * @return the summary partition directory
   */
  public static String write(SparkSession spark, String outRoot, RunProvenance p,
                             BadDebtSummary s, int steps, double stepSeconds, int accounts,
                             double totalDebt) {
    Dataset<Row> summary = spark.createDataFrame(
        List.of(summaryRow(p, s, steps, stepSeconds, accounts, totalDebt)), summarySchema());
    Dataset<Row> distribution = spark.createDataFrame(distributionRows(p, s), distributionSchema());
    Path root = new Path(outRoot);
    Path staging = new Path(root, "_staging/" + p.runId());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      summary.coalesce(1).write().mode(SaveMode.ErrorIfExists)
          .parquet(new Path(staging, "summary").toString());
      distribution.coalesce(1).write().mode(SaveMode.ErrorIfExists)
          .parquet(new Path(staging, "distribution").toString());
      String summaryDir = null;
      for (String table : List.of("summary", "distribution")) {
        Path target = partition(root, table, p);
        fs.mkdirs(target.getParent());
        if (fs.exists(target) || !fs.rename(new Path(staging, table), target)) {
          throw new IOException("cannot move " + new Path(staging, table) + " to " + target);
        }
        if (summaryDir == null) {
          summaryDir = target.toString();
        }
      }
      fs.delete(staging, true);
      Path stagingRoot = new Path(root, "_staging");
      FileStatusCheck.deleteIfEmpty(fs, stagingRoot);
      return summaryDir;
    } catch (IOException e) {
      throw new IllegalStateException("writing the run's tables under " + outRoot + " failed: "
          + e.getMessage(), e);
    }
  }

  /** {@code <root>/<table>/run_date=YYYY-MM-DD/run_id=<id>}. */
  public static Path partition(Path root, String table, RunProvenance p) {
    return new Path(root, table + "/run_date=" + p.runDate() + "/run_id=" + p.runId());
  }

  private static List<StructField> provenanceFields() {
    return List.of(
        field("scenario", DataTypes.StringType),
        field("schema_version", DataTypes.IntegerType),
        field("seed", DataTypes.LongType),
        field("config_hash", DataTypes.StringType),
        field("code_version", DataTypes.StringType),
        field("created_at", DataTypes.TimestampType));
  }

  private static List<Object> provenanceValues(RunProvenance p) {
    return List.of(p.scenario(), SCHEMA_VERSION, p.seed(), p.configHash(), p.codeVersion(),
        Timestamp.from(p.createdAt()));
  }

  private static void addProportion(List<StructField> f, String name) {
    f.add(field(name, DataTypes.DoubleType));
    f.add(field(name + "_lo", DataTypes.DoubleType));
    f.add(field(name + "_hi", DataTypes.DoubleType));
  }

  private static void addProportion(List<Object> v, WilsonInterval w) {
    v.add(w.estimate());
    v.add(w.low());
    v.add(w.high());
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, false);
  }

  /** "95", "99", "999" for 950, 990, 999 per mille. */
  public static String levelSuffix(int perMille) {
    return perMille % 10 == 0 ? String.valueOf(perMille / 10) : String.valueOf(perMille);
  }

  private static final class FileStatusCheck {
    static void deleteIfEmpty(FileSystem fs, Path dir) throws IOException {
      if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
        fs.delete(dir, false);
      }
    }
  }
}
