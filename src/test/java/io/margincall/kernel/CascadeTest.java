package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.liquidity.LinearDepth;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.OutcomeCount;
import io.margincall.stats.PairedDifference;
import org.junit.jupiter.api.Test;

/**
 * Liquidation cascades: a crowded book whose sales, through permanent price impact, push the
 * market through the next accounts' triggers makes more bad debt than the same book without
 * permanent impact, on the same paths; and the per-path conservation laws still hold.
 */
class CascadeTest {

  private static Scenario scenario(double permanentImpact) {
    double s0 = 2000;
    int n = 400;
    double[] c = new double[n];
    double[] d = new double[n];
    double[] lt = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = 100;  // 200,000 USD each: 80 M of collateral against 20 M of depth
      lt[i] = 0.9;
      // Triggers packed from 2 % to 12 % below the start: one sale reaches the next trigger.
      double trigger = s0 * (0.98 - 0.10 * i / n);
      d[i] = c[i] * trigger * lt[i];
    }
    return Scenario.builder().seed(21).steps(1440).stepSeconds(60).initialPrice(s0)
        .price(GeometricBrownianMotion.of(0, 0.8, 60)).oracle(new OracleRules(5, 0, 0))
        .book(AccountBook.of(c, d, lt))
        .liquidation(new LiquidationRules(0.5, 0.05, 100, SeizePricing.MARKET))
        .insurance(new InsuranceRules(1_000_000, 0)).depth(new LinearDepth(20_000_000, 1))
        .permanentImpact(permanentImpact).build();
  }

  /**
   * Without a liquidation bonus and with slippage, no liquidator profits, so none acts: the
   * protocol must still close accounts that become insolvent, realising their bad debt (SPEC 7:
   * no debt may be left that never becomes bad debt), and conservation must hold.
   */
  @Test
  void insolventAccountsNoLiquidatorTakesAreClosedByTheProtocol() {
    Scenario base = scenario(0);
    Scenario noBonus = base.toBuilder()
        .liquidation(new LiquidationRules(0.5, 0, 100, SeizePricing.MARKET)).permanentImpact(0).build();
    PathSimulator kernel = new PathSimulator(noBonus);
    PathOutcome out = new PathOutcome();
    long closeOuts = 0;
    double shortfall = 0;
    for (long path = 0; path < 300; path++) {
      kernel.run(path, out);
      closeOuts += out.countOf(OutcomeCount.PROTOCOL_CLOSE_OUTS);
      shortfall += out.horizonShortfall;
      assertEquals(0, out.countOf(OutcomeCount.LIQUIDATIONS),
          "no liquidator profits without a bonus");
      assertEquals(out.badDebt, out.insuranceDraw + out.socializedLoss, 1e-9 * Math.max(1, out.badDebt));
    }
    assertTrue(closeOuts > 0, "the protocol should close insolvent accounts");
    assertEquals(0, shortfall, 1e-6, "no insolvent account may be left open at the horizon");
  }

  @Test
  void permanentImpactCascadesIntoMoreBadDebtAndConservesEverything() {
    Scenario calm = scenario(0);
    Scenario cascading = scenario(0.7);
    PathSimulator a = new PathSimulator(calm);
    PathSimulator b = new PathSimulator(cascading);
    PathOutcome x = new PathOutcome();
    PathOutcome y = new PathOutcome();
    PairedDifference badDebt = new PairedDifference();
    PairedDifference liquidations = new PairedDifference();
    AccountBook book = cascading.book();
    for (long path = 0; path < 600; path++) {
      a.run(path, x);
      b.run(path, y);
      badDebt.add(y.badDebt - x.badDebt);
      liquidations.add(
          y.countOf(OutcomeCount.LIQUIDATIONS) - x.countOf(OutcomeCount.LIQUIDATIONS));
      // Conservation, with impact on.
      double tol = 1e-9 * Math.max(1, y.badDebt);
      assertEquals(y.badDebt, y.insuranceDraw + y.socializedLoss, tol, "path " + path);
      double lost = 0;
      double debtGone = 0;
      for (int i = 0; i < book.size(); i++) {
        double after = b.collateralAfterPath(i);
        assertTrue(after >= 0 && after <= book.collateral(i), "path " + path + " account " + i);
        lost += book.collateral(i) - after;
        debtGone += book.debt(i) - b.debtAfterPath(i);
      }
      assertEquals(lost, y.collateralSeized, 1e-9 * book.totalCollateral(), "path " + path);
      assertEquals(debtGone, y.debtRepaid + y.badDebt, 1e-9 * book.totalDebt(), "path " + path);
    }
    // More bad debt with the cascade: the paired mean difference above 3 standard errors.
    assertTrue(badDebt.mean() > 3 * badDebt.standardError(),
        "bad debt difference " + badDebt.mean() + " +- " + badDebt.standardError());
    assertTrue(liquidations.mean() > 0, "the cascade should liquidate more: " + liquidations.mean());
  }
}
