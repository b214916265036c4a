package io.margincall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.io.CompleteRuns;
import io.margincall.io.RunPublisher;
import io.margincall.io.StagingOwner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs replace only their own (date, job); a killed run leaves nothing a reader takes as whole. */
class RunPublishingTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", ".")).toAbsolutePath();

  @TempDir
  Path dir;

  private void run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
  }

  private List<Path> runDirs(Path out, String table, String date, String job) throws IOException {
    Path jobDir = out.resolve(table + "/run_date=" + date + "/job=" + job);
    if (!Files.isDirectory(jobDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(jobDir)) {
      return s.toList();
    }
  }

  @Test
  void aReplacingRunReplacesItsOwnDateAndJobOnly() throws IOException {
    Path out = dir.resolve("out");
    String[] common = {"--conf", ROOT.resolve("conf/sweep-delay-bonus.conf").toString(),
        "--set", "run.paths=200", "--set", "time.step=300", "--set", "oracle.delay=1800",
        "--set", "oracle.heartbeat=3600", "--out", out.toString(), "--master", "local[2]",
        "--progress-seconds", "0"};
    run(concat(new String[] {"sweep"}, common, "--run-date", "2026-03-01", "--job", "nightly", "--replace"));
    // Ad hoc: a scenario without axes (simulate refuses a sweep's file).
    run("simulate", "--conf", ROOT.resolve("conf/quickstart.conf").toString(), "--set", "run.paths=200",
        "--set", "time.step=300", "--out", out.toString(), "--master", "local[2]",
        "--progress-seconds", "0", "--run-date", "2026-03-01");
    run(concat(new String[] {"sweep"}, common, "--run-date", "2026-03-01", "--job", "nightly", "--replace",
        "--target", "P(bad debt) <= 0.5"));
    run(concat(new String[] {"sweep"}, common, "--run-date", "2026-03-02", "--job", "nightly", "--replace"));

    for (String table : List.of("summary", "distribution")) {
      assertEquals(1, runDirs(out, table, "2026-03-01", "nightly").size(), table + ": one nightly run");
      assertEquals(1, runDirs(out, table, "2026-03-01", "adhoc").size(), table + ": ad hoc kept");
      assertEquals(1, runDirs(out, table, "2026-03-02", "nightly").size(), table + ": other date");
    }
    // The second nightly run of 03-01 is the one kept: it alone wrote a recommendation.
    String kept = runDirs(out, "summary", "2026-03-01", "nightly").get(0).getFileName().toString();
    assertEquals(List.of(out.resolve("recommendation/run_date=2026-03-01/job=nightly/" + kept)),
        runDirs(out, "recommendation", "2026-03-01", "nightly"));
    assertEquals(3, CompleteRuns.of(new Configuration(), out.toString(), "summary").size());
  }

  /**
   * The launcher is killed (SIGKILL, no chance to clean up) while the kernel runs: no table may
   * hold a partition, let alone one a reader would take as complete.
   */
  @Test
  void aKilledRunLeavesNoVisiblePartition() throws Exception {
    Path out = dir.resolve("out");
    Path log = dir.resolve("launcher.log");
    Process process = new ProcessBuilder(ROOT.resolve("jobs/margincall").toString(), "sweep",
        "--conf", ROOT.resolve("conf/sweep-delay-bonus.conf").toString(),
        "--set", "run.paths=400000", "--out", out.toString(), "--master", "local[2]",
        "--progress-seconds", "1")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      // Each progress line starts with its ISO-8601 UTC time, as log collectors expect.
      Pattern progress = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ margincall: progress ");
      while (!progress.matcher(Files.readString(log)).find()) {
        assertTrue(process.isAlive(), "launcher ended early:\n" + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "no progress line:\n" + Files.readString(log));
        Thread.sleep(200);
      }
    } finally {
      process.destroyForcibly();  // the launcher execs java: this is SIGKILL to the JVM
      process.waitFor(1, TimeUnit.MINUTES);
    }
    for (String table : RunPublisher.TABLES) {
      assertFalse(Files.exists(out.resolve(table)), table + " must not exist after a killed run");
    }
    assertTrue(CompleteRuns.of(new Configuration(), out.toString(), "summary").isEmpty());
  }

  /** A partition without the marker (a publish cut short) is not a complete run. */
  @Test
  void partitionsWithoutTheMarkerAreNotComplete() throws IOException {
    Path out = dir.resolve("out");
    Path partial = out.resolve("summary/run_date=2026-01-01/job=adhoc/run_id=partial");
    Files.createDirectories(partial);
    Files.writeString(partial.resolve("part-0.parquet"), "not read");
    Path whole = out.resolve("summary/run_date=2026-01-01/job=adhoc/run_id=whole");
    Files.createDirectories(whole);
    Files.writeString(whole.resolve(RunPublisher.MARKER), "{}");
    assertEquals(java.util.Set.of("whole"), CompleteRuns.of(new Configuration(), out.toString(), "summary"));
  }

  /**
   * A killed run's staging folder is removed by the next run of the same root once its owner is
   * provably gone; a concurrent run's (a live owner: this JVM) is left alone.
   */
  @Test
  void theNextRunRemovesTheStagingOfADeadRunOnly() throws Exception {
    Path out = dir.resolve("out");
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(out.resolve("_staging").toString());
    Process killed = new ProcessBuilder("sleep", "30").start();
    StagingOwner dead = new StagingOwner(StagingOwner.current().host(), killed.pid(),
        killed.toHandle().info().startInstant().orElseThrow());
    killed.destroyForcibly();
    assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
    dead.write(fs, new org.apache.hadoop.fs.Path(staging, "20260101T000000Z-deadbeef"));
    Files.createDirectories(out.resolve("_staging/20260101T000000Z-deadbeef/summary"));
    StagingOwner.current().write(fs, new org.apache.hadoop.fs.Path(staging, "20260101T000000Z-a11ve000"));

    run("simulate", "--conf", ROOT.resolve("conf/quickstart.conf").toString(), "--set", "run.paths=200",
        "--set", "time.step=300", "--out", out.toString(), "--master", "local[2]",
        "--progress-seconds", "0");

    assertFalse(Files.exists(out.resolve("_staging/20260101T000000Z-deadbeef")));
    assertTrue(Files.exists(out.resolve("_staging/20260101T000000Z-a11ve000/" + StagingOwner.FILE)));
    assertEquals(1, CompleteRuns.of(new Configuration(), out.toString(), "summary").size());
  }

  private static String[] concat(String[] a, String[] b, String... c) {
    return Stream.of(a, b, c).flatMap(Stream::of).toArray(String[]::new);
  }
}
