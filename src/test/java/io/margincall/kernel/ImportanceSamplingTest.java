package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.ConfigError;
import io.margincall.config.ScenarioSettings;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.BadDebtAccumulator;
import io.margincall.stats.OutcomeCount;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Importance sampling (sampling.importance.tilt): every normal price shock drawn with mean
 * theta, each path weighted by the likelihood ratio of its draws. Checked against the exact
 * discrete barrier probability of {@link BarrierHittingTest} on its 24-step grid (sigma 0.8,
 * dt 1 h), with the weighted standard error {@code sd(w 1{liquidated}) / sqrt(N)}.
 */
class ImportanceSamplingTest {
  private static final Path CONF = Path.of(System.getProperty("margincall.basedir", "."), "conf");
  private static final double SIGMA = 0.8;
  private static final double DT = 3600;
  private static final int STEPS = 24;
  private static final double S0 = 2000;
  private static final double STEP_SD = SIGMA * Math.sqrt(DT / GeometricBrownianMotion.SECONDS_PER_YEAR);

  /** The weighted P(liquidation) of a one-account ideal case and its moments. */
  private record Estimate(double p, double se, double unweighted, double accumulatorP) {}

  /** The barrier {@code sds} horizon standard deviations below the start. */
  private static double barrier(double sds) {
    return -sds * STEP_SD * Math.sqrt(STEPS);
  }

  private static Estimate run(double sds, double tilt, int paths) {
    double trigger = S0 * Math.exp(barrier(sds));
    Scenario scenario = TestScenarios.singleAccount(101, SIGMA, DT, STEPS, S0, 1.0, trigger * 0.8,
        0.8, new OracleRules(0, 0, 0)).toBuilder().importanceTilt(tilt).build();
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    BadDebtAccumulator acc = new BadDebtAccumulator(paths);
    double sum = 0;
    double sumSquares = 0;
    long hits = 0;
    for (long path = 0; path < paths; path++) {
      kernel.run(path, out);
      acc.add(out);
      if (out.countOf(OutcomeCount.LIQUIDATIONS) > 0) {
        sum += out.weight();
        sumSquares += out.weight() * out.weight();
        hits++;
      }
    }
    double p = sum / paths;
    double se = Math.sqrt((sumSquares / paths - p * p) / (paths - 1));
    return new Estimate(p, se, hits / (double) paths, acc.summarize(DT).liquidated().estimate());
  }

  private static double exact(double sds) {
    return BarrierHittingTest.discreteHit(barrier(sds), -0.5 * STEP_SD * STEP_SD, STEP_SD, STEPS);
  }

  @Test
  void theWeightedEstimateIsTheBarrierProbability() {
    double sds = 3;
    double expected = exact(sds);  // ~0.002
    // The tilt that centres the walk on the barrier at the horizon.
    Estimate e = run(sds, barrier(sds) / (STEPS * STEP_SD), 20_000);
    System.out.printf("importance sampling, P = %.4e +- %.1e (exact %.4e); unweighted %.4f%n",
        e.p(), e.se(), expected, e.unweighted());
    assertEquals(expected, e.p(), 4 * e.se(),
        "exact " + expected + ", weighted " + e.p() + ", se " + e.se());
    // The statistics weight the paths the same way.
    assertEquals(e.p(), e.accumulatorP(), 1e-12 * e.p());
    // Unweighted, the tilted paths hit far more often: without the weight the test would fail.
    assertTrue(Math.abs(e.unweighted() - expected) > 100 * e.se(), "unweighted " + e.unweighted());
  }

  /**
   * A rare case, P ~ 1e-4: at equal paths, the relative variance of plain Monte Carlo,
   * (1 - p) / (N p) (exact, a Bernoulli mean), against the weighted estimate's measured one.
   */
  @Test
  void aRareCaseNeedsFarFewerPaths() {
    double sds = 3.9;
    double expected = exact(sds);
    int paths = 20_000;
    Estimate e = run(sds, barrier(sds) / (STEPS * STEP_SD), paths);
    assertEquals(expected, e.p(), 4 * e.se(), "exact " + expected + ", weighted " + e.p());
    double plainRelVar = (1 - expected) / (paths * expected);
    double isRelVar = (e.se() / e.p()) * (e.se() / e.p());
    double factor = plainRelVar / isRelVar;
    System.out.printf("importance sampling, P = %.3e (exact %.3e): relative se %.4f against"
        + " plain %.4f at %d paths; variance-reduction factor %.1f%n", e.p(), expected,
        Math.sqrt(isRelVar), Math.sqrt(plainRelVar), paths, factor);
    assertTrue(expected > 3e-5 && expected < 3e-4, "a rare case: " + expected);
    assertTrue(factor > 20, "variance-reduction factor " + factor);
  }

  @Test
  void offKeepsTheHashAndTheWeights() {
    Path quickstart = CONF.resolve("quickstart.conf");
    ScenarioSettings off = ScenarioSettings.load(quickstart, List.of("sampling.importance.tilt=0"));
    ScenarioSettings unset = ScenarioSettings.load(quickstart, List.of());
    assertEquals(unset.configHash(), off.configHash());
    ScenarioSettings on = ScenarioSettings.load(quickstart, List.of("sampling.importance.tilt=-0.1"));
    assertNotEquals(unset.configHash(), on.configHash());
    Estimate plain = run(3, 0, 200);
    assertEquals(plain.unweighted(), plain.p());
  }

  @Test
  void refusedWhereThereIsNoNormalShockToTilt() {
    String key = "sampling.importance.tilt";
    for (var c : List.of(
        List.of("replay-black-thursday.conf", key + "=-0.1", "a historical return has no density"),
        List.of("quickstart.conf", key + "=-0.1|price.innovations=student-t", "only normal shocks"),
        List.of("quickstart.conf", key + "=-0.1|sampling.antithetic=true", "one variance reduction"),
        List.of("quickstart.conf", key + "=11", "[-10, 10]"))) {
      ConfigError e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(
          CONF.resolve(c.get(0)), List.of(c.get(1).split("\\|"))));
      assertTrue(e.getMessage().contains(key) && e.getMessage().contains(c.get(2)), e.getMessage());
    }
  }
}
