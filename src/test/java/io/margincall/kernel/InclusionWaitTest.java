package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.margincall.model.gas.CongestionRules;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.HistoricalReturns;
import io.margincall.model.price.MarketModel;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.OutcomeCount;
import org.junit.jupiter.api.Test;

/**
 * A liquidation transaction waits its inclusion, and one that lands when the account is no
 * longer eligible reverts: a later liquidation is a new submission with its own wait. A replayed
 * market (deterministic) and a constant gas price make the steps exact.
 */
class InclusionWaitTest {

  @Test
  void aRevertedTransactionIsSubmittedAnewWithItsWait() {
    // Price 100 -> 85 (eligible: trigger 80 / 0.9 = 88.9) for steps 1-3, 95 for 4-19, 85 from 20.
    double[] path = new double[30];
    for (int t = 1; t <= 30; t++) {
      path[t - 1] = t <= 3 ? 85 : t < 20 ? 95 : 85;
    }
    double[] returns = new double[30];
    double last = 100;
    for (int t = 0; t < 30; t++) {
      returns[t] = Math.log(path[t] / last);
      last = path[t];
    }
    MarketModel market = new MarketModel(GeometricBrownianMotion.of(0, 0.8, 12), 0, null, null,
        null, new HistoricalReturns("test", returns, true, 1));
    // Gas fixed at 100 gwei (kappa 1, no noise); the keeper bids 50: one doubling = 3 steps.
    // The oracle bids 1,000: its pushes are never delayed. No gas cost (0 units).
    CongestionRules gas = new CongestionRules(100, 1, 0, 0, 1, 0, 1, 1, 0, 0, 3, 50, 1000, 10);
    Scenario scenario = Scenario.builder().seed(1).steps(30).stepSeconds(12).initialPrice(100)
        .market(market).oracle(OracleRules.ideal())
        .book(AccountBook.of(new double[] {1}, new double[] {80}, new double[] {0.9}))
        .liquidation(new LiquidationRules(1, 0.05, 0, SeizePricing.MARKET))
        .insurance(InsuranceRules.none()).congestion(gas).build();
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    kernel.run(0, out);
    // Submitted at 1 (lands at 4, when the account is healthy again: reverts); submitted anew at
    // 20, lands and liquidates at 23.
    assertEquals(23, out.firstLiquidationStep);
    assertEquals(1, out.countOf(OutcomeCount.LIQUIDATIONS));
    assertEquals(2, out.submissions);
    assertEquals(6, out.inclusionWaitSteps);
  }
}
