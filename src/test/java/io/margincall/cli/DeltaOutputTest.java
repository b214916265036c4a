package io.margincall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.margincall.io.DeltaPublisher;
import io.margincall.io.RunProvenance;
import io.margincall.spark.SparkSessions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code output.format = delta}: runs written as Delta Lake tables and read back by Spark; a
 * replacing run swaps its (run_date, job) in one summary commit; a run that fails between its
 * commits, or is killed, leaves every reader the previous runs whole.
 */
class DeltaOutputTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", ".")).toAbsolutePath();
  private static final String DATE = "2026-03-01";

  @TempDir
  Path dir;

  private String[] sweep(Path out, String... more) {
    return Stream.concat(Stream.of("sweep", "--conf", ROOT.resolve("conf/sweep-delay-bonus.conf").toString(),
        "--set", "run.paths=200", "--set", "time.step=300", "--set", "output.format=delta",
        "--out", out.toString(), "--master", "local[2]", "--progress-seconds", "0",
        "--run-date", DATE, "--job", "nightly", "--replace"), Stream.of(more)).toArray(String[]::new);
  }

  private static void run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
  }

  /** What a reader following the rule sees: per table, the run ids of the summary's runs. */
  private static List<Set<String>> visible(SparkSession spark, Path out) {
    Set<String> summary = runIds(spark.read().format("delta").load(out.resolve("summary").toString()));
    Set<String> distribution = runIds(spark.read().format("delta").load(out.resolve("distribution").toString())
        .where(functions.col("run_id").isin(summary.toArray())));
    return List.of(summary, distribution);
  }

  private static Set<String> runIds(Dataset<Row> df) {
    return new TreeSet<>(df.select("run_id").distinct().as(Encoders.STRING()).collectAsList());
  }

  private static <T> T withSpark(Function<SparkSession, T> read) {
    SparkSession spark = SparkSessions.create("local[2]", "delta test", true);
    try {
      return read.apply(spark);
    } finally {
      spark.stop();
    }
  }

  @Test
  void deltaRunsAreReadBackReplacedInOneCommitAndSurviveAFailedOrKilledRun() throws Exception {
    Path out = dir.resolve("out");
    run(sweep(out));
    String first = withSpark(spark -> {
      Dataset<Row> summary = spark.read().format("delta").load(out.resolve("summary").toString());
      assertEquals(20, summary.count());
      assertEquals(20, summary.select("point").distinct().count());
      Row row = summary.select("run_date", "job").first();
      assertEquals(DATE, row.get(0).toString());
      assertEquals("nightly", row.getString(1));
      Dataset<Row> distribution = spark.read().format("delta").load(out.resolve("distribution").toString());
      assertEquals(20 * distribution.select("bin").distinct().count(), distribution.count());
      return runIds(summary).iterator().next();
    });

    run(sweep(out));
    List<Set<String>> afterReplace = withSpark(spark -> {
      // The replacing run's summary commit removed the first run and added its own: one version.
      DeltaTable summary = DeltaTable.forPath(spark, out.resolve("summary").toString());
      Row last = summary.history(1).select("version", "operation", "operationParameters.predicate").first();
      assertEquals(1L, last.getLong(0));
      assertEquals("WRITE", last.getString(1));
      assertEquals("run_date = DATE'" + DATE + "' AND job = 'nightly'", last.getString(2));
      assertEquals(Set.of(first), runIds(spark.read().format("delta").option("versionAsOf", 0)
          .load(out.resolve("summary").toString())));
      // The other tables hold the new run only (the old run's rows deleted after the swap).
      assertEquals(runIds(summary.toDF()), runIds(spark.read().format("delta")
          .load(out.resolve("distribution").toString())));
      return visible(spark, out);
    });
    assertEquals(1, afterReplace.get(0).size());
    assertTrue(!afterReplace.get(0).contains(first));

    // A run that fails after appending its distribution, before its summary commit.
    withSpark(spark -> {
      DeltaPublisher failing = new DeltaPublisher(spark, out.toString(), new RunProvenance(
          "failing", LocalDate.parse(DATE), "nightly", "test", 1, "0+test", Instant.now()));
      Dataset<Row> distribution = spark.read().format("delta").load(out.resolve("distribution").toString())
          .drop("run_date", "job", "run_id");
      Dataset<Row> summary = spark.read().format("delta").load(out.resolve("summary").toString())
          .drop("run_date", "job", "run_id");
      failing.stage("distribution", distribution, 1);
      failing.stage("summary", summary.map((MapFunction<Row, Row>) r -> {
        throw new IllegalStateException("the summary commit fails");
      }, summary.encoder()), 1);
      assertThrows(Exception.class, () -> failing.publish(true));  // a SparkException
      assertTrue(runIds(spark.read().format("delta").load(out.resolve("distribution").toString()))
          .contains("failing"), "the distribution append was committed");
      assertEquals(afterReplace, visible(spark, out), "readers still see the previous run whole");
      assertEquals(1L, DeltaTable.forPath(spark, out.resolve("summary").toString()).history(1)
          .select("version").first().getLong(0), "no summary commit");
      return null;
    });

    // A run killed (SIGKILL) while its kernel runs: no commit at all.
    Path log = dir.resolve("killed.log");
    KilledRun.killWhileComputing(Stream.concat(Stream.of(ROOT.resolve("jobs/margincall").toString()),
        Stream.of(sweep(out, "--set", "run.paths=400000", "--progress-seconds", "1"))).toList(), log);
    withSpark(spark -> {
      assertEquals(afterReplace, visible(spark, out));
      assertEquals(1L, DeltaTable.forPath(spark, out.resolve("summary").toString()).history(1)
          .select("version").first().getLong(0), "the killed run made no summary commit");
      return null;
    });

    // One output root holds one format.
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"simulate", "--conf", ROOT.resolve("conf/quickstart.conf").toString(),
        "--out", out.toString()}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("holds delta tables and output.format = parquet"),
        err.toString(StandardCharsets.UTF_8));
  }
}
