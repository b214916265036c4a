package io.margincall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.margincall.config.ScenarioSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code margincall calibrate}: options, exit codes, the fragment, and no Spark. */
class CalibrateCommandTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", ".")).toAbsolutePath();
  private static final Path ETH_DAILY = ROOT.resolve("data-samples/prices/eth_usd_bitstamp_1d_2017-11_2025-07.csv");
  private static final Path ETH_5M = ROOT.resolve("data-samples/prices/eth_usdt_binance_5m_2020-02-10_2020-03-31.csv");

  @TempDir
  Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpAndUsage() {
    Result r = run("calibrate", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("usage: margincall calibrate --series FILE --model gbm|merton|garch"), r.out());
    assertTrue(run("--help").out().contains("calibrate"));
  }

  @Test
  void badCommandLinesExitTwo() {
    Result r = run("calibrate", "--series", ETH_DAILY.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--series FILE and --model NAME are required"), r.err());
    r = run("calibrate", "--series", ETH_DAILY.toString(), "--model", "heston");
    assertTrue(r.err().contains("--model heston: expected gbm, merton or garch"), r.err());
    r = run("calibrate", "--series", ETH_DAILY.toString(), "--model", "gbm", "--step", "3600");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("step 3600 s is finer than the series resolution 86400 s"), r.err());
    r = run("calibrate", "--series", ETH_DAILY.toString(), "--model", "gbm", "--from", "yesterday");
    assertTrue(r.err().contains("--from yesterday: expected an ISO-8601 UTC time"), r.err());
    r = run("calibrate", "--series", ETH_5M.toString(), "--model", "gbm", "--gaps", "reject");
    assertEquals(2, r.code());
    assertTrue(r.err().contains(ETH_5M + ":2734: field 'timestamp': 2020-02-19T17:30:00Z follows"
        + " 2020-02-19T11:35:00Z (line 2733): 70 bars of 300 s missing"), r.err());
  }

  @Test
  void malformedSeriesExitsTwoNamingTheLineAndWritesNothing() throws IOException {
    Path series = dir.resolve("bad.csv");
    Files.writeString(series, "timestamp,close\n2020-03-12T00:00:00Z,100\n2020-03-12T00:05:00Z,-1\n");
    Path out = dir.resolve("fragment.conf");
    Result r = run("calibrate", "--series", series.toString(), "--model", "gbm", "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bad.csv:3: field 'close': -1 is out of range"), r.err());
    assertFalse(Files.exists(out), "nothing may be written");
  }

  /** The GBM fragment of the daily ETH sample is a valid scenario through {@code include}. */
  @Test
  void gbmFragmentIsIncludedByAScenario() throws IOException {
    Path fragment = dir.resolve("eth-gbm.conf");
    Result r = run("calibrate", "--series", ETH_DAILY.toString(), "--model", "gbm", "--out",
        fragment.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("sigma"), r.out());
    Path scenario = dir.resolve("scenario.conf");
    Files.writeString(scenario, "include \"eth-gbm.conf\"\nrun.paths = 100\n");
    ScenarioSettings s = ScenarioSettings.load(scenario, List.of());
    assertEquals(2511.4, s.price().initial(), "the last close of the file");
    Config c = ConfigFactory.parseFile(fragment.toFile());
    assertEquals(c.getDouble("price.gbm.volatility"), s.price().volatility());
    double volatility = s.price().volatility();
    assertTrue(volatility > 0.5 && volatility < 1.5, "ETH daily volatility " + volatility);
  }

  /**
   * Merton and GARCH fragments hold the jump and GARCH keys, and a scenario including the Merton
   * fragment runs with its jumps, its drift compensated as the kernel expects (fitted mu +
   * lambda k per year, so the kernel's mean log-return is the fitted one).
   */
  @Test
  void mertonAndGarchFragmentsCarryTheirOwnKeys() throws IOException {
    Path merton = dir.resolve("merton.conf");
    Result r = run("calibrate", "--series", ETH_DAILY.toString(), "--model", "merton", "--out",
        merton.toString());
    assertEquals(0, r.code(), r.err());
    Config c = ConfigFactory.parseFile(merton.toFile());
    assertTrue(c.getDouble("price.jumps.intensity-per-day") > 0);
    assertTrue(c.getDouble("price.jumps.log-std") > 0);
    assertTrue(c.hasPath("price.jumps.log-mean") && c.hasPath("price.gbm.volatility"));
    Path scenario = dir.resolve("with-jumps.conf");
    Files.writeString(scenario, "include \"merton.conf\"\nrun.paths = 100\n");
    ScenarioSettings withJumps = ScenarioSettings.load(scenario, List.of());
    assertEquals(c.getDouble("price.jumps.intensity-per-day"), withJumps.price().jumps().perDay());
    assertEquals(c.getDouble("price.gbm.drift"), withJumps.price().drift());
    io.margincall.config.ScenarioFactory.build(withJumps);

    r = run("calibrate", "--series", ETH_DAILY.toString(), "--model", "garch", "--from",
        "2019-01-01T00:00:00Z", "--to", "2023-01-01T00:00:00Z");
    assertEquals(0, r.code(), r.err());
    String fragment = r.out().substring(r.out().indexOf("\n# margincall calibrate"));
    Config g = ConfigFactory.parseString(fragment);
    double alpha = g.getDouble("price.garch.alpha");
    double beta = g.getDouble("price.garch.beta");
    assertTrue(alpha > 0 && beta > 0 && alpha + beta < 1, alpha + " " + beta);
    assertTrue(g.getDouble("price.garch.omega") > 0);
    assertEquals("garch", g.getString("price.volatility-model"));
    assertTrue(r.out().contains("1,461 bars of 86400 s, 2019-01-01T00:00:00Z .. 2022-12-31T00:00:00Z"), r.out());
  }

  @Test
  void resamplingToACoarserStepIsFitted() {
    Result r = run("calibrate", "--series", ETH_5M.toString(), "--model", "gbm", "--step", "3600");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("bars of 3600 s"), r.out());
  }

  /**
   * Calibration needs no Spark: {@code Main calibrate} runs in a JVM whose class path holds the
   * project's classes and its plain-Java dependencies (Commons Math and RNG, Typesafe Config)
   * but no Spark, Scala or Hadoop jar. A class that reached for Spark would fail to load there.
   */
  @Test
  void calibrateRunsWithoutSparkOnTheClassPath() throws IOException, InterruptedException {
    String sep = java.io.File.pathSeparator;
    List<String> classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(sep))
        .filter(e -> e.endsWith("classes") && !e.endsWith("test-classes")
            || e.contains("commons-math3") || e.contains("commons-rng") || e.contains("/config-"))
        .toList();
    // by file name: the checkout's own directory may be named after Spark
    assertTrue(classPath.stream().map(e -> Path.of(e).getFileName().toString())
        .noneMatch(e -> e.contains("spark") || e.contains("scala")), classPath.toString());
    Path fragment = dir.resolve("f.conf");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(sep, classPath), "io.margincall.cli.Main", "calibrate",
        "--series", ETH_DAILY.toString(), "--model", "gbm", "--out", fragment.toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
    assertTrue(Files.exists(fragment), output);
  }
}
