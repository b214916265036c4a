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

    // compare picks runs by id from a root of several; runs lists them, complete or not.
    String[] ids = CompleteRuns.of(new Configuration(), out.toString(), "summary").toArray(String[]::new);
    String adhoc = runDirs(out, "summary", "2026-03-01", "adhoc").get(0).getFileName().toString()
        .substring("run_id=".length());
    String nightly = kept.substring("run_id=".length());
    String other = runDirs(out, "summary", "2026-03-02", "nightly").get(0).getFileName().toString()
        .substring("run_id=".length());
    Result r = exec("compare", out.toString(), out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("holds 3 complete runs (" + String.join(", ", ids) + ")"), r.err());
    r = exec("compare", out.toString(), out.toString(), "--expected-run", nightly, "--actual-run", other);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("identical"), r.out());
    r = exec("compare", out.toString(), out.toString(), "--expected-run", nightly, "--actual-run", adhoc);
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("summary: 20 rows expected, 1 found"), r.out());
    r = exec("compare", out.toString(), out.toString(), "--expected-run", "nope");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no complete run nope; complete runs: " + String.join(", ", ids)), r.err());

    Files.delete(out.resolve("distribution/run_date=2026-03-02/job=nightly/run_id=" + other + "/"
        + RunPublisher.MARKER));
    r = exec("runs", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(4, lines.size(), r.out());
    assertTrue(lines.get(0).matches("run_date +job +run_id +scenario +points +paths +complete"), lines.get(0));
    for (String line : lines.subList(1, 4)) {
      String[] f = line.trim().split(" +");
      String id = f[2];
      assertEquals(List.of(id.equals(adhoc) ? "2026-03-01" : id.equals(nightly) ? "2026-03-01" : "2026-03-02",
              id.equals(adhoc) ? "adhoc" : "nightly", id.equals(adhoc) ? "quickstart" : "sweep-delay-bonus",
              id.equals(adhoc) ? "1" : "20", "200", id.equals(other) ? "no" : "yes"),
          List.of(f[0], f[1], f[3], f[4], f[5], f[6]), line);
    }
  }

  private record Result(int code, String out, String err) {}

  private static Result exec(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * The launcher is killed (SIGKILL, no chance to clean up) while the kernel runs: no table may
   * hold a partition, let alone one a reader would take as complete.
   */
  @Test
  void aKilledRunLeavesNoVisiblePartition() throws Exception {
    Path out = dir.resolve("out");
    Path log = dir.resolve("launcher.log");
    KilledRun.killWhileComputing(List.of(ROOT.resolve("jobs/margincall").toString(), "sweep",
        "--conf", ROOT.resolve("conf/sweep-delay-bonus.conf").toString(),
        "--set", "run.paths=400000", "--out", out.toString(), "--master", "local[2]",
        "--progress-seconds", "1"), log);
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
