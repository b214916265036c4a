package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.ConfigError;
import io.margincall.config.ScenarioSettings;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.ImportanceTilt;
import io.margincall.model.price.MarketModel;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.BadDebtAccumulator;
import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.TailRisk;
import io.margincall.stats.OutcomeCount;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
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
    return estimate(TestScenarios.singleAccount(101, SIGMA, DT, STEPS, S0, 1.0, trigger * 0.8,
        0.8, new OracleRules(0, 0, 0)).toBuilder().importanceTilt(tilt).build(), paths);
  }

  /** The weighted P(liquidation) of {@code paths} paths of a scenario, by hand and accumulated. */
  private static Estimate estimate(Scenario scenario, int paths) {
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
    // Wall time: a tilted path takes the general step (not the plain-GBM fast path) and sums
    // its shocks. Cost per path of each, after a warm-up, on the same kernel loop.
    double plainNanos = nanosPerPath(sds, 0, 100_000);
    double tiltedNanos = nanosPerPath(sds, barrier(sds) / (STEPS * STEP_SD), 100_000);
    double wallFactor = factor * plainNanos / tiltedNanos;
    System.out.printf("wall time per path: plain %.0f ns, tilted %.0f ns; wall-time factor (same"
        + " relative error) %.1f%n", plainNanos, tiltedNanos, wallFactor);
    assertTrue(wallFactor > 20, "wall-time factor " + wallFactor);
  }

  /** Wall nanoseconds per path of the kernel and accumulator, the best of three rounds. */
  private static double nanosPerPath(double sds, double tilt, int paths) {
    double trigger = S0 * Math.exp(barrier(sds));
    Scenario scenario = TestScenarios.singleAccount(101, SIGMA, DT, STEPS, S0, 1.0, trigger * 0.8,
        0.8, new OracleRules(0, 0, 0)).toBuilder().importanceTilt(tilt).build();
    double best = Double.POSITIVE_INFINITY;
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      PathBatch.simulateAll(scenario, paths).summarize(DT);
      best = Math.min(best, (System.nanoTime() - start) / (double) paths);
    }
    return best;
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
        List.of("quickstart.conf", key + "=-0.1|sampling.antithetic=true", "one variance reduction"),
        List.of("quickstart.conf", key + "=11", "[-10, 10]"),
        List.of("quickstart.conf", key + "=sometimes", "or auto"),
        List.of("replay-black-thursday.conf", key + "=auto", "a historical return has no density"),
        List.of("quickstart.conf", "sampling.importance.jump-intensity-factor=3",
            "no jumps to tilt"),
        List.of("quickstart.conf", "sampling.importance.jump-log-mean-shift=-0.1"
            + "|price.jumps.intensity-per-day=1|price.jumps.log-std=0", "no density to tilt"))) {
      ConfigError e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(
          CONF.resolve(c.get(0)), List.of(c.get(1).split("\\|"))));
      String named = c.get(1).substring(0, c.get(1).indexOf('='));
      assertTrue(e.getMessage().contains(named) && e.getMessage().contains(c.get(2)), e.getMessage());
    }
  }

  /** One step of a day: the closed forms below hold for the one-step law of ln(P_1 / S0). */
  private static final double DAY = 86_400;

  /** The weighted P(liquidation) of one one-step account, its s.e. and its unweighted share. */
  private static Estimate oneStep(MarketModel market, double barrier, ImportanceTilt tilt,
                                  int paths) {
    double trigger = S0 * Math.exp(barrier);
    Scenario scenario = Scenario.builder().seed(77).steps(1).stepSeconds(DAY).initialPrice(S0)
        .market(market).oracle(new OracleRules(0, 0, 0))
        .book(AccountBook.of(new double[] {1.0}, new double[] {trigger * 0.8},
            new double[] {0.8}))
        .liquidation(LiquidationRules.ideal()).insurance(InsuranceRules.none())
        .tilt(tilt).build();
    return estimate(scenario, paths);
  }

  /** Plain Monte Carlo's relative variance over the weighted estimate's, at equal paths. */
  private static double factor(Estimate e, double truth, int paths) {
    return ((1 - truth) / (paths * truth)) / ((e.se() / e.p()) * (e.se() / e.p()));
  }

  /**
   * Student-t shocks (4 degrees of freedom), t = Z / sqrt(V / nu) drawn as a normal over an
   * independent chi-square: tilting Z alone has the exact ratio exp(-theta z + theta^2 / 2).
   * One step: P(liquidation) = F_t((b - drift) / (sd sqrt((nu - 2) / nu))), about 1e-4.
   */
  @Test
  void studentTShocksAreTiltedThroughTheirNormalPart() {
    double dof = 4;
    GeometricBrownianMotion gbm = GeometricBrownianMotion.of(0.0, SIGMA, DAY);
    MarketModel market = new MarketModel(gbm, dof, null, null, null);
    double scale = gbm.logVolatilityPerStep() * Math.sqrt((dof - 2) / dof);
    TDistribution t = new TDistribution(dof);
    double barrier = gbm.logDriftPerStep() + scale * t.inverseCumulativeProbability(1e-4);
    double truth = t.cumulativeProbability((barrier - gbm.logDriftPerStep()) / scale);
    int paths = 20_000;
    Estimate e = oneStep(market, barrier, ImportanceTilt.ofDrift(-3), paths);
    System.out.printf("Student-t, P = %.4e +- %.1e (exact %.4e); unweighted %.4f; variance"
        + " reduction %.1f%n", e.p(), e.se(), truth, e.unweighted(), factor(e, truth, paths));
    assertEquals(truth, e.p(), 4 * e.se());
    assertTrue(Math.abs(e.unweighted() - truth) > 100 * e.se(), "unweighted " + e.unweighted());
    assertTrue(factor(e, truth, paths) > 5, "variance reduction " + factor(e, truth, paths));
  }

  /**
   * Merton jumps (0.1 a day, log-jumps N(-0.1, 0.05^2)) tilted to 20 times the intensity and
   * log mean -0.15, alone and with the shocks' drift tilt: the weighted P(a 35 % log fall in a
   * day) against the Poisson mixture of normals, sum_n Poisson(n) Phi((b - drift + comp - n m)
   * / sqrt(sd^2 + n s^2)), about 1.5e-4.
   */
  @Test
  void jumpIntensityAndLogMeanAreTiltedWithTheirExactRatio() {
    GeometricBrownianMotion gbm = GeometricBrownianMotion.of(0.0, 0.5, DAY);
    MarketModel.Jumps jumps = new MarketModel.Jumps(0.1, -0.1, 0.05, DAY);
    MarketModel market = new MarketModel(gbm, 0, null, null, jumps);
    double barrier = -0.35;
    NormalDistribution phi = new NormalDistribution(0, 1);
    double lambda = jumps.perStep();
    double truth = 0;
    double poisson = Math.exp(-lambda);
    double sd = gbm.logVolatilityPerStep();
    for (int n = 0; n < 30; n++) {
      truth += poisson * phi.cumulativeProbability((barrier - gbm.logDriftPerStep()
          + jumps.compensation() - n * jumps.logMean()) / Math.sqrt(sd * sd + n * 0.05 * 0.05));
      poisson *= lambda / (n + 1);
    }
    int paths = 20_000;
    for (ImportanceTilt tilt : List.of(new ImportanceTilt(0, 20, -0.05),
        new ImportanceTilt(-1, 20, -0.05))) {
      Estimate e = oneStep(market, barrier, tilt, paths);
      System.out.printf("jumps tilted %s: P = %.4e +- %.1e (exact %.4e); unweighted %.4f;"
          + " variance reduction %.1f%n", tilt, e.p(), e.se(), truth, e.unweighted(),
          factor(e, truth, paths));
      assertEquals(truth, e.p(), 4 * e.se(), tilt.toString());
      assertTrue(Math.abs(e.unweighted() - truth) > 100 * e.se(), "unweighted " + e.unweighted());
      assertTrue(factor(e, truth, paths) > 20, "variance reduction " + factor(e, truth, paths));
    }
  }

  /**
   * sampling.importance.tilt = auto: the cross-entropy pilot (2,000 paths an iteration) finds a
   * tilt for the 3.9-standard-deviation barrier (P = 7e-5; liquidation threshold 1, so that a
   * liquidation is bad debt, the pilot's event) near b / (n s) = -0.80, and the run at that tilt
   * agrees with the exact probability and needs > 20 times fewer paths than plain.
   */
  @Test
  void theCrossEntropyPilotFindsTheTilt() {
    double sds = 3.9;
    double trigger = S0 * Math.exp(barrier(sds));
    Scenario scenario = TestScenarios.singleAccount(101, SIGMA, DT, STEPS, S0, 1.0, trigger, 1.0,
        new OracleRules(0, 0, 0));
    CrossEntropyTilt.Choice c = CrossEntropyTilt.choose(scenario, 2000);
    System.out.printf("cross-entropy pilot: %s%n", c);
    assertTrue(c.reached(), c.toString());
    assertTrue(c.tilt() < -0.5 && c.tilt() > -1.2, c.toString());
    assertEquals(c, CrossEntropyTilt.choose(scenario, 2000), "the same config chooses the same");
    int paths = 20_000;
    BadDebtSummary s = PathBatch.simulateAll(scenario.toBuilder().importanceTilt(c.tilt())
        .build(), paths).summarize(DT);
    double p = s.badDebt().estimate();
    double se = (s.badDebt().high() - s.badDebt().low()) / (2 * TailRisk.Z95);
    double expected = exact(sds);
    double factor = ((1 - expected) / (paths * expected)) / ((se / p) * (se / p));
    System.out.printf("auto tilt %.4f: P(bad debt) = %.4e +- %.1e (exact %.4e); variance"
        + " reduction %.1f%n", c.tilt(), p, se, expected, factor);
    assertEquals(expected, p, 4 * se);
    assertTrue(factor > 20, "variance reduction " + factor);
  }
}
