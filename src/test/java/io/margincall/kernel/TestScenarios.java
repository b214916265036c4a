package io.margincall.kernel;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;

/** Small scenarios for kernel tests. */
final class TestScenarios {
  private TestScenarios() {}

  /** One account (collateral c, debt D, threshold LT) with every mechanism ideal but the oracle. */
  static Scenario singleAccount(long seed, double volatility, double stepSeconds, int steps,
                                double initialPrice, double c, double debt, double threshold,
                                OracleRules oracle) {
    return Scenario.builder().seed(seed).steps(steps).stepSeconds(stepSeconds)
        .initialPrice(initialPrice).price(GeometricBrownianMotion.of(0.0, volatility, stepSeconds))
        .oracle(oracle)
        .book(AccountBook.of(new double[] {c}, new double[] {debt}, new double[] {threshold}))
        .liquidation(LiquidationRules.ideal()).insurance(InsuranceRules.none()).build();
  }
}
