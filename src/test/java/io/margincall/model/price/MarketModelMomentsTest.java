package io.margincall.model.price;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.kernel.PathStreams;
import org.junit.jupiter.api.Test;

/**
 * The market mechanisms against their formulas. Each test runs many steps of one long path (or
 * many paths) and compares sample moments with closed forms; tolerances are 4 standard errors
 * of the sample statistic, each derived in the test.
 */
class MarketModelMomentsTest {
  private static final double DT = 60;

  private static double[] returns(MarketModel model, int paths, int steps) {
    double[] r = new double[paths * steps];
    MarketPath path = model.newPath();
    int k = 0;
    for (int p = 0; p < paths; p++) {
      path.reset(PathStreams.stream(11, p, PathStreams.PRICE),
          model.jumps() == null ? null : PathStreams.stream(11, p, PathStreams.JUMPS),
          model.regime() == null ? null : PathStreams.stream(11, p, PathStreams.REGIME));
      double x = 0;
      for (int t = 0; t < steps; t++) {
        double next = path.next(x);
        r[k++] = next - x;
        x = next;
      }
    }
    return r;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double central(double[] x, double m, int power) {
    double s = 0;
    for (double v : x) {
      s += Math.pow(v - m, power);
    }
    return s / x.length;
  }

  /**
   * Merton: per step, mean {@code (mu - sigma^2/2) dt} (compensated jumps add -lambda k dt +
   * lambda dt mu_J) and variance {@code sigma^2 dt + lambda dt (mu_J^2 + s_J^2)}. The sample
   * variance's standard error is sqrt((m4 - v^2) / n), m4 estimated from the sample.
   */
  @Test
  void jumpMomentsMatchTheCompoundPoissonFormulas() {
    GeometricBrownianMotion gbm = GeometricBrownianMotion.of(0, 0.8, DT);
    MarketModel.Jumps jumps = new MarketModel.Jumps(48, -0.01, 0.02, DT);  // two an hour
    double[] r = returns(new MarketModel(gbm, 0, null, null, jumps), 20, 20_000);
    double lambdaDt = jumps.perStep();
    double expectedMean = gbm.logDriftPerStep() - jumps.compensation() + lambdaDt * jumps.logMean();
    double expectedVar = gbm.logVolatilityPerStep() * gbm.logVolatilityPerStep()
        + lambdaDt * (jumps.logMean() * jumps.logMean() + jumps.logStd() * jumps.logStd());
    double m = mean(r);
    double v = central(r, m, 2);
    double n = r.length;
    assertEquals(expectedMean, m, 4 * Math.sqrt(v / n), "mean");
    assertEquals(expectedVar, v, 4 * Math.sqrt((central(r, m, 4) - v * v) / n), "variance");
    // The compensation, checked independently of its formula: E[exp(r)] = exp(mu dt) = 1.
    double[] growth = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      growth[i] = Math.exp(r[i]);
    }
    double g = mean(growth);
    assertEquals(1.0, g, 4 * Math.sqrt(central(growth, g, 2) / n), "E[exp(r)]");
  }

  /**
   * Student-t shocks scaled to unit variance: the step's variance is sigma^2 dt, and the excess
   * kurtosis is 6 / (nu - 4) (nu = 10: 1). The standard error of the sample fourth moment needs
   * a finite eighth moment, which t_nu has for nu > 8: the test uses nu = 10 and
   * sqrt((m8 - m4^2) / n).
   */
  @Test
  void studentTShocksHaveUnitVarianceAndTheirKurtosis() {
    GeometricBrownianMotion gbm = GeometricBrownianMotion.of(0, 0.8, DT);
    double[] r = returns(new MarketModel(gbm, 10, null, null, null), 20, 50_000);
    double s2 = gbm.logVolatilityPerStep() * gbm.logVolatilityPerStep();
    double m = mean(r);
    double v = central(r, m, 2);
    double m4 = central(r, m, 4);
    double n = r.length;
    assertEquals(s2, v, 4 * Math.sqrt((m4 - v * v) / n), "variance");
    double expectedM4 = (3 + 6.0 / (10 - 4)) * s2 * s2;
    double m8 = central(r, m, 8);
    assertEquals(expectedM4, m4, 4 * Math.sqrt((m8 - m4 * m4) / n), "fourth moment");
  }

  /**
   * GARCH(1,1): the unconditional per-step variance is omega / (1 - alpha - beta). Returns are
   * autocorrelated in square, so the standard error of the sample variance is inflated: the test
   * averages over 200 independent paths and uses the spread of the per-path variances.
   */
  @Test
  void garchUnconditionalVarianceMatchesItsFormula() {
    GeometricBrownianMotion gbm = GeometricBrownianMotion.of(0, 0.8, DT);
    MarketModel.Garch garch = MarketModel.Garch.targeting(0.8, DT, 0.08, 0.9);
    MarketModel model = new MarketModel(gbm, 0, garch, null, null);
    int paths = 200;
    int steps = 5_000;
    double[] perPath = new double[paths];
    MarketPath path = model.newPath();
    for (int p = 0; p < paths; p++) {
      path.reset(PathStreams.stream(13, p, PathStreams.PRICE), null, null);
      double x = 0;
      double sum = 0;
      double sumSq = 0;
      for (int t = 0; t < steps; t++) {
        double next = path.next(x);
        double ret = next - x;
        sum += ret;
        sumSq += ret * ret;
        x = next;
      }
      double m = sum / steps;
      perPath[p] = sumSq / steps - m * m;
    }
    double mean = mean(perPath);
    double se = Math.sqrt(central(perPath, mean, 2) / paths);
    assertEquals(garch.unconditionalVariance(), mean, 4 * se);
  }

  /**
   * The regime's share of time in stress converges to p_cs / (p_cs + p_sc); the volatility in
   * each state is checked through the overall variance: (1 - pi) s^2 + pi m^2 s^2. Paths are
   * long compared with the mean stay (1/p_sc steps), and independent, so the standard error is
   * the spread of per-path shares over sqrt(paths).
   */
  @Test
  void regimeTimeInStressMatchesTheStationaryDistribution() {
    GeometricBrownianMotion gbm = GeometricBrownianMotion.of(0, 0.8, DT);
    MarketModel.Regime regime = new MarketModel.Regime(2, 6, 3, DT);
    MarketModel model = new MarketModel(gbm, 0, null, regime, null);
    int paths = 200;
    int steps = 20_000;
    double[] share = new double[paths];
    double[] variance = new double[paths];
    MarketPath path = model.newPath();
    for (int p = 0; p < paths; p++) {
      path.reset(PathStreams.stream(17, p, PathStreams.PRICE), null,
          PathStreams.stream(17, p, PathStreams.REGIME));
      double x = 0;
      int stress = 0;
      double sumSq = 0;
      for (int t = 0; t < steps; t++) {
        double next = path.next(x);
        stress += path.regime();
        sumSq += (next - x) * (next - x);
        x = next;
      }
      share[p] = stress / (double) steps;
      variance[p] = sumSq / steps;
    }
    double pi = regime.stationaryStress();
    double meanShare = mean(share);
    assertEquals(pi, meanShare, 4 * Math.sqrt(central(share, meanShare, 2) / paths), "share");
    double s2 = gbm.logVolatilityPerStep() * gbm.logVolatilityPerStep();
    double expectedVar = (1 - pi) * s2 + pi * 9 * s2;
    double meanVar = mean(variance);
    assertEquals(expectedVar, meanVar, 4 * Math.sqrt(central(variance, meanVar, 2) / paths),
        "variance");
  }

  /**
   * GARCH with a stress regime stays bounded: the recursion follows GARCH's own shock, so in
   * stress the variance does not grow by alpha m^2 + beta > 1 per step. One day of 12-second
   * steps with the default keys (alpha 0.08, beta 0.9, m = 3) on 200 paths: every path ends
   * finite and within 10 log units of its start.
   */
  @Test
  void garchWithAStressRegimeStaysBounded() {
    double dt = 12;
    GeometricBrownianMotion gbm = GeometricBrownianMotion.of(0, 0.8, dt);
    MarketModel model = new MarketModel(gbm, 0, MarketModel.Garch.targeting(0.8, dt, 0.08, 0.9),
        new MarketModel.Regime(2, 2, 3, dt), null);
    MarketPath path = model.newPath();
    for (int p = 0; p < 200; p++) {
      path.reset(PathStreams.stream(23, p, PathStreams.PRICE), null,
          PathStreams.stream(23, p, PathStreams.REGIME));
      double x = 0;
      for (int t = 0; t < 7200; t++) {
        x = path.next(x);
      }
      assertTrue(Double.isFinite(x) && Math.abs(x) < 10, "path " + p + " ended at " + x);
    }
  }

  /** The regime still switches when the market is a bootstrapped series: it drives liquidity and gas. */
  @Test
  void theRegimeSwitchesUnderABootstrap() {
    HistoricalReturns h = new HistoricalReturns("test", new double[] {0.01, -0.01, 0.002}, false, 2);
    MarketModel model = new MarketModel(GeometricBrownianMotion.of(0, 0.8, DT), 0, null,
        new MarketModel.Regime(1000, 1, 3, DT), null, h);
    MarketPath path = model.newPath();
    path.reset(PathStreams.stream(1, 0, PathStreams.PRICE), null,
        PathStreams.stream(1, 0, PathStreams.REGIME));
    int stress = 0;
    double x = 0;
    for (int t = 0; t < 1000; t++) {
      x = path.next(x);
      stress += path.regime();
    }
    assertTrue(stress > 500, "steps in stress: " + stress);
  }

  /** A regime that never leaves calm is plain GBM, bit for bit. */
  @Test
  void aRegimeThatStaysCalmIsExactlyGbm() {
    GeometricBrownianMotion gbm = GeometricBrownianMotion.of(0.1, 0.8, DT);
    double[] plain = returns(MarketModel.of(gbm), 3, 2000);
    double[] calm = returns(new MarketModel(gbm, 0, null, new MarketModel.Regime(0, 1, 3, DT),
        null), 3, 2000);
    for (int i = 0; i < plain.length; i++) {
      assertEquals(Double.doubleToRawLongBits(plain[i]), Double.doubleToRawLongBits(calm[i]), "step " + i);
    }
  }
}
