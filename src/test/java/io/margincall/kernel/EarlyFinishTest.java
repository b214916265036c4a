package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.SummaryFingerprint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code statistics.oracle-gap = false} lets the stepping kernel finish a path early
 * ({@link EarlyFinish}): every outcome but the oracle-gap statistics must keep the bits of the
 * full walk, path by path and in the summary. The variants include mechanisms whose effect
 * outlives the last account's close (a backstop paying a delay later, Dutch auctions still
 * running after the vault is barked): finishing at the close there, before their effect is
 * written, gives other bits, so this test fails if a path stops too early. Each variant states
 * whether paths must finish early (else the comparison proves nothing) or must not (refused).
 */
class EarlyFinishTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));
  private static final String IDEAL = "conf/bench/ideal-case.conf";
  // Twenty loans whose triggers lie 4 % to 14 % below the start, closed whole (close factor 1).
  private static final String BOOK = "accounts.generated.count=20;"
      + "accounts.generated.leverage-min=6;accounts.generated.leverage-max=7.874015748031496";

  @ParameterizedTest(name = "[{index}] {1} {2}")
  @CsvSource(delimiter = '|', value = {
      IDEAL + "|as-is|true|400",
      IDEAL + "|sampling.antithetic=true|true|400",
      IDEAL + "|" + BOOK + "|true|400",
      IDEAL + "|" + BOOK + ";protocol.close-factor=0.5;protocol.bonus=0.05;protocol.dust=100;"
          + "protocol.liquidation-threshold=0.9;accounts.generated.leverage-min=4;"
          + "accounts.generated.leverage-max=7"
          + "|true|400",
      IDEAL + "|" + BOOK + ";insurance.balance=1000;insurance.backstop.enabled=true;"
          + "insurance.backstop.capacity-usd=1000000;insurance.backstop.delay=3600|true|400",
      IDEAL + "|" + BOOK + ";protocol.incentive.model=dutch-auction;"
          + "protocol.incentive.dutch-auction.hole-per-asset-usd=1000000;"
          + "liquidity.model=constant-product|true|400",
      IDEAL + "|price.jumps.intensity-per-day=4;price.jumps.log-std=0.05|true|400",
      IDEAL + "|sampling.importance.tilt=-0.02|false|100",
      IDEAL + "|oracle.deviation=0.005|false|100",
      "conf/quickstart.conf|time.horizon=21600|false|30",
      "conf/quickstart.conf|time.horizon=21600;oracle.deviation=0;oracle.heartbeat=0|false|30",
      "conf/perps-may-2021.conf|time.horizon=21600|false|30",
  })
  void everyOutcomeButTheOracleGapKeepsItsBits(String conf, String sets, boolean finishes,
                                                int paths) {
    Scenario full = scenario(conf, sets, true);
    Scenario early = scenario(conf, sets, false);
    PathSimulator walked = new PathSimulator(full);
    PathSimulator finished = new PathSimulator(early);
    PathOutcome a = new PathOutcome();
    PathOutcome b = new PathOutcome();
    int finishedEarly = 0;
    for (long path = 0; path < paths; path++) {
      walked.run(path, a);
      finished.run(path, b);
      assertEquals(full.steps(), walked.finishedAt());
      assertTrue(Double.isNaN(b.meanOracleGap) && Double.isNaN(b.minMarketToOracle));
      b.meanOracleGap = a.meanOracleGap;
      b.minMarketToOracle = a.minMarketToOracle;
      BulkSkipTest.assertSameBits(a, b, "path " + path);
      assertEquals(Double.doubleToRawLongBits(a.weight), Double.doubleToRawLongBits(b.weight));
      assertEquals(largestLoss(a), largestLoss(b), "path " + path);
      if (finished.finishedAt() < early.steps()) {
        finishedEarly++;
      }
    }
    if (finishes) {
      assertTrue(finishedEarly > 0, "no path finished early: the comparison proves nothing");
    } else {
      assertEquals(0, finishedEarly, "refused: " + EarlyFinish.refusal(early));
    }
    assertEquals(summary(full, paths), summary(early, paths));
  }

  /** The paths table's largest-loss columns, exactly. */
  private static List<Object> largestLoss(PathOutcome o) {
    var l = o.largestLoss;
    return List.of(l.kind(), l.account(), l.step(), Double.doubleToRawLongBits(l.loss()),
        Double.doubleToRawLongBits(l.liquidationPrice()),
        Double.doubleToRawLongBits(l.bankruptcyPrice()), Double.doubleToRawLongBits(l.mark()),
        Double.doubleToRawLongBits(l.market()));
  }

  /** The run's summary fingerprint without the oracle-gap statistics (NaN when off). */
  private static String summary(Scenario s, long paths) {
    return Arrays.stream(SummaryFingerprint.of(PathBatch.simulateAll(s, paths)
            .summarize(s.stepSeconds())).split("\n"))
        .filter(line -> !line.startsWith("meanOracleGap=")
            && !line.startsWith("meanWorstOracleGap="))
        .collect(Collectors.joining("\n"));
  }

  private static Scenario scenario(String conf, String sets, boolean oracleGap) {
    List<String> all = new ArrayList<>();
    if (!sets.equals("as-is")) {
      all.addAll(Arrays.asList(sets.split(";")));
    }
    all.add("statistics.oracle-gap=" + oracleGap);
    return ScenarioFactory.build(ScenarioSettings.load(ROOT.resolve(conf), all));
  }
}
