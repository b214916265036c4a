package io.margincall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioSettingsTest {
  @TempDir
  Path dir;

  private Path scenario(String text) throws IOException {
    Path file = dir.resolve("scenario.conf");
    Files.writeString(file, text);
    return file;
  }

  private ConfigError fails(String text) throws IOException {
    Path file = scenario(text);
    return assertThrows(ConfigError.class, () -> ScenarioSettings.load(file, List.of()));
  }

  @Test
  void referenceDefaultsLoadAndEveryReferenceKeyIsRead() {
    ScenarioSettings s = ScenarioSettings.load(null, List.of());
    assertEquals(7200, s.time().steps());
    assertEquals(0, s.oracle().delaySteps());
    assertEquals(0.825, s.protocol().liquidationThreshold());
  }

  /** Each section's record holds its keys, durations in whole steps (reference.conf's values). */
  @Test
  void eachSectionHoldsItsOwnKeys() {
    ScenarioSettings s = ScenarioSettings.load(null, List.of("oracle.heartbeat=3600"));
    assertEquals(12, s.time().stepSeconds());
    assertEquals(300, s.oracle().heartbeatSteps());
    assertEquals(150, s.congestion().shocks().steps());
    assertEquals(25, s.congestion().maxWaitSteps());
    assertEquals("ETH", s.price().assets().mainAsset());
    assertEquals(1, s.price().assets().count());
    assertEquals(1.0, s.accounts().generated().assetWeights()[0]);
    assertEquals(0.9, s.price().garch().beta());
    assertEquals("sample", s.output().paths());
  }

  @Test
  void unknownKeySuggestsTheNearestValidOne() throws IOException {
    ConfigError e = fails("run { paths = 10 }\nprice.gbm.volatilty = 0.5\n");
    String m = e.getMessage();
    assertTrue(m.contains("scenario.conf:2"), m);
    assertTrue(m.contains("unknown key 'price.gbm.volatilty'"), m);
    assertTrue(m.contains("did you mean 'price.gbm.volatility'"), m);
  }

  @Test
  void unknownKeyFromSetNamesTheOption() {
    ConfigError e = assertThrows(ConfigError.class,
        () -> ScenarioSettings.load(null, List.of("oracle.dealy=60")));
    assertTrue(e.getMessage().contains("--set oracle.dealy=60"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'oracle.delay'"), e.getMessage());
  }

  @Test
  void aSectionGivenAValueIsRejected() throws IOException {
    ConfigError e = fails("price = 5\n");
    assertTrue(e.getMessage().contains("price is a section"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "price.gbm.volatility = -0.5      | price.gbm.volatility = -0.5 | annual volatility in [0, 100]",
      "price.gbm.volatility = fast      | price.gbm.volatility = \"fast\" | annual volatility",
      "protocol.liquidation-threshold = 1.2 | protocol.liquidation-threshold = 1.2 | (0, 1]",
      "protocol.liquidation-threshold = 0 | protocol.liquidation-threshold = 0 | (0, 1]",
      "protocol.close-factor = 0        | protocol.close-factor = 0 | (0, 1]",
      "protocol.close-factor = 1.5      | protocol.close-factor = 1.5 | (0, 1]",
      "protocol.bonus = 1               | protocol.bonus = 1 | [0, 1)",
      "oracle.delay = 30                | oracle.delay = 30 | multiple of time.step (12.0 s)",
      "oracle.delay = 86400             | oracle.delay = 86400 | shorter than time.horizon",
      "oracle.deviation = 1             | oracle.deviation = 1 | [0, 1)",
      "oracle.heartbeat = 100           | oracle.heartbeat = 100 | multiple of time.step",
      "time.horizon = 1000              | time.horizon = 1000 | multiple of time.step",
      "time.step = 0                    | time.step = 0 | (0, 86400]",
      "run.paths = 0                    | run.paths = 0 | integer in [1,",
      "run.paths = 2.5                  | run.paths = 2.5 | integer",
      "run.paths = many                 | run.paths = \"many\" | integer",
      "run.seed = true                  | run.seed = true | integer",
      "price.model = heston             | price.model = \"heston\" | one of gbm",
      "price.initial = -3               | price.initial = -3 | > 0",
      "accounts.source = db             | accounts.source = \"db\" | one of generated, file",
      "accounts.generated.leverage-max = 20 | accounts.generated.leverage-max = 20 | leverage below 5.71",
      "accounts.generated.leverage-min = 0.5 | accounts.generated.leverage-min = 0.5 | [1, 1000]",
      "insurance.bonus-share = 2        | insurance.bonus-share = 2 | [0, 1]",
      "insurance.balance = -1           | insurance.balance = -1 | USD amount >= 0",
      "price.jumps.intensity-per-day = 50000 | price.jumps.intensity-per-day = 50000 | jumps per day in [0, 10000]",
      "liquidity.model = orderbook      | liquidity.model = \"orderbook\" | one of infinite, linear, constant-product",
      "congestion { enabled = true, shocks.duration = 100 } | congestion.shocks.duration = 100 | multiple of time.step (12.0 s) while congestion.enabled = true",
      "oracle.security-hold = 30        | oracle.security-hold = 30 | multiple of time.step",
  })
  void outOfRangeOrWrongTypeNamesTheKeyTheValueAndWhatIsAllowed(String line, String shown,
                                                               String allowed) throws IOException {
    ConfigError e = fails("# a comment\n" + line + "\n");
    String m = e.getMessage();
    assertTrue(m.startsWith(dir.resolve("scenario.conf") + ":2: "), m);
    assertTrue(m.contains(shown), m);
    assertTrue(m.contains(allowed), m);
  }

  @Test
  void syntaxErrorNamesTheFile() throws IOException {
    ConfigError e = fails("run { paths = \n");
    assertTrue(e.getMessage().contains("scenario.conf"), e.getMessage());
  }

  @Test
  void missingScenarioFileIsReported() {
    ConfigError e = assertThrows(ConfigError.class,
        () -> ScenarioSettings.load(dir.resolve("nope.conf"), List.of()));
    assertTrue(e.getMessage().contains("nope.conf: scenario file not found"), e.getMessage());
  }

  @Test
  void missingAccountFileIsReportedUnderItsKey() throws IOException {
    ConfigError e = fails("accounts { source = file, file = \"missing.csv\" }\n");
    assertTrue(e.getMessage().contains("accounts.file"), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void setOverridesTheFileAndMustBeKeyEqualsValue() throws IOException {
    Path file = scenario("run.paths = 10\n");
    assertEquals(77, ScenarioSettings.load(file, List.of("run.paths=77")).run().paths());
    ConfigError e = assertThrows(ConfigError.class,
        () -> ScenarioSettings.load(file, List.of("run.paths")));
    assertTrue(e.getMessage().contains("expected key=value"), e.getMessage());
  }

  @Test
  void configHashIgnoresNameAndPartitionsButNotModelKeys() throws IOException {
    Path file = scenario("run.paths = 10\n");
    String base = ScenarioSettings.load(file, List.of()).configHash();
    assertEquals(base, ScenarioSettings.load(file,
        List.of("run.name=other", "run.partitions=7")).configHash());
    assertNotEquals(base, ScenarioSettings.load(file, List.of("oracle.delay=12")).configHash());
    assertNotEquals(base, ScenarioSettings.load(file, List.of("run.seed=2")).configHash());
  }

  @Test
  void configHashCoversTheAccountFileContent() throws IOException {
    Path csv = dir.resolve("book.csv");
    Files.writeString(csv, "account_id,collateral,debt\na,1,100\n");
    Path file = scenario("accounts { source = file, file = \"book.csv\" }\n");
    String first = ScenarioSettings.load(file, List.of()).configHash();
    Files.writeString(csv, "account_id,collateral,debt\na,1,101\n");
    assertNotEquals(first, ScenarioSettings.load(file, List.of()).configHash());
  }

  /** The resolved config is written to every row: it must not pull in the environment. */
  @Test
  void environmentVariablesAreNotSubstituted() throws IOException {
    ConfigError e = fails("run.name = ${HOME}\n");
    assertTrue(e.getMessage().contains("HOME"), e.getMessage());
    Path file = scenario("run.name = ${?HOME}\n");
    assertEquals("unnamed", ScenarioSettings.load(file, List.of()).run().name());
  }

  @Test
  void faultSettingsAreOffByDefaultAndNotHashed() throws IOException {
    Path file = scenario("run.paths = 10\n");
    ScenarioSettings plain = ScenarioSettings.load(file, List.of());
    assertEquals(false, plain.faults().failFirstAttempt());
    assertEquals(-1, plain.faults().haltExecutorOnPartition());
    assertEquals(plain.configHash(), ScenarioSettings.load(file,
        List.of("faults.fail-first-attempt=true", "faults.halt-executor-on-partition=3")).configHash());
  }

  @Test
  void nullValuesAreRejectedLikeAnyOtherBadValue() throws IOException {
    ConfigError e = fails("time.step = null\n");
    assertTrue(e.getMessage().contains("time.step = null"), e.getMessage());
    e = fails("protocl.bonus = null\n");
    assertTrue(e.getMessage().contains("unknown key 'protocl.bonus'"), e.getMessage());
    e = assertThrows(ConfigError.class,
        () -> ScenarioSettings.load(null, List.of("faults.fail-first-attempt=null")));
    assertTrue(e.getMessage().contains("true or false"), e.getMessage());
  }

  @Test
  void configHashIsOfTypedValuesNotOfTheirSpelling() throws IOException {
    Path file = scenario("run.paths = 10\n");
    String base = ScenarioSettings.load(file, List.of()).configHash();
    assertEquals(base, ScenarioSettings.load(file, List.of("time.step=\"12\"")).configHash());
    assertEquals(base, ScenarioSettings.load(file, List.of("price.gbm.volatility=0.80")).configHash());
    assertEquals(base, ScenarioSettings.load(file, List.of("oracle.delay=0.0")).configHash());
  }

  @Test
  void accountFileMustBeAStringEvenWhenUnused() throws IOException {
    ConfigError e = fails("accounts.file = [1, 2]\n");
    assertTrue(e.getMessage().contains("accounts.file"), e.getMessage());
  }

  @Test
  void pathCountIsBoundedByWhatTheExactTailCanHold() throws IOException {
    ConfigError e = fails("run.paths = 100000000000\n");
    assertTrue(e.getMessage().contains("[1, 1000000000]"), e.getMessage());
  }

  @Test
  void severalAssetsAreCheckedBeforeSparkStarts() throws IOException {
    String assets = "price.assets = [ { name = BTC, initial = 60000, volatility = 0.6 } ]\n";
    ConfigError e = fails(assets + "price.correlation = [[1, 0.5], [0.4, 1]]\n");
    assertTrue(e.getMessage().contains("price.correlation") && e.getMessage().contains("equal to entry"),
        e.getMessage());
    e = fails(assets + "price.correlation = [[1, 0.5]]\n");
    assertTrue(e.getMessage().contains("a 2 x 2 correlation matrix"), e.getMessage());
    e = fails(assets + "accounts.generated.asset-weights = [0.5, 0.6]\n");
    assertTrue(e.getMessage().contains("summing to 1"), e.getMessage());
    e = fails(assets + "liquidity.model = linear\n");
    assertTrue(e.getMessage().contains("liquidity.model") && e.getMessage().contains("several assets"),
        e.getMessage());
    e = fails("price.assets = [ { name = ETH, initial = 1, volatility = 1 } ]\n");
    assertTrue(e.getMessage().contains("names must be unique"), e.getMessage());
    ScenarioSettings ok = ScenarioSettings.load(scenario(assets
        + "price.correlation = [[1, 0.5], [0.5, 1]]\naccounts.generated.asset-weights = [0.7, 0.3]\n"),
        List.of());
    assertEquals(List.of("ETH", "BTC"), ok.price().assets().names());
  }

  @Test
  void prefixedKeysAreRejectedWithAHint() throws IOException {
    ConfigError e = fails("margincall.run.paths = 10\n");
    assertTrue(e.getMessage().contains("without the 'margincall.' prefix"), e.getMessage());
  }
}
