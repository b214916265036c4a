package io.margincall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.MarginRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code defences.margin}: static is off and out of the hash; the other models' durations become
 * steps and volatilities variances per step; bad values are refused by key, value and range.
 */
class MarginSettingsTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));
  private static final Path QUICKSTART = ROOT.resolve("conf/quickstart.conf");

  private static ScenarioSettings load(String... sets) {
    return ScenarioSettings.load(QUICKSTART, List.of(sets));
  }

  @Test
  void staticIsOffAndLeavesTheHashAsItWas() {
    ScenarioSettings plain = load();
    assertNull(plain.margin().rules());
    // Its keys, even changed, are not read into the hash while the model is static.
    assertEquals(plain.configHash(), load("defences.margin.max-factor=2").configHash());
    assertNotEquals(plain.configHash(),
        load("defences.margin.model=realized-volatility").configHash());
  }

  @Test
  void durationsBecomeStepsAndVolatilitiesVariancesPerStep() {
    MarginRules m = load("defences.margin.model=predictive", "defences.margin.half-life=600",
        "defences.margin.forecast-horizon=7200", "defences.margin.min-update-delay=259200",
        "defences.margin.reference-volatility=1.2", "defences.margin.max-update-change=0.003125")
        .margin().rules();
    assertEquals(MarginRules.Model.PREDICTIVE, m.model());
    assertEquals(50, m.ewmaHalfLifeSteps());          // 600 s of 12 s steps
    assertEquals(600, m.horizonSteps());
    assertEquals(21_600, m.minDelaySteps());          // 3 days
    assertEquals(1.44 * 12 / GeometricBrownianMotion.SECONDS_PER_YEAR, m.referenceVariance(),
        1e-20);
    assertEquals(0.003125, m.maxUpdateChange());
    assertEquals(20, m.gasReferenceGwei());            // 0: congestion.base-gwei (20)
  }

  @Test
  void badValuesAreRefusedByKey() {
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"defences.margin.model=dynamic", "defences.margin.model"});
    cases.add(new String[] {"defences.margin.half-life=7", "defences.margin.half-life"});
    cases.add(new String[] {"defences.margin.max-factor=0.9", "defences.margin.max-factor"});
    cases.add(new String[] {"defences.margin.garch.beta=0.95", "defences.margin.garch.beta"});
    cases.add(new String[] {"defences.margin.forecast-horizon=172800",
        "defences.margin.forecast-horizon"});
    for (String[] c : cases) {
      List<String> sets = List.of("defences.margin.model=realized-volatility", c[0]);
      ConfigError e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(QUICKSTART,
          sets), c[0]);
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
    }
  }

  @Test
  void aMinimumThatWouldLiftAThresholdAbove1IsRefused() {
    // quickstart's LT is 0.92: LT / 0.9 > 1.
    ConfigError e = assertThrows(ConfigError.class, () -> ScenarioFactory.build(
        load("defences.margin.model=realized-volatility", "defences.margin.min-factor=0.9")));
    assertTrue(e.getMessage().contains("defences.margin (min-factor = 0.9")
        && e.getMessage().contains("0.92"), e.getMessage());
  }
}
