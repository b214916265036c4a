package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import org.junit.jupiter.api.Test;

/** The bonus liquidators earn on loans: {@code (1 - fund share) x bonus x repaid}. */
class KeeperRevenueTest {
  @Test
  void liquidatorsEarnTheBonusLessTheFundsShare() {
    double bonus = 0.08;
    double share = 0.25;
    double debt = 1700;
    // One loan, liquidated in full when the oracle (an hour late) falls below 1,700 / 0.9.
    Scenario s = Scenario.builder().seed(5).steps(720).stepSeconds(60).initialPrice(2000)
        .price(GeometricBrownianMotion.of(0.0, 2.5, 60)).oracle(new OracleRules(60, 0, 0))
        .book(AccountBook.of(new double[] {1}, new double[] {debt}, new double[] {0.9}))
        .liquidation(new LiquidationRules(1.0, bonus, 0.0, SeizePricing.MARKET))
        .insurance(new InsuranceRules(0, share)).build();
    PathSimulator kernel = new PathSimulator(s);
    PathOutcome out = new PathOutcome();
    int full = 0;
    int capped = 0;
    for (long path = 0; path < 400; path++) {
      kernel.run(path, out);
      double earned = out.amountOf(OutcomeAmount.LIQUIDATION_BONUS);
      if (out.countOf(OutcomeCount.LIQUIDATIONS) == 0) {
        assertEquals(0.0, earned, 0.0);
      } else if (out.badDebt == 0) {
        full++;  // the whole debt repaid with its bonus
        assertEquals((1 - share) * bonus * debt, earned, 1e-12 * debt);
      } else {
        // Collateral short of debt x (1 + bonus): the repayment shrinks to what it buys, the
        // bonus with it, and the close-out earns nothing.
        capped++;
        double repaid = out.debtRepaid;
        assertTrue(earned < (1 - share) * bonus * debt, "path " + path);
        assertTrue(earned <= (1 - share) * bonus * repaid * (1 + 1e-12), "path " + path);
      }
    }
    assertTrue(full > 10 && capped > 10, "the case needs both: " + full + ", " + capped);
  }
}
