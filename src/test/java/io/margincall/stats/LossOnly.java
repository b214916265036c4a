package io.margincall.stats;

/**
 * A path that only lost {@code badDebt}, all of it socialized, with a weight: a test input for
 * accumulators.
 */
record LossOnly(double badDebt, double weight) implements PathResult {
  LossOnly(double badDebt) {
    this(badDebt, 1.0);
  }

  @Override
  public double insuranceDraw() {
    return 0;
  }

  @Override
  public double socializedLoss() {
    return badDebt;
  }

  @Override
  public boolean fundExhausted() {
    return badDebt > 0;
  }

  @Override
  public double horizonShortfall() {
    return 0;
  }

  @Override
  public long countOf(OutcomeCount c) {
    return 0;
  }

  @Override
  public double amountOf(OutcomeAmount a) {
    return 0;
  }

  @Override
  public int firstBadDebtStep() {
    return 1;
  }

  @Override
  public long submissions() {
    return 0;
  }

  @Override
  public long inclusionWaitSteps() {
    return 0;
  }

  @Override
  public double meanOracleGap() {
    return 0;
  }

  @Override
  public double minMarketToOracle() {
    return 0;
  }
}
