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
}
