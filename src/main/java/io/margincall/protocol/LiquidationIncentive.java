package io.margincall.protocol;

import java.io.Serializable;

/**
 * How much one liquidation of an eligible lending position repays and what bonus it pays, as a
 * protocol writes it ({@code protocol.incentive.model}; {@code src/docs/model.md}, "Liquidation
 * incentives"). The {@link LiquidationEngine} applies it; the rest of a liquidation (the cap at
 * the collateral held, the keeper's profit check, the sale, the close-out) is the engine's and
 * the same for every rule.
 *
 * <p>A position is described as the protocol sees it: {@code collateralUsd}, its collateral at
 * the oracle price (NaN when the rule does not {@link #readsOracle read the oracle}), its debt
 * {@code debt} (USD) and its liquidation threshold (LT, Morpho's LLTV, Euler's liquidation LTV).
 * Its health is {@code collateralUsd x threshold / debt}, below 1 when it is liquidated.
 *
 * <p>Each rule also states the extremes it can reach for a position whose collateral and debt do
 * not change while the oracle moves ({@link #maxRepay}, {@link #minRepay}, {@link #maxBonus}):
 * the engine's bulk-skip certificates are built from them, so they must bound what
 * {@link #repay} and {@link #bonus} return at every oracle price, from the same arithmetic.
 */
public sealed interface LiquidationIncentive extends Serializable {

  /** The repayment the keeper makes, USD, before the engine caps it at the collateral held. */
  double repay(double collateralUsd, double debt, double threshold);

  /** The bonus of this liquidation: collateral worth {@code repay x (1 + bonus)} is seized. */
  double bonus(double collateralUsd, double debt, double threshold);

  /**
   * The repayment the protocol accepts for a partial liquidation (one that neither repays the
   * whole debt nor takes all the collateral), given the repayment {@link #repay} chose; the
   * seizure is then {@code repay x (1 + bonus)} at the valuation price. {@code oracleToValuation}
   * is the oracle price over the valuation price (1 with oracle-priced seizure). By default every
   * partial liquidation is accepted.
   */
  default double admissibleRepay(double repay, double collateralUsd, double debt, double bonus,
                                 double oracleToValuation) {
    return repay;
  }

  /** The largest repayment {@link #repay} returns for this debt at any oracle price. */
  double maxRepay(double debt);

  /** The smallest repayment a liquidation of this debt makes, after {@link #admissibleRepay}. */
  double minRepay(double debt);

  /** The largest bonus {@link #bonus} returns for a position of this threshold, at any health. */
  double maxBonus(double threshold);

  /** Whether the rule reads the oracle price (health, USD thresholds). */
  boolean readsOracle();

  /**
   * The bonus a position of this threshold gets at health 1, the moment it becomes eligible,
   * from the same code as {@link #bonus}: for the configuration check that a liquidation leaves
   * an account that has just crossed the threshold healthier ({@code LT x (1 + bonus) < 1}).
   */
  default double bonusAtEligibility(double threshold) {
    return bonus(1, threshold, threshold);  // health 1 x threshold / threshold = 1 exactly
  }

  /**
   * The fixed rule (today's): repays {@code closeFactor x debt}, everything when what would
   * remain is at or below {@code dustUsd}; a constant bonus.
   */
  record Fixed(double closeFactor, double fixedBonus, double dustUsd)
      implements LiquidationIncentive {
    public Fixed {
      require(closeFactor > 0 && closeFactor <= 1, "close factor", closeFactor, "(0, 1]");
      require(fixedBonus >= 0 && fixedBonus < 1, "liquidation bonus", fixedBonus, "[0, 1)");
      require(dustUsd >= 0 && dustUsd < Double.POSITIVE_INFINITY, "dust", dustUsd,
          "[0, infinity) USD");
    }

    @Override
    public double repay(double collateralUsd, double debt, double threshold) {
      double repay = closeFactor * debt;
      return debt - repay <= dustUsd ? debt : repay;
    }

    @Override
    public double bonus(double collateralUsd, double debt, double threshold) {
      return fixedBonus;
    }

    @Override
    public double maxRepay(double debt) {
      return repay(Double.NaN, debt, Double.NaN);  // independent of the oracle
    }

    @Override
    public double minRepay(double debt) {
      return maxRepay(debt);
    }

    @Override
    public double maxBonus(double threshold) {
      return fixedBonus;
    }

    @Override
    public boolean readsOracle() {
      return false;
    }
  }

  /**
   * Aave v3.3 ({@code LiquidationLogic.executeLiquidationCall}): the close factor is
   * {@code defaultLiquidationCloseFactor} (Aave: 0.5) of the debt while the position's health is
   * above {@code closeFactorHfThreshold} (0.95) and both its collateral and its debt are worth
   * at least {@code minBaseMaxCloseFactorThreshold} (2,000 USD) at the oracle; otherwise all of
   * it. A partial liquidation must leave at least {@code minLeftoverBase} (1,000 USD) of debt and
   * of collateral at the oracle, or Aave reverts it ({@code MUST_NOT_LEAVE_DUST}); the keeper
   * then repays the most Aave accepts. The bonus is constant ({@code liquidationBonus - 1}).
   */
  record AaveV3(double liquidationBonus, double closeFactorHfThreshold,
                double defaultLiquidationCloseFactor, double minBaseMaxCloseFactorThreshold,
                double minLeftoverBase) implements LiquidationIncentive {
    public AaveV3 {
      require(liquidationBonus >= 0 && liquidationBonus < 1, "liquidation bonus", liquidationBonus,
          "[0, 1)");
      require(closeFactorHfThreshold > 0 && closeFactorHfThreshold <= 1,
          "close-factor health threshold", closeFactorHfThreshold, "(0, 1]");
      require(defaultLiquidationCloseFactor > 0 && defaultLiquidationCloseFactor <= 1,
          "default close factor", defaultLiquidationCloseFactor, "(0, 1]");
      require(minBaseMaxCloseFactorThreshold >= 0 && minBaseMaxCloseFactorThreshold < 1e15,
          "minimum position for the default close factor", minBaseMaxCloseFactorThreshold,
          "[0, 1e15) USD");
      require(minLeftoverBase >= 0 && minLeftoverBase <= minBaseMaxCloseFactorThreshold / 2,
          "minimum leftover", minLeftoverBase, "[0, half the minimum position] USD");
    }

    @Override
    public double repay(double collateralUsd, double debt, double threshold) {
      double health = collateralUsd * threshold / debt;
      boolean partial = collateralUsd >= minBaseMaxCloseFactorThreshold
          && debt >= minBaseMaxCloseFactorThreshold && health > closeFactorHfThreshold;
      return partial ? defaultLiquidationCloseFactor * debt : debt;
    }

    @Override
    public double bonus(double collateralUsd, double debt, double threshold) {
      return liquidationBonus;
    }

    /**
     * Aave accepts a partial liquidation that leaves {@code minLeftoverBase} or more of both debt
     * and collateral (both at the oracle). Otherwise the largest repayment that does: at most
     * {@code debt - minLeftoverBase}, and at most what leaves collateral worth
     * {@code minLeftoverBase}, {@code (collateralUsd - minLeftoverBase) / ((1 + bonus) x
     * oracle / valuation)}. Both are positive: a partial liquidation needs collateral and debt
     * of at least {@code minBaseMaxCloseFactorThreshold >= 2 x minLeftoverBase}.
     */
    @Override
    public double admissibleRepay(double repay, double collateralUsd, double debt, double bonus,
                                  double oracleToValuation) {
      double seizedUsd = repay * (1 + bonus) * oracleToValuation;
      if (debt - repay >= minLeftoverBase && collateralUsd - seizedUsd >= minLeftoverBase) {
        return repay;
      }
      double leavingCollateral = (collateralUsd - minLeftoverBase)
          / ((1 + bonus) * oracleToValuation);
      return Math.min(repay, Math.min(debt - minLeftoverBase, leavingCollateral));
    }

    @Override
    public double maxRepay(double debt) {
      return debt;
    }

    /** The dust rule can cut a repayment below the close factor: no useful lower bound. */
    @Override
    public double minRepay(double debt) {
      return 0;
    }

    @Override
    public double maxBonus(double threshold) {
      return liquidationBonus;
    }

    @Override
    public boolean readsOracle() {
      return true;
    }
  }

  /**
   * Euler v2 (EVK {@code Liquidation.calculateMaxLiquidation}): the discount factor is the
   * position's health, floored at {@code 1 - maxLiquidationDiscount}; the liquidator may repay
   * the whole debt and receives collateral worth {@code repay / discountFactor}, so the bonus
   * is {@code 1 / discountFactor - 1}: nothing at health 1, growing as health falls.
   */
  /**
   * A rule that lets the liquidator repay the whole debt at once (no close factor): Euler v2 and
   * Morpho Blue.
   */
  sealed interface WholeDebt extends LiquidationIncentive {
    @Override
    default double repay(double collateralUsd, double debt, double threshold) {
      return debt;
    }

    @Override
    default double maxRepay(double debt) {
      return debt;
    }

    @Override
    default double minRepay(double debt) {
      return debt;
    }
  }

  record Euler(double maxLiquidationDiscount) implements WholeDebt {
    public Euler {
      require(maxLiquidationDiscount >= 0 && maxLiquidationDiscount < 1,
          "maximum liquidation discount", maxLiquidationDiscount, "[0, 1)");
    }

    @Override
    public double bonus(double collateralUsd, double debt, double threshold) {
      double health = collateralUsd * threshold / debt;
      return 1 / discountFactor(health) - 1;
    }

    /** {@code max(health, 1 - maxLiquidationDiscount)}, and at most 1 (no negative bonus). */
    private double discountFactor(double health) {
      return Math.max(Math.min(health, 1), 1 - maxLiquidationDiscount);
    }

    /** At the floor of the discount factor; a larger factor gives a smaller 1 / factor. */
    @Override
    public double maxBonus(double threshold) {
      return 1 / (1 - maxLiquidationDiscount) - 1;
    }

    @Override
    public boolean readsOracle() {
      return true;
    }
  }

  /**
   * Morpho Blue ({@code Morpho.liquidate}): the liquidation incentive factor is
   * {@code min(maxLiquidationIncentiveFactor, 1 / (1 - liquidationCursor x (1 - lltv)))} (Morpho:
   * 1.15 and 0.3), from the position's LLTV (its threshold); the liquidator may repay the whole
   * debt and seizes {@code repaid x LIF}.
   */
  record Morpho(double liquidationCursor, double maxLiquidationIncentiveFactor)
      implements WholeDebt {
    public Morpho {
      require(liquidationCursor >= 0 && liquidationCursor < 1, "liquidation cursor",
          liquidationCursor, "[0, 1)");
      require(maxLiquidationIncentiveFactor >= 1 && maxLiquidationIncentiveFactor < 2,
          "maximum liquidation incentive factor", maxLiquidationIncentiveFactor, "[1, 2)");
    }

    /** The liquidation incentive factor of a market with this LLTV. */
    public double incentiveFactor(double lltv) {
      return Math.min(maxLiquidationIncentiveFactor, 1 / (1 - liquidationCursor * (1 - lltv)));
    }

    @Override
    public double bonus(double collateralUsd, double debt, double threshold) {
      return incentiveFactor(threshold) - 1;
    }

    @Override
    public double maxBonus(double threshold) {
      return bonus(Double.NaN, Double.NaN, threshold);  // independent of health
    }

    @Override
    public boolean readsOracle() {
      return false;
    }
  }

  private static void require(boolean ok, String what, double value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(what + " must be in " + allowed + ", got " + value);
    }
  }
}
