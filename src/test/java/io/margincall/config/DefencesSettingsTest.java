package io.margincall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.kernel.Scenario;
import io.margincall.protocol.CircuitBreakerRules;
import io.margincall.protocol.InsuranceRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code defences.circuit-breaker} and the insurance policy keys: read into the kernel's rules
 * in steps, refused with the key, the value and what is allowed, and, off (or at today's value),
 * leaving the config hash of existing scenarios as it was.
 */
class DefencesSettingsTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));
  private static final Path QUICKSTART = ROOT.resolve("conf/quickstart.conf");
  private static final String B = "defences.circuit-breaker.";

  private static ScenarioSettings load(String... sets) {
    return ScenarioSettings.load(QUICKSTART, List.of(sets));
  }

  private static String error(String... sets) {
    return assertThrows(ConfigError.class, () -> load(sets)).getMessage();
  }

  @Test
  void offOrAtTodaysValueTheHashIsUnchanged() {
    String base = load().configHash();
    assertEquals(base, load(B + "threshold=0.5", B + "pause=trading").configHash());
    assertEquals(base, load("insurance.fee-share=1", "insurance.backstop.capacity-usd=7",
        "insurance.socialization=pro-rata-haircut").configHash());
    assertNotEquals(base, load(B + "enabled=true").configHash());
    assertNotEquals(base, load("insurance.backstop.enabled=true").configHash());
    assertNotEquals(base, load("insurance.fee-share=0.5").configHash());
    Scenario off = ScenarioFactory.build(load());
    assertNull(off.circuitBreaker());
    assertEquals(InsuranceRules.Backstop.none(), off.insurance().backstop());
  }

  @Test
  void durationsBecomeSteps() {
    ScenarioSettings s = load("time.step=60", B + "enabled=true", B + "trigger=realized-volatility",
        B + "threshold=3", B + "window=1800", B + "cool-down=3600", B + "grace-period=14400",
        B + "pause=trading", "insurance.backstop.enabled=true",
        "insurance.backstop.capacity-usd=1000000", "insurance.backstop.delay=86400");
    Scenario scenario = ScenarioFactory.build(s);
    assertEquals(new CircuitBreakerRules(CircuitBreakerRules.Trigger.REALIZED_VOLATILITY, 30, 3,
        CircuitBreakerRules.Pause.TRADING, 60, 240, 60), scenario.circuitBreaker());
    assertEquals(new InsuranceRules.Backstop(1_000_000, 1440), scenario.insurance().backstop());
  }

  @Test
  void badValuesAreRefusedWithTheKeyAndWhatIsAllowed() {
    List<String> on = new ArrayList<>(List.of("time.step=60", B + "enabled=true"));
    String e = error(concat(on, B + "threshold=1.5"));
    assertTrue(e.contains(B + "threshold = 1.5: must be a relative price move in (0, 1)"), e);
    e = error(concat(on, B + "window=90"));
    assertTrue(e.contains(B + "window = 90: must be a multiple of time.step (60.0 s) while "
        + B + "enabled = true"), e);
    e = error(concat(on, B + "cool-down=0"));
    assertTrue(e.contains(B + "cool-down = 0: must be a number of seconds >= time.step"), e);
    e = error(concat(on, B + "trigger=gamma"));
    assertTrue(e.contains(B + "trigger = \"gamma\": must be one of price-move, realized-volatility"), e);
    e = error("insurance.socialization=lenders-last");
    assertTrue(e.contains("insurance.socialization = \"lenders-last\": must be one of pro-rata-haircut"), e);
    e = error("insurance.fee-share=2");
    assertTrue(e.contains("insurance.fee-share = 2: must be a fraction in [0, 1]"), e);
    e = error("time.step=60", "insurance.backstop.enabled=true", "insurance.backstop.delay=90");
    assertTrue(e.contains("insurance.backstop.delay = 90: must be a multiple of time.step"), e);
  }

  @Test
  void aBreakerIsRefusedForCrossMarginedBooks() {
    String e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(
        ROOT.resolve("conf/cross-margin.conf"), List.of(B + "enabled=true"))).getMessage();
    assertTrue(e.contains(B + "enabled = true: must be false with several assets"), e);
  }

  private static String[] concat(List<String> a, String b) {
    List<String> all = new ArrayList<>(a);
    all.add(b);
    return all.toArray(String[]::new);
  }
}
