package io.margincall.cli;

import io.margincall.stats.OutcomeCount;
import org.junit.jupiter.api.Assertions;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.config.SweepPlan;
import io.margincall.io.BuildInfo;
import io.margincall.io.Columns;
import io.margincall.io.PointStatistics;
import io.margincall.io.RunComparison;
import io.margincall.io.RunProvenance;
import io.margincall.io.RunPublisher;
import io.margincall.io.RunTables;
import io.margincall.kernel.PathBatch;
import io.margincall.kernel.Scenario;
import io.margincall.spark.SimulationRun;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, for real: the launcher runs the quickstart in its own JVM on local
 * Spark; the Parquet it writes is read back and compared, with Spark Testing Base, to the same
 * scenario computed here without Spark.
 */
class EndToEndLauncherTest extends JavaDataFrameSuiteBase {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", ".")).toAbsolutePath();
  /** Columns allowed to differ between two runs of the same inputs (SPEC 7, "same bits"). */
  private static final List<String> VOLATILE =
      List.of("created_at", "code_version", "run_id", "run_date", "job");

  @TempDir
  Path dir;

  @Override
  public boolean enableHiveSupport() {
    return false;
  }

  @BeforeEach
  void startSpark() {
    runBefore();
  }

  @AfterAll
  static void stopSpark() {
    runAfterClass();
  }

  @Test
  void quickstartThroughTheLauncherWritesTheExpectedTables() throws Exception {
    Path out = dir.resolve("output");
    List<String> sets = List.of("run.paths=2000");
    Process process = new ProcessBuilder(Stream.concat(Stream.of(
            ROOT.resolve("jobs/margincall").toString(), "simulate",
            "--conf", ROOT.resolve("conf/quickstart.conf").toString(),
            "--out", out.toString(), "--master", "local[2]", "--run-date", "2026-01-02"),
            sets.stream().flatMap(s -> Stream.of("--set", s))).toList())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("launcher.log").toFile())
        .start();
    boolean finished = process.waitFor(10, TimeUnit.MINUTES);
    String log = Files.readString(dir.resolve("launcher.log"), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
    }
    Assertions.assertTrue(finished, "launcher timed out:\n" + log);
    Assertions.assertEquals(0, process.exitValue(), log);
    Assertions.assertTrue(log.contains("P(bad debt > 0)"), log);

    Dataset<Row> summary = spark().read().parquet(out.resolve("summary").toString());
    Dataset<Row> distribution = spark().read().parquet(out.resolve("distribution").toString());
    Assertions.assertEquals(1, summary.count());
    Row partition = summary.select("run_date", "job", "run_id").first();
    Assertions.assertEquals("2026-01-02", partition.get(0).toString());
    Assertions.assertEquals("adhoc", partition.getString(1));
    for (String table : List.of("summary", "distribution", "paths")) {
      Assertions.assertTrue(Files.exists(out.resolve(table + "/run_date=2026-01-02/job=adhoc/run_id="
          + partition.getString(2) + "/" + RunPublisher.MARKER)), table + " lacks its marker");
    }
    Assertions.assertTrue(!Files.exists(out.resolve("_staging")), "staging must be cleaned up");
    // Provenance: the code version the build recorded (version + git commit), never "unknown".
    String codeVersion = summary.select("code_version").first().getString(0);
    Assertions.assertFalse(codeVersion.contains("unknown"), "code_version " + codeVersion);
    Assertions.assertEquals(BuildInfo.codeVersion(), codeVersion, "code_version");

    // created_at: an instant in UTC that every reader understands, not INT96 (no time zone).
    for (String table : List.of("summary", "distribution", "paths")) {
      try (Stream<Path> files = Files.walk(out.resolve(table))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
          try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
              new org.apache.hadoop.fs.Path(file.toString()), new Configuration()))) {
            var type = reader.getFooter().getFileMetaData().getSchema().getType("created_at")
                .asPrimitiveType();
            Assertions.assertEquals(PrimitiveType.PrimitiveTypeName.INT64, type.getPrimitiveTypeName(), file.toString());
            Assertions.assertEquals(LogicalTypeAnnotation.timestampType(true,
                LogicalTypeAnnotation.TimeUnit.MICROS), type.getLogicalTypeAnnotation(), file.toString());
          }
        }
      }
    }

    // The same scenario here, without Spark.
    ScenarioSettings settings = ScenarioSettings.load(ROOT.resolve("conf/quickstart.conf"), sets);
    SweepPlan plan = SweepPlan.single(settings);
    Scenario scenario = ScenarioFactory.build(settings);
    List<PointStatistics> points = SimulationRun.statistics(plan, List.of(scenario),
        PathBatch.simulateSweep(List.of(scenario), 0, settings.run().paths()));
    RunProvenance provenance = new RunProvenance("expected", LocalDate.of(2026, 1, 2), "adhoc",
        settings.run().name(), settings.run().seed(), BuildInfo.codeVersion(), Instant.now());
    Columns expectedRow = RunTables.summary(provenance, points.get(0), List.of());
    Dataset<Row> expectedSummary = spark().createDataFrame(List.of(expectedRow.row()),
        expectedRow.schema());
    List<Columns> bins = RunTables.distribution(provenance, points.get(0), List.of());
    Dataset<Row> expectedDistribution = spark().createDataFrame(RunTables.rowsOf(bins),
        RunTables.schemaOf(bins));

    assertDataFrameDataEquals(stable(expectedSummary), stable(summary));
    assertDataFrameDataEquals(stable(expectedDistribution).orderBy("bin"),
        stable(distribution).orderBy("bin"));

    // The sampled per-path rows agree with the kernel run here, path by path.
    Dataset<Row> paths = spark().read().parquet(out.resolve("paths").toString());
    Assertions.assertTrue(paths.count() > 0);
    io.margincall.kernel.PathSimulator kernel = new io.margincall.kernel.PathSimulator(scenario);
    io.margincall.protocol.PathOutcome outcome = new io.margincall.protocol.PathOutcome();
    for (Row r : paths.select("path", "bad_debt", "liquidations").limit(50).collectAsList()) {
      kernel.run(r.getLong(0), outcome);
      Assertions.assertEquals(outcome.badDebt, r.getDouble(1), 0.0, "path " + r.getLong(0));
      Assertions.assertEquals(outcome.countOf(OutcomeCount.LIQUIDATIONS), r.getInt(2),
          "path " + r.getLong(0));
    }
  }

  /** The columns that must be identical, in a fixed order (maps as entry lists). */
  private static Dataset<Row> stable(Dataset<Row> df) {
    return RunComparison.comparable(df.drop(VOLATILE.toArray(new String[0])));
  }
}
