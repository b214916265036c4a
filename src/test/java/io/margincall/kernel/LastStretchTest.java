package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.protocol.PathOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sampling.crossing = last-stretch} against the full walk on the same paths. Up to step
 * n - d both draw the same normals, and the stretch is crossed only where no account can be
 * eligible in it, so every outcome but the horizon shortfall (and the oracle-gap statistics,
 * NaN) keeps its bits. The horizon shortfall is drawn from X_n = X_{n-d} + one normal instead of
 * d: given the path up to n - d both have the same conditional law, so the per-path difference D
 * of any function of it has mean 0; the test requires |mean D| <= 4 sd(D) / sqrt(N) (a false
 * alarm with probability 6e-5) for the shortfall, its indicator and the shortfall capped at its
 * median among nonzero paths, and that the difference is not identically 0 (else the stretch
 * proved nothing). A stretch that also skipped a step that can trigger would change the other
 * fields' bits and fail the first check.
 */
class LastStretchTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));

  @ParameterizedTest
  @ValueSource(strings = {
      "as-is",
      // Twenty loans closed whole or half, a shortfall more often: a 2-hour delay.
      "accounts.generated.count=20;accounts.generated.leverage-min=6;oracle.delay=7200;"
          + "accounts.generated.leverage-max=7.874015748031496;protocol.close-factor=0.5",
  })
  void theLastStretchInOneDrawHasTheFullWalksDistribution(String sets) {
    Scenario full = scenario(sets, "steps");
    Scenario stretch = scenario(sets, "last-stretch");
    PathSimulator walked = new PathSimulator(full);
    PathSimulator crossed = new PathSimulator(stretch);
    PathOutcome a = new PathOutcome();
    PathOutcome b = new PathOutcome();
    int paths = 40_000;
    double[][] d = new double[3][paths];
    int stretched = 0;
    for (long path = 0; path < paths; path++) {
      walked.run(path, a);
      crossed.run(path, b);
      assertTrue(Double.isNaN(b.meanOracleGap) && Double.isNaN(b.minMarketToOracle));
      double x = a.horizonShortfall;
      double y = b.horizonShortfall;
      b.meanOracleGap = a.meanOracleGap;
      b.minMarketToOracle = a.minMarketToOracle;
      b.horizonShortfall = a.horizonShortfall;
      BulkSkipTest.assertSameBits(a, b, "path " + path);
      int k = (int) path;
      d[0][k] = y - x;
      d[1][k] = (y > 0 ? 1 : 0) - (x > 0 ? 1 : 0);
      d[2][k] = Math.min(y, 1000) - Math.min(x, 1000);
      if (crossed.finishedAt() == stretch.steps() - stretch.oracle().delaySteps()) {
        stretched++;
      }
    }
    assertTrue(stretched > paths / 2, "stretched paths: " + stretched);
    for (int m = 0; m < 3; m++) {
      double mean = Arrays.stream(d[m]).average().orElseThrow();
      double var = Arrays.stream(d[m]).map(v -> (v - mean) * (v - mean)).sum() / (paths - 1);
      double se = Math.sqrt(var / paths);
      assertTrue(var > 0, "statistic " + m + ": the stretch changed no shortfall");
      assertTrue(Math.abs(mean) <= 4 * se,
          "statistic " + m + ": mean difference " + mean + " vs 4 se " + 4 * se);
    }
    assertEquals(full.steps(), walked.finishedAt());
  }

  private static Scenario scenario(String sets, String crossing) {
    List<String> all = new ArrayList<>();
    if (!sets.equals("as-is")) {
      all.addAll(Arrays.asList(sets.split(";")));
    }
    all.add("sampling.crossing=" + crossing);
    return ScenarioFactory.build(
        ScenarioSettings.load(ROOT.resolve("conf/bench/ideal-case.conf"), all));
  }
}
