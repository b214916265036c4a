package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The circuit breaker and the backstop on stochastic paths with every mechanism on: the kernel's
 * bulk settlement gives the same bits as visiting every eligible account (the breaker is
 * observed every step, so no shortcut passes a pause or an unpause by), and every path
 * conserves its loss: {@code bad debt = insurance draw + ADL covered + backstop covered +
 * socialized loss}, with the deficit split into backstop cover and socialized loss.
 */
class DefencesExactnessTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));
  private static final String BREAKER = "defences.circuit-breaker.";

  private static Scenario load(String conf, List<String> sets) {
    return ScenarioFactory.build(ScenarioSettings.load(ROOT.resolve(conf), sets));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "pause=liquidations,grace-period=600",
      "pause=trading,grace-period=0",
      "trigger=realized-volatility,threshold=2.5,window=1800,grace-period=1200",
  })
  void bulkSettlementWithABreakerGivesTheSameBitsAsVisitingEveryAccount(String sets) {
    List<String> all = new ArrayList<>(List.of("time.step=60", "time.horizon=86400",
        "accounts.generated.count=300", BREAKER + "enabled=true", BREAKER + "window=600",
        BREAKER + "threshold=0.015", BREAKER + "cool-down=1800"));
    for (String s : sets.split(",")) {
      all.add(BREAKER + s);
    }
    Scenario scenario = load("conf/bench/million-paths.conf", all);
    PathSimulator bulk = new PathSimulator(scenario, true);
    PathSimulator full = new PathSimulator(scenario, false);
    PathOutcome a = new PathOutcome();
    PathOutcome b = new PathOutcome();
    long held = 0;
    long pauses = 0;
    for (long path = 0; path < 150; path++) {
      bulk.run(path, a);
      full.run(path, b);
      BulkSkipTest.assertSameBits(b, a, "path " + path);
      for (OutcomeAmount x : OutcomeAmount.values()) {
        assertEquals(Double.doubleToRawLongBits(b.amountOf(x)),
            Double.doubleToRawLongBits(a.amountOf(x)), "path " + path + ", " + x);
      }
      held += a.countOf(OutcomeCount.PAUSED_BY_BREAKER);
      pauses += a.countOf(OutcomeCount.BREAKER_PAUSES);
    }
    assertTrue(pauses > 0 && held > 0, "the breaker should trip and hold: " + pauses + ", " + held);
    assertTrue(bulk.bulkSkipped() > 0, "the shortcut was never taken");
  }

  /**
   * Lending and perps together (fund, ADL, a perp fee share, slippage), with a breaker and a
   * backstop whose capacity and delay bind on some paths.
   */
  @ParameterizedTest(name = "[{index}] pause={0} adl={1}")
  @CsvSource({"liquidations, pnl", "trading, off"})
  void everyPathConservesItsLossWithEveryDefenceOn(String pause, String adlRanking) {
    double capacity = 2_000;
    Scenario scenario = load("conf/mixed-lending-perps.conf", List.of("time.step=60",
        "time.horizon=86400", "price.gbm.volatility=2.5", "insurance.balance=2000",
        "insurance.bonus-share=0.2", "insurance.fee-share=0.5",
        "insurance.backstop.enabled=true", "insurance.backstop.capacity-usd=" + capacity,
        "insurance.backstop.delay=3600", BREAKER + "enabled=true", BREAKER + "window=600",
        BREAKER + "threshold=0.035", BREAKER + "cool-down=1200", BREAKER + "grace-period=600",
        BREAKER + "pause=" + pause, "perps.adl=" + adlRanking));
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    int covered = 0;
    int socializedAfterBackstop = 0;
    int adl = 0;
    int paused = 0;
    for (long path = 0; path < 400; path++) {
      kernel.run(path, out);
      double tolerance = 1e-9 * Math.max(1, out.badDebt);
      double backstop = out.amountOf(OutcomeAmount.BACKSTOP_COVERED);
      double deficit = out.amountOf(OutcomeAmount.DEFICIT);
      String where = "path " + path;
      assertEquals(out.badDebt, out.insuranceDraw + out.amountOf(OutcomeAmount.ADL_COVERED)
          + backstop + out.socializedLoss, tolerance, where + ": bad debt = draw + ADL + backstop"
          + " + socialized");
      assertEquals(deficit, backstop + out.socializedLoss, tolerance, where + ": deficit");
      assertTrue(backstop <= capacity, where);
      double after = out.amountOf(OutcomeAmount.BAD_DEBT_AFTER_PAUSE);
      assertTrue(after <= out.badDebt + tolerance, where);
      assertTrue(out.amountOf(OutcomeAmount.BAD_DEBT_AT_RESUME) <= after + tolerance, where);
      covered += backstop > 0 ? 1 : 0;
      socializedAfterBackstop += backstop > 0 && out.socializedLoss > 0 ? 1 : 0;
      adl += out.amountOf(OutcomeAmount.ADL_COVERED) > 0 ? 1 : 0;
      paused += out.countOf(OutcomeCount.BREAKER_PAUSES) > 0 ? 1 : 0;
    }
    boolean adlOn = !"off".equals(adlRanking);
    assertTrue(covered > 0 && paused > 5 && (adlOn ? adl > 0 : socializedAfterBackstop > 0),
        "every branch should be reached: " + Arrays.toString(
            new int[] {covered, socializedAfterBackstop, adl, paused}));
  }
}
