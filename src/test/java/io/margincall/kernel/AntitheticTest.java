package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.ConfigError;
import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.MarketModel;
import io.margincall.model.price.MarketPath;
import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.SummaryFingerprint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Antithetic variates (sampling.antithetic): the second path of a pair walks its partner's
 * price normals negated, the pair is one sample for the standard errors, and the estimates agree
 * with plain Monte Carlo within error.
 */
class AntitheticTest {
  private static final Path QUICKSTART =
      Path.of(System.getProperty("margincall.basedir", "."), "conf", "quickstart.conf");

  @Test
  void theSecondPathOfAPairWalksTheNegatedShocks() {
    for (MarketModel model : List.of(
        MarketModel.of(GeometricBrownianMotion.of(0.1, 0.8, 60)),
        new MarketModel(GeometricBrownianMotion.of(0.1, 0.8, 60), 5, null, null, null))) {
      MarketPath plain = model.newPath();
      MarketPath mirrored = model.newPath();
      plain.reset(PathStreams.stream(3, 10, PathStreams.PRICE), null, null);
      mirrored.reset(PathStreams.stream(3, 10, PathStreams.PRICE), null, null, true);
      double drift = model.gbm().logDriftPerStep();
      double a = 0;
      double b = 0;
      for (int t = 0; t < 200; t++) {
        double na = plain.next(a);
        double nb = mirrored.next(b);
        assertEquals(na - a - drift, -(nb - b - drift), 1e-15, "step " + t);
        a = na;
        b = nb;
      }
    }
  }

  private static ScenarioSettings settings(boolean antithetic, long paths) {
    return ScenarioSettings.load(QUICKSTART, List.of("run.paths=" + paths, "time.step=60",
        "oracle.delay=1800", "sampling.antithetic=" + antithetic));
  }

  @Test
  void agreesWithPlainRunsAndReportsItsVarianceRatio() {
    long n = 4000;
    ScenarioSettings a = settings(true, n);
    ScenarioSettings p = settings(false, n);
    BadDebtSummary anti = PathBatch.simulateAll(ScenarioFactory.build(a), n).summarize(60);
    BadDebtSummary plain = PathBatch.simulateAll(ScenarioFactory.build(p), n).summarize(60);
    double se = Math.hypot(anti.meanBadDebtStdErr(), plain.meanBadDebtStdErr());
    assertTrue(Math.abs(anti.meanBadDebt() - plain.meanBadDebt()) <= 4 * se,
        anti.meanBadDebt() + " vs " + plain.meanBadDebt() + " (se " + se + ")");
    double pSe = Math.hypot(anti.badDebt().high() - anti.badDebt().low(),
        plain.badDebt().high() - plain.badDebt().low()) / (2 * 1.96);
    assertTrue(Math.abs(anti.badDebt().estimate() - plain.badDebt().estimate()) <= 4 * pSe);
    assertTrue(anti.badDebtVarianceRatio() > 0 && anti.badDebtVarianceRatio() < 2,
        "ratio " + anti.badDebtVarianceRatio());
    assertTrue(anti.pBadDebtVarianceRatio() > 0 && anti.pBadDebtVarianceRatio() < 2,
        "ratio " + anti.pBadDebtVarianceRatio());
    assertTrue(Double.isNaN(plain.badDebtVarianceRatio()));
  }

  @Test
  void aPairIsOneSampleForTheStandardError() {
    long n = 2000;
    Scenario scenario = ScenarioFactory.build(settings(true, n));
    // The pair means, by hand, from the kernel's outcomes.
    PathKernel kernel = PathKernel.of(scenario);
    io.margincall.protocol.PathOutcome o = new io.margincall.protocol.PathOutcome();
    double sum = 0;
    double squares = 0;
    for (long k = 0; k < n / 2; k++) {
      kernel.run(2 * k, o);
      double first = o.badDebt;
      kernel.run(2 * k + 1, o);
      double m = (first + o.badDebt) / 2;
      sum += m;
      squares += m * m;
    }
    double pairs = n / 2.0;
    double mean = sum / pairs;
    double expected = Math.sqrt((squares - pairs * mean * mean) / (pairs - 1) / pairs);
    BadDebtSummary s = PathBatch.simulateAll(scenario, n).summarize(60);
    assertEquals(expected, s.meanBadDebtStdErr(), 1e-9 * expected);
  }

  @Test
  void withNoEventThePairsBoundTheProbabilityByWilson() {
    long n = 1000;
    // A debt far below the collateral: no path liquidates in a day.
    ScenarioSettings s = ScenarioSettings.load(QUICKSTART, List.of("run.paths=" + n,
        "time.step=60", "sampling.antithetic=true", "price.gbm.volatility=0.01"));
    BadDebtSummary summary = PathBatch.simulateAll(ScenarioFactory.build(s), n).summarize(60);
    assertEquals(0, summary.pathsWithBadDebt());
    assertEquals(io.margincall.stats.WilsonInterval.of95(0, n / 2), summary.badDebt());
  }

  @Test
  void independentRunsKeepTheirBits() {
    long n = 300;
    ScenarioSettings off = settings(false, n);
    ScenarioSettings unset = ScenarioSettings.load(QUICKSTART, List.of("run.paths=" + n,
        "time.step=60", "oracle.delay=1800"));
    assertEquals(unset.configHash(), off.configHash());
    assertEquals(SummaryFingerprint.of(PathBatch.simulateAll(ScenarioFactory.build(unset), n)
            .summarize(60)),
        SummaryFingerprint.of(PathBatch.simulateAll(ScenarioFactory.build(off), n).summarize(60)));
  }

  @Test
  void refusedWhereItCannotWork() {
    ConfigError odd = assertThrows(ConfigError.class, () -> settings(true, 301));
    assertTrue(odd.getMessage().contains("sampling.antithetic"), odd.getMessage());
    ConfigError replay = assertThrows(ConfigError.class, () -> ScenarioSettings.load(
        Path.of(System.getProperty("margincall.basedir", "."), "conf",
            "replay-black-thursday.conf"), List.of("sampling.antithetic=true")));
    assertTrue(replay.getMessage().contains("no normal shocks to negate"), replay.getMessage());
  }
}
