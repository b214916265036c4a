package io.margincall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad command lines, configs and input files exit 2 with a precise message and write nothing. */
class MainTest {
  @TempDir
  Path dir;

  private record Result(int code, String out, String err) {}

  private Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpIsPrintedForEachCommand() {
    Result r = run("simulate", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("usage: margincall simulate --conf FILE"), r.out());
    r = run("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("simulate"));
  }

  @Test
  void unknownCommandAndOptionsExitTwo() {
    assertEquals(2, run("simulat").code());
    assertEquals(2, run().code());
    Result r = run("simulate", "--conf");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--conf needs a value"), r.err());
    r = run("simulate", "--set", "a=b");
    assertTrue(r.err().contains("--conf FILE is required"), r.err());
    r = run("simulate", "--conf", "x.conf", "--run-date", "2026-13-01");
    assertTrue(r.err().contains("--run-date 2026-13-01"), r.err());
  }

  @Test
  void badConfigExitsTwoAndWritesNothing() throws IOException {
    Path out = dir.resolve("out");
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "protocol.close-factor = 1.5\n");
    Result r = run("simulate", "--conf", file.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bad.conf:1: protocol.close-factor = 1.5: must be a fraction in (0, 1]"),
        r.err());
    assertFalse(Files.exists(out), "nothing may be written");
  }

  @Test
  void accountsEligibleAtTheStartAreLiquidatedOrOnRequestRejected() throws IOException {
    Path out = dir.resolve("out");
    // 1 ETH at 2,000 USD with threshold 0.825 supports 1,650 USD of debt; line 3 owes 1,700.
    Files.writeString(dir.resolve("book.csv"), "account_id,collateral,debt\na,1,1000\nb,1,1700\n");
    Path file = dir.resolve("s.conf");
    Files.writeString(file, "accounts { source = file, file = \"book.csv\" }\n"
        + "run.paths = 200\ntime { step = 300, horizon = 3600 }\n");
    Result r = run("simulate", "--conf", file.toString(), "--out", out.toString(),
        "--set", "accounts.eligible-at-start=refuse");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("book.csv:3: account 'b' is already eligible for liquidation"), r.err());
    assertFalse(Files.exists(out), "nothing may be written");

    // By default the book is taken as it is: b is liquidated from the first step, and counted.
    r = run("simulate", "--conf", file.toString(), "--out", out.toString(), "--master", "local[1]",
        "--progress-seconds", "0");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("  eligible at start   1 account of the book already eligible at"
        + " price.initial, liquidated from step 1"), r.out());
  }

  @Test
  void aReplayLongerThanItsWindowIsRefused() {
    Path root = Path.of(System.getProperty("margincall.basedir", "."));
    Result r = run("simulate", "--conf", root.resolve("conf/replay-black-thursday.conf").toString(),
        "--set", "time.horizon=172800", "--out", dir.resolve("out").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("288 returns of 300 s, but time.horizon needs 576 steps"), r.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void haltingAnExecutorIsRefusedInLocalMode() throws IOException {
    Path file = dir.resolve("s.conf");
    Files.writeString(file, "faults.halt-executor-on-partition = 0\n");
    Result r = run("simulate", "--conf", file.toString(), "--out", dir.resolve("out").toString(),
        "--master", "local[2]");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("only on a cluster"), r.err());
  }

  @Test
  void malformedAccountFileExitsTwoAndWritesNothing() throws IOException {
    Path out = dir.resolve("out");
    Files.writeString(dir.resolve("book.csv"), "account_id,collateral,debt\na,1,2\nb,oops,3\n");
    Path file = dir.resolve("s.conf");
    Files.writeString(file, "accounts { source = file, file = \"book.csv\" }\n");
    Result r = run("simulate", "--conf", file.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("book.csv:3: field 'collateral': 'oops' is not a number"), r.err());
    assertFalse(Files.exists(out), "nothing may be written");
  }

  /** A scenario that builds in well under a second: few accounts, few steps. */
  private Path tinyScenario() throws IOException {
    Path file = dir.resolve("tiny.conf");
    Files.writeString(file, "run.paths = 100\naccounts.generated.count = 10\ntime.horizon = 3600\n");
    return file;
  }

  @Test
  void anOutputRootThatIsAFileExitsTwoBeforeSparkStarts() throws IOException {
    Path file = dir.resolve("taken");
    Files.writeString(file, "not a folder\n");
    Result r = run("simulate", "--conf", tinyScenario().toString(), "--out", file.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--out " + file + ": exists and is not a folder"), r.err());
    assertEquals("not a folder\n", Files.readString(file));

    Path below = file.resolve("out");
    r = run("sweep", "--conf", tinyScenario().toString(), "--out", below.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--out " + below + ": cannot be created: " + file
        + " is a file, not a folder"), r.err());
    r = run("simulate", "--conf", tinyScenario().toString(), "--out", "file:" + file);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("exists and is not a folder"), r.err());
  }

  @Test
  void anUnwritableOutputRootExitsTwo() throws IOException {
    Path locked = dir.resolve("locked");
    Files.createDirectories(locked);
    assertTrue(locked.toFile().setWritable(false, false));
    try {
      Assumptions.assumeFalse(Files.isWritable(locked), "the user may write anywhere (root)");
      Path out = locked.resolve("out");
      Result r = run("simulate", "--conf", tinyScenario().toString(), "--out", out.toString());
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("--out " + out + ": cannot be created: the folder " + locked
          + " is not writable"), r.err());
    } finally {
      locked.toFile().setWritable(true, false);
    }
  }

  @Test
  void aMalformedMasterUrlExitsTwoNamingTheOption() throws IOException {
    Path out = dir.resolve("out");
    for (String master : new String[] {"nonsense://x", "local[0]", "local[two]", "spark://host",
        "yarn-cluster", ""}) {
      Result r = run("simulate", "--conf", tinyScenario().toString(), "--out", out.toString(),
          "--master", master);
      assertEquals(2, r.code(), master + ": " + r.err());
      assertTrue(r.err().contains("--master " + master + ": not a Spark master URL"), r.err());
      assertFalse(Files.exists(out), "nothing may be written");
    }
    for (String master : new String[] {"local", "local[4]", "local[*]", "local[2,3]",
        "local[*, 4]", "local-cluster[2,1,1024]", "spark://127.0.0.1:7077",
        "spark://a:7077,b:7077", "spark://[::1]:7077", "yarn", "k8s://https://api:6443",
        "mesos://zk://h:2181/mesos"}) {
      assertEquals(master, SparkMaster.check("--master", master));
    }
  }

  @Test
  void simulateRefusesAScenarioThatDefinesASweep() throws IOException {
    Path out = dir.resolve("out");
    Path file = dir.resolve("sweep.conf");
    Files.writeString(file, "run.paths = 100\naccounts.generated.count = 10\n"
        + "sweep.axes {\n  oracle.delay = [0, 600]\n  protocol.bonus = { from = 0.05, to = 0.1, count = 2 }\n}\n");
    Result r = run("simulate", "--conf", file.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("simulate: " + file + ":4: sweep.axes defines oracle.delay,"
        + " protocol.bonus: this scenario is a sweep"), r.err());
    assertTrue(r.err().contains("'margincall sweep --conf " + file + "'"), r.err());
    assertFalse(Files.exists(out), "nothing may be written");
  }
}
