package io.margincall.stats;

/** What the statistics read from one simulated path; amounts in USD. */
public interface PathResult {
  double badDebt();

  double insuranceDraw();

  double socializedLoss();

  boolean fundExhausted();

  double horizonShortfall();

  /** How many times the path counted {@code c}. */
  long countOf(OutcomeCount c);

  /** The path's total of amount {@code a}, USD. */
  double amountOf(OutcomeAmount a);

  /** Step of the first bad debt; meaningful only when {@link #badDebt()} > 0. */
  int firstBadDebtStep();

  /** Liquidation transactions submitted. */
  long submissions();

  /** Steps the submissions waited for inclusion, in all. */
  long inclusionWaitSteps();

  /** Time-average of |ln(market / oracle)| on the path. */
  double meanOracleGap();

  /** min over the path of market / oracle - 1 (<= 0). */
  double minMarketToOracle();

  /**
   * The path's weight in every estimate (finite, >= 0): 1 for plain Monte Carlo; the likelihood
   * ratio of its draws when they were sampled from another distribution (importance sampling).
   */
  default double weight() {
    return 1.0;
  }

  /**
   * The step each account was first liquidated at on the path, when a sweep compares points
   * account by account ({@link LiquidationCosts}); null when not recorded.
   */
  default FirstLiquidations firstLiquidations() {
    return null;
  }
}
