package io.margincall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.io.InputError;
import io.margincall.protocol.LiquidationIncentive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * protocol.incentive: each model builds its protocol's rule from the keys named as the protocol
 * names them; the fixed default hashes as before; and a setting whose liquidation leaves an
 * eligible account less healthy (LT x (1 + bonus) >= 1) is refused naming the key or the file
 * line, the values and why, unless protocol.allow-unhealthy-liquidation.
 */
class IncentiveSettingsTest {
  @TempDir
  Path dir;

  private static ScenarioSettings load(String... sets) {
    return ScenarioSettings.load(null, List.of(sets));
  }

  private static ConfigError fails(String... sets) {
    return assertThrows(ConfigError.class, () -> load(sets));
  }

  @Test
  void eachModelBuildsItsProtocolsRule() {
    assertEquals(new LiquidationIncentive.Fixed(1.0, 0.0, 0.0), load().protocol().rule());
    assertEquals(new LiquidationIncentive.AaveV3(0.05, 0.95, 0.5, 2000, 1000),
        load("protocol.incentive.model=aave-v3", "protocol.bonus=0.05").protocol().rule());
    assertEquals(new LiquidationIncentive.Euler(0.2),
        load("protocol.incentive.model=euler", "protocol.incentive.euler.max-liquidation-discount=0.2")
            .protocol().rule());
    assertInstanceOf(LiquidationIncentive.Morpho.class,
        load("protocol.incentive.model=morpho").protocol().rule());
  }

  @Test
  void theFixedDefaultHashesAsBeforeAndOnlyTheChosenModelsParametersAreHashed() {
    String plain = load().configHash();
    assertEquals(plain, load("protocol.incentive.euler.max-liquidation-discount=0.3").configHash(),
        "an unused model's parameter changes no result");
    assertEquals(plain, load("protocol.allow-unhealthy-liquidation=true").configHash());
    String euler = load("protocol.incentive.model=euler").configHash();
    assertNotEquals(plain, euler);
    assertNotEquals(euler, load("protocol.incentive.model=euler",
        "protocol.incentive.euler.max-liquidation-discount=0.3").configHash());
  }

  @Test
  void parametersAreRangeChecked() {
    ConfigError e = fails("protocol.incentive.aave-v3.min-leftover-base=1500");
    assertTrue(e.getMessage().contains("protocol.incentive.aave-v3.min-leftover-base = 1500: must"
        + " be a USD amount in [0, 1000.0]"), e.getMessage());
    e = fails("protocol.incentive.morpho.max-liquidation-incentive-factor=0.9");
    assertTrue(e.getMessage().contains("must be a factor in [1, 2)"), e.getMessage());
    e = fails("protocol.incentive.model=dutch");
    assertTrue(e.getMessage().contains("one of fixed, aave-v3, euler, morpho"), e.getMessage());
  }

  @Test
  void aBonusThatMakesLiquidationsUnhealthyIsRefusedWithTheKeyTheValuesAndWhy() {
    // 0.92 x 1.087 = 1.00004 >= 1; 0.92 x 1.086 = 0.99912 < 1.
    load("protocol.liquidation-threshold=0.92", "protocol.bonus=0.086");
    ConfigError e = fails("protocol.liquidation-threshold=0.92", "protocol.bonus=0.087");
    String m = e.getMessage();
    assertTrue(m.startsWith("--set protocol.bonus=0.087: protocol.bonus = 0.087: must be such that"
        + " LT x (1 + bonus) < 1 with protocol.liquidation-threshold = 0.92"), m);
    assertTrue(m.contains("LT x (1 + bonus) = 1.000040 >= 1"), m);
    assertTrue(m.contains("less healthy"), m);
    assertTrue(m.contains("protocol.allow-unhealthy-liquidation = true"), m);
    // Aave's rule takes the same bonus; the study flag lets it run.
    fails("protocol.liquidation-threshold=0.92", "protocol.bonus=0.087",
        "protocol.incentive.model=aave-v3");
    load("protocol.liquidation-threshold=0.92", "protocol.bonus=0.087",
        "protocol.allow-unhealthy-liquidation=true");
  }

  @Test
  void theHealthScaledAndLltvRulesAreCheckedAtHealthOne() {
    // Euler's bonus at health 1 is 0 and Morpho's LIF keeps LLTV x LIF < 1 below LLTV 1: a
    // threshold of 0.99 passes; 1 is refused (LT x (1 + 0) = 1), naming the threshold.
    load("protocol.incentive.model=euler", "protocol.liquidation-threshold=0.99");
    load("protocol.incentive.model=morpho", "protocol.liquidation-threshold=0.99",
        "protocol.bonus=0.5");
    ConfigError e = fails("protocol.incentive.model=morpho", "protocol.liquidation-threshold=1");
    assertTrue(e.getMessage().contains("protocol.liquidation-threshold = 1: must be such that"),
        e.getMessage());
    assertTrue(e.getMessage().contains("(protocol.incentive.model = morpho)"), e.getMessage());
  }

  @Test
  void anAccountsOwnThresholdIsCheckedWithItsLine() throws IOException {
    Path book = Files.writeString(dir.resolve("book.csv"), "account_id,collateral,debt,"
        + "liquidation_threshold\na,10,5000,0.8\nb,10,5000,0.96\n");
    List<String> sets = List.of("accounts.source=file", "accounts.file=" + book,
        "protocol.bonus=0.05");
    ScenarioSettings s = ScenarioSettings.load(null, sets);
    InputError e = assertThrows(InputError.class, () -> ScenarioFactory.build(s));
    assertTrue(e.getMessage().startsWith(book + ":3: account 'b': liquidation_threshold = 0.96"),
        e.getMessage());
    assertTrue(e.getMessage().contains("LT x (1 + bonus) = 1.008000 >= 1"), e.getMessage());
    ScenarioFactory.build(ScenarioSettings.load(null, List.of("accounts.source=file",
        "accounts.file=" + book, "protocol.bonus=0.05",
        "protocol.allow-unhealthy-liquidation=true")));
  }

  @Test
  void aaveIsRefusedForCrossMarginedBooks() {
    ConfigError e = fails("protocol.incentive.model=aave-v3",
        "price.assets=[{name=BTC, initial=60000, drift=0, volatility=0.6}]");
    assertTrue(e.getMessage().contains("protocol.incentive.model = \"aave-v3\": must be fixed, euler or"
        + " morpho while price.assets lists further assets"), e.getMessage());
  }
}
