package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.SweepPlan;
import io.margincall.stats.PairedDifference;
import io.margincall.stats.SummaryFingerprint;
import io.margincall.stats.SweepAccumulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each mechanism, on common random numbers: its ideal setting reproduces the model without it
 * bit for bit, and making it worse never lowers P(bad debt) beyond Monte Carlo error.
 */
class MechanismDirectionTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));

  @TempDir
  Path dir;

  private SweepAccumulator sweep(String text, SweepPlan[] out) throws IOException {
    return io.margincall.sweep.QuickstartSweep.run(dir, text, out);
  }


  /**
   * Every mechanism written out at its ideal value (and a regime that never leaves calm, which
   * runs the regime code): the statistics of the committed golden summary (made before these
   * mechanisms existed), bit for bit.
   */
  @Test
  void idealSettingsReproduceTheGoldenSummary() throws IOException {
    String golden = Files.readString(ROOT.resolve("src/test/resources/golden/quickstart-2000.txt"),
        StandardCharsets.UTF_8);
    String expected = golden.substring(golden.indexOf('\n') + 1);
    SweepPlan[] plan = new SweepPlan[1];
    SweepAccumulator acc = sweep(String.join("\n",
        "run.paths = 2000", "time.step = 60",
        "price.innovations = normal", "price.volatility-model = constant",
        "price.jumps.intensity-per-day = 0",
        "price.regime { enabled = true, calm-to-stress-per-day = 0 }",
        "oracle.security-hold = 0", "oracle.twap-window = 0", "oracle.outages.rate-per-day = 0",
        "liquidity { model = infinite, permanent-impact = 0 }",
        "sweep.axes.price.regime.enabled = [true, false]", ""), plan);
    for (int p = 0; p < 2; p++) {
      assertEquals(expected, SummaryFingerprint.of(acc.point(p).summarize(60)), "point " + p);
    }
  }

  /**
   * P(bad debt) at the worse setting minus at the better one, path by path: it must not be
   * negative beyond 3 paired standard errors (one-sided; a false failure has probability
   * 0.13 % per case).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "oracle delay     | oracle.delay = [600, 1800]",
      "security hold    | oracle.security-hold = [0, 1800]",
      "thinner depth    | liquidity.depth-usd = [50000000, 2000000]",
      "permanent impact | liquidity.permanent-impact = [0, 0.5]",
      "outages          | oracle.outages.rate-per-day = [0, 24]",
      "higher gas       | congestion.base-gwei = [20, 400]",
  })
  void aWorseSettingNeverLowersBadDebt(String name, String axis) throws IOException {
    SweepPlan[] plan = new SweepPlan[1];
    SweepAccumulator acc = sweep(String.join("\n", "run.paths = 3000", "time.step = 60",
        "oracle.delay = 600", "liquidity.model = linear", "liquidity.depth-usd = 20000000",
        "congestion.enabled = true",
        "sweep.axes." + axis, ""), plan);
    PairedDifference d = acc.badDebtIndicatorDifference(1);
    double before = acc.point(0).summarize(60).badDebt().estimate();
    double after = acc.point(1).summarize(60).badDebt().estimate();
    assertTrue(d.mean() >= -3 * d.standardError(),
        name + ": P(bad debt) " + before + " -> " + after + ", paired s.e. " + d.standardError());
    assertTrue(before + after > 0, name + ": the case needs bad debt");
  }
}
