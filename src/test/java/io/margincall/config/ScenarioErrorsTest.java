package io.margincall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors name what the user wrote, and only the mechanisms the run uses are checked. */
class ScenarioErrorsTest {
  private static final List<String> DAILY = List.of("time.step=86400", "time.horizon=864000");

  @TempDir
  Path dir;

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("scenario.conf"), text);
  }

  private static ConfigError fails(Path file, List<String> sets) {
    return assertThrows(ConfigError.class, () -> ScenarioSettings.load(file, sets));
  }

  @Test
  void aSweepWithoutAxesNamesTheScenarioFileNotReferenceConf() throws IOException {
    Path file = write("run.paths = 10\n");
    ConfigError e = assertThrows(ConfigError.class,
        () -> SweepPlan.of(ScenarioSettings.load(file, List.of())));
    assertTrue(e.getMessage().startsWith(file + ": sweep.axes is empty"), e.getMessage());
    assertTrue(e.getMessage().contains("or run it with simulate"), e.getMessage());
    Path emptied = write("run.paths = 10\n\nsweep.axes {}\n");
    e = assertThrows(ConfigError.class, () -> SweepPlan.of(ScenarioSettings.load(emptied, List.of())));
    assertTrue(e.getMessage().startsWith(emptied + ":3: sweep.axes is empty"), e.getMessage());
  }

  /** Daily steps with congestion off and a GBM price: its gas and bootstrap keys are not used. */
  @Test
  void dailyStepsNeedNoOverridesForMechanismsThatAreOff() throws IOException {
    Path file = write("run.paths = 10\n");
    ScenarioSettings s = ScenarioSettings.load(file, DAILY);
    assertEquals(10, s.time().steps());
    assertEquals(false, s.congestion().enabled());
  }

  @Test
  void mechanismsThatAreOnAreStillCheckedAndNamed() throws IOException {
    Path file = write("run.paths = 10\ncongestion.enabled = true\n");
    ConfigError e = fails(file, DAILY);
    assertTrue(e.getMessage().contains("congestion.mean-reversion-per-hour = 2: must be a rate per"
        + " hour in [0, 3600 / time.step = 0.041666666666666664] while congestion.enabled = true"),
        e.getMessage());
    List<String> sets = new ArrayList<>(DAILY);
    sets.add("congestion.mean-reversion-per-hour=0");
    e = fails(file, sets);
    assertTrue(e.getMessage().contains("congestion.shocks.duration = 1800: must be a multiple of"
        + " time.step (86400.0 s) while congestion.enabled = true"), e.getMessage());
    sets.add("congestion.shocks.duration=86400");
    e = fails(file, sets);
    assertTrue(e.getMessage().contains("congestion.max-wait = 300: must be a multiple of time.step"
        + " (86400.0 s) while congestion.enabled = true"), e.getMessage());

    Path daily = Path.of(System.getProperty("margincall.basedir", "."))
        .resolve("data-samples/prices/eth_usd_bitstamp_1d_2017-11_2025-07.csv").toAbsolutePath();
    e = fails(write("price { model = bootstrap, series.file = \"" + daily + "\" }\n"), DAILY);
    assertTrue(e.getMessage().contains("price.bootstrap.mean-block-length = 3600: must be a number"
        + " of seconds in [time.step = 86400.0, 31536000] while price.model = bootstrap"),
        e.getMessage());
    e = fails(write("perps.source = generated\nperps.funding.interval = 3600\n"), DAILY);
    assertTrue(e.getMessage().contains("perps.funding.interval = 3600: must be a multiple of"
        + " time.step (86400.0 s) while perps.source = generated"), e.getMessage());
  }

  @Test
  void keysOfMechanismsThatAreOffAreStillCheckedForRangeAndType() throws IOException {
    ConfigError e = fails(write("congestion.max-wait = -5\n"), DAILY);
    assertTrue(e.getMessage().contains("congestion.max-wait = -5"), e.getMessage());
    e = fails(write("price.bootstrap.mean-block-length = 0\n"), DAILY);
    assertTrue(e.getMessage().contains("price.bootstrap.mean-block-length = 0"), e.getMessage());
  }

  @Test
  void anInputFileThatIsAFolderIsCalledOne() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("book"));
    ConfigError e = fails(write("accounts { source = file, file = \"book\" }\n"), List.of());
    assertTrue(e.getMessage().contains("accounts.file = \"book\": must be a file, not a folder: "
        + folder + " is a folder; name the account book (CSV, or Parquet named *.parquet) in it"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("does not exist"), e.getMessage());
    e = fails(write("price { model = replay, series.file = \"book\" }\n"), List.of());
    assertTrue(e.getMessage().contains("price.series.file = \"book\": must be a file, not a folder: "
        + folder + " is a folder; name the price-series CSV in it"), e.getMessage());
    e = fails(folder, List.of());
    assertTrue(e.getMessage().equals(folder + ": is a folder; --conf names a scenario file (HOCON)"),
        e.getMessage());
    e = fails(write("accounts { source = file, file = \"gone.csv\" }\n"), List.of());
    assertTrue(e.getMessage().contains(dir.resolve("gone.csv") + " does not exist"), e.getMessage());
  }

  @Test
  void bridgeCrossingIsRefusedOutsideTheIdealCaseNamingTheKey() throws IOException {
    Path file = write("run.paths = 10\nsampling.crossing = bridge\n");
    ConfigError e = assertThrows(ConfigError.class,
        () -> ScenarioFactory.build(ScenarioSettings.load(file, DAILY)));
    assertTrue(e.getMessage().startsWith("sampling.crossing = bridge: must be steps here"),
        e.getMessage());
    assertTrue(e.getMessage().contains("a book of 1000 accounts"), e.getMessage());
    Path wrong = write("run.paths = 10\nsampling.crossing = bridges\n");
    e = fails(wrong, DAILY);
    assertTrue(e.getMessage().contains("sampling.crossing = \"bridges\": must be one of steps, bridge"),
        e.getMessage());
  }

  @Test
  void oracleGapTakesABooleanNamingTheKey() throws IOException {
    ConfigError e = fails(write("run.paths = 10\nstatistics.oracle-gap = sometimes\n"), DAILY);
    assertTrue(e.getMessage().contains(
        "statistics.oracle-gap = \"sometimes\": must be true or false"), e.getMessage());
    assertTrue(ScenarioFactory.build(ScenarioSettings.load(write("run.paths = 10\n"), DAILY))
        .oracleGap());
    assertTrue(!ScenarioFactory.build(ScenarioSettings.load(
        write("run.paths = 10\nstatistics.oracle-gap = false\n"), DAILY)).oracleGap());
  }

  @Test
  void lastStretchIsRefusedWithoutAnOracleDelayNamingTheKey() throws IOException {
    ConfigError e = assertThrows(ConfigError.class, () -> ScenarioFactory.build(ScenarioSettings
        .load(write("run.paths = 10\nsampling.crossing = last-stretch\n"), DAILY)));
    assertTrue(e.getMessage().startsWith("sampling.crossing = last-stretch: must be steps here"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("an oracle without delay: the last step can trigger"),
        e.getMessage());
  }
}
