package io.margincall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.io.InputError;
import io.margincall.kernel.Scenario;
import io.margincall.protocol.PerpBook;
import io.margincall.protocol.PerpRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The perps section: read only when on, hashed only when on, and built into the scenario. */
class PerpsSettingsTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));

  @Test
  void perpsOffLeaveTheHashAndTheScenarioAlone() {
    Path quickstart = ROOT.resolve("conf/quickstart.conf");
    ScenarioSettings off = ScenarioSettings.load(quickstart, List.of());
    // A value of the switched-off section is not read, so neither checked nor hashed.
    ScenarioSettings offChanged = ScenarioSettings.load(quickstart,
        List.of("perps.liquidation-fee=0.5", "perps.adl=random"));
    assertEquals(off.configHash(), offChanged.configHash());
    assertNull(ScenarioFactory.build(off).perps());
    ScenarioSettings on = ScenarioSettings.load(quickstart, List.of("perps.source=generated"));
    assertTrue(!on.configHash().equals(off.configHash()), "perps on: another hash");
  }

  @Test
  void theShortSqueezeBuildsAShortHeavyBookWithItsRules() {
    ScenarioSettings s = ScenarioSettings.load(ROOT.resolve("conf/short-squeeze.conf"), List.of());
    Scenario scenario = ScenarioFactory.build(s);
    PerpBook book = scenario.perps();
    assertNotNull(book);
    assertEquals(1000, book.size());
    assertTrue(book.count(PerpBook.SHORT) > book.count(PerpBook.LONG), "short-heavy");
    assertEquals(PerpRules.AdlRanking.PNL_LEVERAGE, scenario.perpRules().adl());
    assertEquals(0, scenario.book().size(), "no loans");
  }

  @Test
  void badPerpsSettingsNameTheKey() {
    Path quickstart = ROOT.resolve("conf/quickstart.conf");
    ConfigError e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(quickstart,
        List.of("perps.source=file")));
    assertTrue(e.getMessage().contains("perps.source") && e.getMessage().contains(
        "only with accounts.source = file"), e.getMessage());
    e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(quickstart,
        List.of("perps.source=generated", "perps.maintenance.rate=[0.01]")));
    assertTrue(e.getMessage().contains("perps.maintenance.rate"), e.getMessage());
    e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(quickstart,
        List.of("perps.source=generated", "perps.funding.interval=100")));
    assertTrue(e.getMessage().contains("perps.funding.interval") && e.getMessage().contains(
        "multiple of time.step"), e.getMessage());
    e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(quickstart,
        List.of("accounts.generated.count=0")));
    assertTrue(e.getMessage().contains("a run needs accounts"), e.getMessage());
  }

  @Test
  void perpRowsInTheAccountFileNeedPerpsOn() {
    ScenarioSettings s = ScenarioSettings.load(ROOT.resolve("conf/mixed-lending-perps.conf"),
        List.of("perps.source=none"));
    InputError e = assertThrows(InputError.class, () -> ScenarioFactory.build(s));
    assertTrue(e.getMessage().contains("mixed-lending-perps.csv:402: 400 rows of kind perp, but"
        + " perps.source = none"), e.getMessage());
    Scenario mixed = ScenarioFactory.build(
        ScenarioSettings.load(ROOT.resolve("conf/mixed-lending-perps.conf"), List.of()));
    assertEquals(400, mixed.book().size());
    assertEquals(400, mixed.perps().size());
  }

  /**
   * The keeper reward is read only when keepers close positions: with the venue's engine its
   * keys change neither the hash nor the rules; with keepers they reach the rules (max-usd 0: no
   * cap), and a cap below the floor names the key.
   */
  @Test
  void keeperRewardsAreReadOnlyWhenKeepersClose() {
    Path squeeze = ROOT.resolve("conf/short-squeeze.conf");
    ScenarioSettings venue = ScenarioSettings.load(squeeze, List.of());
    ScenarioSettings venueChanged = ScenarioSettings.load(squeeze,
        List.of("perps.keeper-reward.rate=0.5"));
    assertEquals(venue.configHash(), venueChanged.configHash());
    assertNull(ScenarioFactory.build(venue).perpRules().keeperReward());
    ScenarioSettings keepers = ScenarioSettings.load(squeeze, List.of("perps.liquidator=keepers",
        "perps.keeper-reward.rate=0.001", "perps.keeper-reward.min-usd=3",
        "perps.keeper-reward.max-usd=0"));
    assertTrue(!keepers.configHash().equals(venue.configHash()), "keepers: another hash");
    io.margincall.protocol.PerpKeeperReward reward =
        ScenarioFactory.build(keepers).perpRules().keeperReward();
    assertEquals(new io.margincall.protocol.PerpKeeperReward(0.001, 3, Double.POSITIVE_INFINITY),
        reward);
    assertEquals(3, reward.of(1_000), 0);
    assertEquals(1_000, reward.of(1_000_000), 0);
    ConfigError e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(squeeze,
        List.of("perps.liquidator=keepers", "perps.keeper-reward.min-usd=10",
            "perps.keeper-reward.max-usd=5")));
    assertTrue(e.getMessage().contains("perps.keeper-reward.max-usd"), e.getMessage());
  }

  /**
   * Initial margin guards the book: a generated book may not draw leverage beyond it nor sit
   * below its maintenance tiers; a file row must have been openable (its margin at least the
   * rate times its notional, the rate at least its maintenance rate), named by file and line.
   */
  @Test
  void initialMarginRefusesPositionsThatCouldNotHaveOpened() {
    Path squeeze = ROOT.resolve("conf/short-squeeze.conf");
    ConfigError e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(squeeze,
        List.of("perps.initial-margin=0.1")));
    assertTrue(e.getMessage().contains("perps.generated.leverage-max")
        && e.getMessage().contains("1 / perps.initial-margin"), e.getMessage());
    e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(squeeze,
        List.of("perps.initial-margin=0.01")));
    assertTrue(e.getMessage().contains("perps.initial-margin"), e.getMessage());
    assertNotNull(ScenarioFactory.build(ScenarioSettings.load(squeeze,
        List.of("perps.initial-margin=0.05"))).perps(), "leverage <= 15 opens at 1/20");

    Path mixed = ROOT.resolve("conf/mixed-lending-perps.conf");
    InputError below = assertThrows(InputError.class, () -> ScenarioFactory.build(
        ScenarioSettings.load(mixed, List.of("perps.initial-margin=0.05"))));
    // perp-00001: margin 134.00 for 2.540454 x 1994.49 = 5,066.8 USD (leverage 37.8).
    assertTrue(below.getMessage().contains("mixed-lending-perps.csv:402")
        && below.getMessage().contains("field 'margin': 134.0")
        && below.getMessage().contains("could not have been opened"), below.getMessage());
    InputError underMaintenance = assertThrows(InputError.class, () -> ScenarioFactory.build(
        ScenarioSettings.load(mixed, List.of("perps.initial-margin=0.007"))));
    // perp-00003 (line 404) keeps a maintenance margin of 0.01.
    assertTrue(underMaintenance.getMessage().contains("mixed-lending-perps.csv:404")
        && underMaintenance.getMessage().contains("maintenance margin 0.01"),
        underMaintenance.getMessage());
  }
}
