package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.CorrelatedAssets;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.CrossMarginBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.MarginRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import org.junit.jupiter.api.Test;

/** Several correlated assets and cross-margined accounts. */
class CrossMarginTest {

  private static Scenario scenario(double[] initial, double[] vol, double[] rho, double[] c,
                                   double[] d, double lt, LiquidationRules rules, int delay,
                                   double fund) {
    int k = initial.length;
    double dt = 60;
    double[] drift = new double[k];
    double[] sd = new double[k];
    String[] names = new String[k];
    for (int a = 0; a < k; a++) {
      GeometricBrownianMotion g = GeometricBrownianMotion.of(0, vol[a], dt);
      drift[a] = g.logDriftPerStep();
      sd[a] = g.logVolatilityPerStep();
      names[a] = "A" + a;
    }
    double[] lts = new double[d.length];
    java.util.Arrays.fill(lts, lt);
    CrossMarginBook book = new CrossMarginBook(new CorrelatedAssets(names, initial, drift, sd,
        CorrelatedAssets.cholesky(rho, k)), c, d, lts);
    double[] mainCollateral = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      mainCollateral[i] = c[i * k];
    }
    return Scenario.builder().seed(5).steps(1440).stepSeconds(dt).initialPrice(initial[0])
        .price(GeometricBrownianMotion.of(0, vol[0], dt)).oracle(new OracleRules(delay, 0, 0))
        .book(AccountBook.of(mainCollateral, d, lts)).liquidation(rules)
        .insurance(new InsuranceRules(fund, 0.1)).crossMargin(book).build();
  }

  /**
   * The terminal log prices of two assets over independent paths have the input correlation:
   * Fisher's z of the sample correlation has standard error 1 / sqrt(N - 3); tolerance 4 of them.
   */
  @Test
  void assetReturnsHaveTheInputCorrelation() {
    double rho = 0.7;
    Scenario s = scenario(new double[] {2000, 60000}, new double[] {0.8, 0.6},
        new double[] {1, rho, rho, 1}, new double[] {1, 0.01}, new double[] {10}, 0.8,
        LiquidationRules.ideal(), 0, 0);
    PathSimulator kernel = new PathSimulator(s);
    PathOutcome out = new PathOutcome();
    int n = 4000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int p = 0; p < n; p++) {
      kernel.run(p, out);
      x[p] = kernel.finalLogPrice(0);
      y[p] = kernel.finalLogPrice(1);
    }
    double r = correlation(x, y);
    double z = 0.5 * Math.log((1 + r) / (1 - r));
    double z0 = 0.5 * Math.log((1 + rho) / (1 - rho));
    assertEquals(z0, z, 4 / Math.sqrt(n - 3), "sample correlation " + r);
  }

  /** With one asset and ideal rules the full-scan index agrees with the trigger-ordered one. */
  @Test
  void oneAssetAgreesWithTheTriggerOrderedKernel() {
    oneAssetAgrees(null);
  }

  /**
   * The same under a dynamic margin: the full scan's health divided by m, the ordered index's
   * triggers shifted by ln m, and the capacity each says the factor takes.
   */
  @Test
  void oneAssetAgreesUnderADynamicMargin() {
    double perStep = 3.0 * 3.0 * 60 / GeometricBrownianMotion.SECONDS_PER_YEAR;
    oneAssetAgrees(new MarginRules(MarginRules.Model.REALIZED_VOLATILITY, perStep / 1.6, 30, 0.1,
        0.85, perStep, 60, 1.0, 1.05, 0.002, 1, 0, 10, 30, 0));
  }

  private static void oneAssetAgrees(MarginRules margin) {
    Scenario s = scenario(new double[] {2000}, new double[] {3.0}, new double[] {1},
        new double[] {1, 2, 0.5}, new double[] {1800, 3500, 850}, 0.95, LiquidationRules.ideal(),
        120, 0).toBuilder().margin(margin).build();
    PathSimulator cross = new PathSimulator(s);
    PathSimulator ordered = new PathSimulator(s.toBuilder().crossMargin(null).build());
    PathOutcome a = new PathOutcome();
    PathOutcome b = new PathOutcome();
    int withBadDebt = 0;
    long moves = 0;
    for (long p = 0; p < 2000; p++) {
      cross.run(p, a);
      ordered.run(p, b);
      assertEquals(b.countOf(OutcomeCount.LIQUIDATIONS), a.countOf(OutcomeCount.LIQUIDATIONS),
          "path " + p);
      assertEquals(b.countOf(OutcomeCount.STALE_ORACLE_LIQUIDATIONS),
          a.countOf(OutcomeCount.STALE_ORACLE_LIQUIDATIONS), "path " + p);
      assertEquals(b.firstLiquidationStep, a.firstLiquidationStep, "path " + p);
      assertEquals(b.oraclePosts, a.oraclePosts, "path " + p);
      assertEquals(b.badDebt, a.badDebt, 1e-9 * Math.max(1, b.badDebt), "path " + p);
      assertEquals(b.debtRepaid, a.debtRepaid, 1e-9 * Math.max(1, b.debtRepaid), "path " + p);
      assertEquals(b.horizonShortfall, a.horizonShortfall, 1e-9 * Math.max(1, b.horizonShortfall),
          "path " + p);
      assertEquals(b.meanOracleGap, a.meanOracleGap, 1e-9, "path " + p);
      // The correlated path's log prices may differ from the one-asset path's in the last bit.
      assertEquals(b.amountOf(OutcomeAmount.MARGIN_FACTOR), a.amountOf(OutcomeAmount.MARGIN_FACTOR),
          1e-12, "path " + p);
      double lost = b.amountOf(OutcomeAmount.MARGIN_CAPACITY_LOST);
      assertEquals(lost, a.amountOf(OutcomeAmount.MARGIN_CAPACITY_LOST), 1e-9 * Math.abs(lost),
          "path " + p);
      withBadDebt += a.badDebt > 0 ? 1 : 0;
      moves += a.countOf(OutcomeCount.MARGIN_UPDATES);
    }
    assertTrue(withBadDebt > 20, "the case needs bad debt: " + withBadDebt);
    assertEquals(margin != null, moves > 1000, moves + " margin moves");
  }

  /** Conservation on every path with two assets, partial liquidations and a bonus. */
  @Test
  void everyPathConservesDebtAndCollateral() {
    int accounts = 50;
    double[] c = new double[accounts * 2];
    double[] d = new double[accounts];
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < accounts; i++) {
      c[2 * i] = 1 + random.nextDouble() * 5;
      c[2 * i + 1] = random.nextDouble() * 0.1;
      double value = c[2 * i] * 2000 + c[2 * i + 1] * 60000;
      d[i] = value * (0.6 + 0.3 * random.nextDouble());
    }
    Scenario s = scenario(new double[] {2000, 60000}, new double[] {3.0, 2.5},
        new double[] {1, 0.5, 0.5, 1}, c, d, 0.95,
        new LiquidationRules(0.5, 0.08, 50, SeizePricing.MARKET), 120, 100_000);
    PathSimulator kernel = new PathSimulator(s);
    PathOutcome out = new PathOutcome();
    int bad = 0;
    long partial = 0;
    for (long p = 0; p < 400; p++) {
      kernel.run(p, out);
      assertTrue(out.countOf(OutcomeCount.LIQUIDATIONS_PARTIAL)
          <= out.countOf(OutcomeCount.LIQUIDATIONS), "path " + p);
      partial += out.countOf(OutcomeCount.LIQUIDATIONS_PARTIAL);
      assertEquals(out.badDebt, out.insuranceDraw + out.socializedLoss, 1e-9 * Math.max(1, out.badDebt));
      double debtGone = 0;
      for (int i = 0; i < accounts; i++) {
        for (int a = 0; a < 2; a++) {
          double after = kernel.collateralAfterPath(i, a);
          assertTrue(after >= 0 && after <= c[2 * i + a] * (1 + 1e-12), "path " + p + " account " + i);
        }
        debtGone += d[i] - kernel.debtAfterPath(i);
      }
      assertEquals(debtGone, out.debtRepaid + out.badDebt, 1e-9 * 1e7, "path " + p);
      bad += out.badDebt > 0 ? 1 : 0;
    }
    assertTrue(bad > 5, "the case needs bad debt: " + bad);
    assertTrue(partial > 0, "close factor 0.5 should leave accounts open");
  }

  @Test
  void aCorrelationMatrixThatIsNotPositiveSemiDefiniteIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CorrelatedAssets.cholesky(new double[] {1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1}, 3));
    assertTrue(e.getMessage().contains("not positive semi-definite"), e.getMessage());
    // Positive semi-definite but singular (perfect correlation) is accepted.
    double[] l = CorrelatedAssets.cholesky(new double[] {1, 1, 1, 1}, 2);
    assertEquals(0, l[3], 1e-12);
  }

  private static double correlation(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= y.length;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
