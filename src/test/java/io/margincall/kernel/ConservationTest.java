package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.GeneratedBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationIncentive;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.OutcomeCount;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Invariants that hold on every path, whatever the rules: bad debt = insurance draw +
 * socialized loss; no account loses more collateral than it held, none ends with negative
 * collateral or debt; what the path reports as seized is what the accounts lost; an account
 * left partly liquidated shows as a partial liquidation, and close factor 1 makes none; under
 * each protocol's incentive rule too.
 */
class ConservationTest {
  private static final double S0 = 2000;


  @ParameterizedTest(name = "closeFactor={0} bonus={1} pricing={2} delay={3} fund={4}")
  @CsvSource({
      "1.0, 0.0,  MARKET, 90, 0",
      "0.5, 0.05, MARKET, 30, 250000",
      "0.5, 0.10, ORACLE, 30, 50000",
      "0.2, 0.08, MARKET, 120, 1000000",
  })
  void everyPathConservesDebtAndCollateral(double closeFactor, double bonus, SeizePricing pricing,
                                           int delay, double fund) {
    AccountBook book = GeneratedBook.draw(PathStreams.stream(5, 0, PathStreams.ACCOUNT_BOOK),
        300, S0, 50_000, 1.0, 1.5, 12, 0.93);
    conserves(book, new LiquidationRules(closeFactor, bonus, 50, pricing), bonus, delay, fund,
        closeFactor < 1);
  }

  /**
   * The same invariants under each protocol's incentive rule, on a book with many small
   * accounts (median 5,000 USD: Aave's 2,000 USD minimum position and 1,000 USD leftover bind).
   */
  @ParameterizedTest(name = "{0} pricing={1}")
  @CsvSource({
      "aave-v3, ORACLE",
      "aave-v3, MARKET",
      "euler,   MARKET",
      "morpho,  MARKET",
  })
  void everyIncentiveRuleConservesDebtAndCollateral(String model, SeizePricing pricing) {
    AccountBook book = GeneratedBook.draw(PathStreams.stream(6, 0, PathStreams.ACCOUNT_BOOK),
        300, S0, 5_000, 1.5, 1.5, 12, 0.93);
    LiquidationIncentive rule = switch (model) {
      case "aave-v3" -> new LiquidationIncentive.AaveV3(0.075, 0.95, 0.5, 2000, 1000);
      case "euler" -> new LiquidationIncentive.Euler(0.15);
      default -> new LiquidationIncentive.Morpho(0.3, 1.15);
    };
    conserves(book, new LiquidationRules(1, 0, 0, pricing, rule), rule.maxBonus(0.93), 90, 20_000,
        rule instanceof LiquidationIncentive.AaveV3);
  }

  private static void conserves(AccountBook book, LiquidationRules rules, double maxBonus,
                                int delay, double fund, boolean partialExpected) {
    Scenario scenario = Scenario.builder().seed(99).steps(720).stepSeconds(120).initialPrice(S0)
        .price(GeometricBrownianMotion.of(0, 2.0, 120)).oracle(new OracleRules(delay, 0.005, 30))
        .book(book).liquidation(rules)
        .insurance(new InsuranceRules(fund, 0.2)).build();
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    int pathsWithBadDebt = 0;
    int pathsWithPartial = 0;
    for (long path = 0; path < 1500; path++) {
      kernel.run(path, out);
      double tolerance = 1e-9 * Math.max(1, out.badDebt);
      assertEquals(out.badDebt, out.insuranceDraw + out.socializedLoss, tolerance,
          "path " + path + ": bad debt = draw + socialized");
      assertTrue(out.insuranceDraw <= fund + 0.2 * maxBonus * book.totalDebt() + tolerance);
      double lost = 0;
      double debtGone = 0;
      boolean partial = false;
      for (int i = 0; i < book.size(); i++) {
        double held = book.collateral(i);
        double after = kernel.collateralAfterPath(i);
        assertTrue(after >= 0 && after <= held, "path " + path + " account " + i
            + ": collateral after " + after + ", held " + held);
        assertTrue(kernel.debtAfterPath(i) >= 0, "path " + path + " account " + i);
        lost += held - after;
        debtGone += book.debt(i) - kernel.debtAfterPath(i);
        if (kernel.debtAfterPath(i) > 0 && kernel.debtAfterPath(i) < book.debt(i)) {
          partial = true;
        }
      }
      assertEquals(lost, out.collateralSeized, 1e-9 * Math.max(1, book.totalCollateral()),
          "path " + path + ": seized collateral = collateral the accounts lost");
      assertEquals(debtGone, out.debtRepaid + out.badDebt, 1e-9 * Math.max(1, book.totalDebt()),
          "path " + path + ": debt that left the book = repaid + bad debt");
      if (out.badDebt > 0) {
        pathsWithBadDebt++;
      }
      if (partial) {
        pathsWithPartial++;
      }
      long partialLiquidations = out.countOf(OutcomeCount.LIQUIDATIONS_PARTIAL);
      assertTrue(partialLiquidations <= out.countOf(OutcomeCount.LIQUIDATIONS), "path " + path);
      assertTrue(!partial || partialLiquidations > 0,
          "path " + path + ": an account was left partly liquidated, none counted");
      if (!partialExpected) {
        assertEquals(0, partialLiquidations, "path " + path + ": the whole debt is repaid");
      }
    }
    assertTrue(pathsWithBadDebt > 10, "the case should produce bad debt: " + pathsWithBadDebt);
    if (partialExpected) {
      assertTrue(pathsWithPartial > 10, "the case should leave partly liquidated accounts");
    }
  }

  /**
   * Every mechanism ideal, a zero-delay oracle and a threshold far below 1 (0.5): the price would
   * have to halve within one 12-second step (a 1,400-sigma move at 80 % volatility) for an
   * account to go from eligible to insolvent, so no path may show bad debt.
   */
  @Test
  void idealMechanismsWithALowThresholdNeverMakeBadDebt() {
    double s0 = 2000;
    AccountBook book = GeneratedBook.draw(PathStreams.stream(8, 0, PathStreams.ACCOUNT_BOOK),
        500, s0, 50_000, 1.0, 1.05, 1.9, 0.5);
    Scenario scenario = Scenario.builder().seed(8).steps(7200).stepSeconds(12).initialPrice(s0)
        .price(GeometricBrownianMotion.of(0, 0.8, 12)).oracle(OracleRules.ideal()).book(book)
        .liquidation(LiquidationRules.ideal()).insurance(InsuranceRules.none()).build();
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    long liquidations = 0;
    for (long path = 0; path < 3000; path++) {
      kernel.run(path, out);
      assertEquals(0.0, out.badDebt, 0.0, "path " + path);
      assertEquals(0, out.countOf(OutcomeCount.STALE_ORACLE_LIQUIDATIONS), "path " + path);
      liquidations += out.countOf(OutcomeCount.LIQUIDATIONS);
    }
    assertTrue(liquidations > 1000, "the book should be liquidated often: " + liquidations);
  }
}
