package io.margincall.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.liquidity.InfiniteDepth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The incentive rules against their protocols' formulas, computed here independently, and
 * through one whole liquidation of the {@link LiquidationEngine} (oracle-priced seizure, an
 * ideal market): Aave v3.3's close factor switch at health 0.95, its 2,000 USD minimum position
 * and 1,000 USD minimum leftover; Euler v2's discount at chosen healths and its cap; Morpho
 * Blue's incentive factor at four LLTVs, the last capped.
 */
class LiquidationIncentiveTest {
  private static final double PRICE = 2000;
  private static final LiquidationIncentive.AaveV3 AAVE =
      new LiquidationIncentive.AaveV3(0.05, 0.95, 0.5, 2000, 1000);

  /** One liquidation at oracle = market = PRICE of a position worth {@code collateralUsd}. */
  private static LiquidationEngine engineAfter(LiquidationIncentive rule, double collateralUsd,
                                               double debt, double threshold) {
    return engineAfter(rule, collateralUsd, debt, threshold, new PathOutcome());
  }

  private static LiquidationEngine engineAfter(LiquidationIncentive rule, double collateralUsd,
                                               double debt, double threshold, PathOutcome out) {
    LiquidationEngine engine = new LiquidationEngine(
        new LiquidationRules(1, 0, 0, SeizePricing.ORACLE, rule), 0, new InfiniteDepth(), 0,
        null, new LossWaterfall(InsuranceRules.none(), 1_000_000), 0, PerpRules.ideal(), 12);
    engine.openStep(1, Math.log(PRICE), 0);
    engine.liquidate(collateralUsd / PRICE, debt, threshold, PRICE, 1, out);
    return engine;
  }

  private static double repaid(LiquidationEngine engine, double debt) {
    return debt - engine.debtLeft();
  }

  @Test
  void aaveRepaysHalfAboveHealth095AndAllAtOrBelowIt() {
    double debt = 10_000;
    double lt = 0.5;
    // Health c x LT / D: 19,000 x 0.5 / 10,000 = 0.95 exactly in doubles.
    assertEquals(0.95, 19_000 * lt / debt, 0.0);
    assertEquals(debt, AAVE.repay(19_000, debt, lt), 0.0, "health 0.95: the whole debt");
    assertEquals(debt, AAVE.repay(18_998, debt, lt), 0.0, "health 0.9499: the whole debt");
    assertEquals(5_000, AAVE.repay(19_002, debt, lt), 0.0, "health 0.9501: half");
    assertEquals(5_000, AAVE.repay(19_990, debt, lt), 0.0, "health 0.9995: half");
    // Through the engine: half repaid, collateral worth 5,000 x 1.05 seized at the oracle.
    LiquidationEngine above = engineAfter(AAVE, 19_002, debt, lt);
    assertEquals(5_000, repaid(above, debt), 1e-9);
    assertEquals((19_002 - 5_250) / PRICE, above.collateralLeft(), 1e-12);
    LiquidationEngine below = engineAfter(AAVE, 18_998, debt, lt);
    assertEquals(0, below.debtLeft(), 0.0);
    assertEquals((18_998 - 10_500) / PRICE, below.collateralLeft(), 1e-12);
  }

  @Test
  void aaveRepaysEverythingWhenCollateralOrDebtIsBelow2000Usd() {
    double lt = 0.9;
    // Healthy enough for the 50 % close factor (health 0.99), but small.
    double debt = 1_900;
    double collateral = 0.99 * debt / lt;  // 2,090: health 0.99
    assertEquals(debt, AAVE.repay(collateral, debt, lt), 0.0, "debt 1,900 < 2,000");
    assertEquals(1_799, AAVE.repay(1_999, 1_799, 0.99), 0.0, "collateral 1,999 < 2,000");
    assertEquals(1_000, AAVE.repay(2_000, 2_000, 0.99), 0.0, "both at 2,000: half");
    LiquidationEngine small = engineAfter(AAVE, collateral, debt, lt);
    assertEquals(0, small.debtLeft(), 0.0);
  }

  @Test
  void aavePartialLiquidationLeavesAtLeast1000UsdOfCollateralAndDebt() {
    LiquidationIncentive.AaveV3 rule = new LiquidationIncentive.AaveV3(0.07, 0.95, 0.5, 2000, 1000);
    // Collateral 2,050 USD, debt 2,000, LT 0.93: health 0.95325, so half (1,000) would be
    // repaid for 1,070 of collateral, leaving 980 < 1,000: Aave reverts it. The keeper repays
    // the most that leaves 1,000: (2,050 - 1,000) / 1.07.
    double expected = (2_050.0 - 1_000) / 1.07;
    assertEquals(expected, rule.admissibleRepay(1_000, 2_050, 2_000, 0.07, 1), 1e-9);
    // Through the engine: the keeper repays that, leaving 1,000 USD of collateral against
    // 1,018.69 of debt, insolvent, so the engine closes it out: the collateral is sold for 1,000
    // and the rest is bad debt.
    PathOutcome out = new PathOutcome();
    engineAfter(rule, 2_050, 2_000, 0.93, out);
    assertEquals(2_000 - expected - 1_000, out.badDebt, 1e-9);
    assertEquals(expected + 1_000, out.debtRepaid, 1e-9);
    // A leftover of 1,000 or more of both is accepted as it is.
    assertEquals(1_000, rule.admissibleRepay(1_000, 2_200, 2_000, 0.07, 1), 0.0);
    // The debt side: a 90 % close factor on 5,000 would leave 500; at most 4,000 is repaid.
    LiquidationIncentive.AaveV3 steep = new LiquidationIncentive.AaveV3(0.05, 0.95, 0.9, 2000, 1000);
    LiquidationEngine debtSide = engineAfter(steep, 20_000, 5_000, 0.2495);  // health 0.998
    assertEquals(4_000, repaid(debtSide, 5_000), 1e-9);
    assertEquals(1_000, debtSide.debtLeft(), 1e-9);
  }

  @Test
  void aaveRefusesAMinimumLeftoverAboveHalfTheThreshold() {
    assertThrows(IllegalArgumentException.class,
        () -> new LiquidationIncentive.AaveV3(0.05, 0.95, 0.5, 2000, 1001));
  }

  @ParameterizedTest(name = "health {0}: bonus {1}")
  @CsvSource({
      "0.97, 0.030927835051546504",   // 1 / 0.97 - 1
      "0.90, 0.11111111111111116",    // 1 / 0.90 - 1
      "0.85, 0.17647058823529416",    // the cap: 1 / (1 - 0.15) - 1
      "0.60, 0.17647058823529416",    // below the cap: still 1 / 0.85 - 1
      "1.00, 0.0",
  })
  void eulerDiscountIsOneMinusHealthCappedAtTheMaximum(double health, double bonus) {
    LiquidationIncentive.Euler rule = new LiquidationIncentive.Euler(0.15);
    double debt = 10_000;
    double lt = 0.8;
    double collateral = health * debt / lt;
    assertEquals(bonus, rule.bonus(collateral, debt, lt), 1e-15);
    assertEquals(debt, rule.repay(collateral, debt, lt), 0.0, "Euler repays the whole debt");
    assertTrue(rule.bonus(collateral, debt, lt) <= rule.maxBonus(lt));
    LiquidationEngine engine = engineAfter(rule, collateral, debt, lt);
    // Yield = repay / discountFactor, capped at the collateral held (repay shrinks then).
    double discountFactor = Math.max(health, 0.85);
    double yieldUsd = Math.min(debt / discountFactor, collateral);
    assertEquals((collateral - yieldUsd) / PRICE, engine.collateralLeft(), 1e-9);
  }

  @ParameterizedTest(name = "LLTV {0}: LIF {1}")
  @CsvSource({
      "0.945, 1.0167768174885612",   // 1 / (1 - 0.3 x 0.055)
      "0.86,  1.0438413361169103",   // 1 / (1 - 0.3 x 0.14)
      "0.625, 1.1267605633802817",   // 1 / (1 - 0.3 x 0.375)
      "0.385, 1.15",                 // 1 / 0.8155 = 1.2262, capped at 1.15
  })
  void morphoIncentiveFactorFromTheLltv(double lltv, double lif) {
    LiquidationIncentive.Morpho rule = new LiquidationIncentive.Morpho(0.3, 1.15);
    assertEquals(lif, rule.incentiveFactor(lltv), 1e-15);
    assertEquals(lif - 1, rule.maxBonus(lltv), 1e-15);
    // Healthy enough that the whole debt is repaid: seized = repaid x LIF.
    double debt = 10_000;
    double collateral = 0.99 * debt / lltv;
    LiquidationEngine engine = engineAfter(rule, collateral, debt, lltv);
    assertEquals(0, engine.debtLeft(), 0.0);
    assertEquals((collateral - debt * lif) / PRICE, engine.collateralLeft(), 1e-9);
  }

  @Test
  void bonusAtEligibilityIsTheRulesBonusAtHealthOne() {
    assertEquals(0.05, AAVE.bonusAtEligibility(0.9), 0.0);
    assertEquals(0.0, new LiquidationIncentive.Euler(0.15).bonusAtEligibility(0.9), 0.0);
    assertEquals(1.0438413361169103 - 1,
        new LiquidationIncentive.Morpho(0.3, 1.15).bonusAtEligibility(0.86), 1e-15);
    assertEquals(0.08, new LiquidationIncentive.Fixed(0.5, 0.08, 0).bonusAtEligibility(0.9), 0.0);
  }
}
