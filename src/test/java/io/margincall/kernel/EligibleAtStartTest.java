package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.MarketPath;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeCount;
import org.junit.jupiter.api.Test;

/**
 * A loan already eligible at the initial price (a book loaded at a stressed moment) is
 * liquidated at the first step under the rules. With ideal mechanisms (SPEC 2.7) that is, on
 * every path, a full liquidation at step 1 at the market price S_1 if it is still eligible there
 * ({@code c S_1 LT < D}), with bad debt {@code max(0, D - c S_1)}; else nothing happens at step 1.
 * S_1 of each path is replayed from the path's price stream (the market model alone), so each
 * path is checked exactly.
 */
class EligibleAtStartTest {
  @Test
  void liquidatedAtStepOneAtTheMarketWithClosedFormBadDebt() {
    double s0 = 2000;
    double c = 1;
    double debt = 1900;  // trigger D / (c LT) = 2,303 > 2,000: eligible at the start
    double lt = 0.825;
    // One day a step at 80 % a year: S_1 / S_0 has a log s.d. of 4.2 %, so S_1 < 1,900 (bad
    // debt) on about 11 % of paths and S_1 > 2,303 (no longer eligible) on about none.
    Scenario scenario = TestScenarios.singleAccount(11, 0.8, 86_400, 1, s0, c, debt, lt,
        OracleRules.ideal());
    PathSimulator kernel = new PathSimulator(scenario);
    MarketPath market = scenario.market().newPath();
    PathOutcome out = new PathOutcome();
    int paths = 20_000;
    int withBadDebt = 0;
    int liquidated = 0;
    for (long path = 0; path < paths; path++) {
      kernel.run(path, out);
      market.reset(PathStreams.stream(scenario.seed(), path, PathStreams.PRICE), null, null);
      double s1 = Math.exp(market.next(Math.log(s0)));
      assertEquals(1, out.countOf(OutcomeCount.ACCOUNTS_ELIGIBLE_AT_START), "path " + path);
      if (c * s1 * lt < debt) {
        liquidated++;
        assertEquals(1, out.countOf(OutcomeCount.LIQUIDATIONS), "path " + path);
        assertEquals(1, out.firstLiquidationStep, "path " + path);
        // Ideal rules: repays min(D, c S_1); the rest, max(0, D - c S_1), is bad debt.
        assertEquals(Math.max(0, debt - c * s1), out.badDebt, 1e-9 * debt, "path " + path);
        assertEquals(0, kernel.debtAfterPath(0), 1e-9 * debt, "path " + path);
      } else {
        assertEquals(0, out.countOf(OutcomeCount.LIQUIDATIONS), "path " + path);
        assertEquals(0, out.badDebt, "path " + path);
      }
      if (out.badDebt > 0) {
        withBadDebt++;
      }
    }
    // The case is not trivial: both outcomes of the closed form occur.
    assertTrue(withBadDebt > paths / 20 && withBadDebt < paths / 5, "bad debt on " + withBadDebt);
    assertTrue(liquidated > paths * 0.99, "liquidated on " + liquidated);
  }

  @Test
  void aHealthyBookCountsNone() {
    Scenario scenario = TestScenarios.singleAccount(11, 0.8, 86_400, 1, 2000, 1, 1000, 0.825,
        OracleRules.ideal());
    PathOutcome out = new PathOutcome();
    new PathSimulator(scenario).run(0, out);
    assertEquals(0, out.countOf(OutcomeCount.ACCOUNTS_ELIGIBLE_AT_START));
  }
}
