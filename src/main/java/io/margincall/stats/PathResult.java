package io.margincall.stats;

/** What the statistics read from one simulated path; amounts in USD. */
public interface PathResult {
  double badDebt();

  double insuranceDraw();

  double socializedLoss();

  boolean fundExhausted();

  double horizonShortfall();

  int liquidations();

  int staleOracleLiquidations();

  /** Step of the first bad debt; meaningful only when {@link #badDebt()} > 0. */
  int firstBadDebtStep();

  /** Liquidations skipped as unprofitable before slippage. */
  int unprofitableAfterFees();

  /** Liquidations skipped as unprofitable after slippage. */
  int unprofitableAfterSlippage();

  /** Liquidations not submitted because their inclusion wait was too long. */
  int notIncludedInTime();

  /** Liquidation transactions submitted. */
  int submissions();

  /** Steps the submissions waited for inclusion, in all. */
  long inclusionWaitSteps();

  /** Time-average of |ln(market / oracle)| on the path. */
  double meanOracleGap();

  /** min over the path of market / oracle - 1 (<= 0). */
  double minMarketToOracle();

  /** Insolvent accounts closed by the protocol because no liquidator would take them. */
  int protocolCloseOuts();
}
