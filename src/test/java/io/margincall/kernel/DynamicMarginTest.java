package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.HistoricalReturns;
import io.margincall.model.price.MarketModel;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.MarginRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dynamic margin on a deterministic path (a replayed return series, an oracle that posts
 * every step): the factor recomputed here from the returns, the EWMA and the governance rule
 * written out again, must be the kernel's at every step, respect every governance limit, and
 * liquidate a loan at exactly the step where {@code ln O_t < ln(D / (c LT)) + ln m_t}, the
 * recomputed {@code LT_eff = LT / m_t}; the static margin never liquidates it.
 */
class DynamicMarginTest {
  private static final double STEP = 60;
  private static final int STEPS = 240;
  private static final double P0 = 1000;
  // One loan: collateral 1, debt 720, LT 0.8: the static trigger is 900, below the path's low.
  private static final double DEBT = 720;
  private static final double LT = 0.8;
  private static final double HALF_LIFE = 10;
  private static final double REFERENCE = 0.005 * 0.005;  // variance per step at which m = 1

  /** Calm (no move) for 60 steps, then the price swings 2 % down and back up every step. */
  private static double[] returns() {
    double[] r = new double[STEPS];
    for (int t = 60; t < STEPS; t++) {
      r[t] = (t % 2 == 0 ? -1 : 1) * 0.02;
    }
    return r;
  }

  private static MarginRules rules(double maxStep, double maxUpdate, int delay) {
    return new MarginRules(MarginRules.Model.REALIZED_VOLATILITY, REFERENCE, HALF_LIFE, 0.1, 0.85,
        REFERENCE, 30, 1.0, 1.5, maxStep, maxUpdate, delay, 10, 30, 0);
  }

  private static Scenario scenario(MarginRules margin) {
    MarketModel replay = new MarketModel(GeometricBrownianMotion.of(0, 0.5, STEP), 0, null, null,
        null, new HistoricalReturns("test", returns(), true, 1));
    return Scenario.builder().seed(1).steps(STEPS).stepSeconds(STEP).initialPrice(P0)
        .market(replay).oracle(new OracleRules(0, 0, 0))
        .book(AccountBook.of(new double[] {1}, new double[] {DEBT}, new double[] {LT}))
        .liquidation(LiquidationRules.ideal()).insurance(InsuranceRules.none())
        .margin(margin).build();
  }

  /** The factor after each step 1..STEPS (index t), written out from the rules' text. */
  private static double[] recomputedFactor(double maxStep, double maxUpdate, int delay) {
    double lambda = Math.pow(0.5, 1 / HALF_LIFE);
    double[] r = returns();
    double[] m = new double[STEPS + 1];
    m[0] = 1;
    double v = REFERENCE;
    int last = 0;
    for (int t = 1; t <= STEPS; t++) {
      v = lambda * v + (1 - lambda) * r[t - 1] * r[t - 1];
      double target = Math.min(1.5, Math.max(1.0, Math.sqrt(v / REFERENCE)));
      m[t] = m[t - 1];
      if (t - last >= delay) {
        double limit = Math.min(maxStep * (t - last), maxUpdate * m[t - 1]);
        double next = Math.max(m[t - 1] - limit, Math.min(m[t - 1] + limit, target));
        if (next != m[t - 1]) {
          m[t] = next;
          last = t;
        }
      }
    }
    return m;
  }

  @ParameterizedTest(name = "max step {0}, max update {1}, delay {2}")
  @CsvSource({
      "0.01,  100,   0",    // the per-step limit binds: +0.01 a step
      "0.05,  0.02,  10",   // an Aave-steward-like cadence: 2 % per move, 10 steps apart
      "0.003, 0.5,   8",    // the per-step limit over the elapsed steps binds: +0.024 a move
  })
  void theFactorFollowsTheRulesAndLiquidatesWhereTheRecomputedThresholdSays(
      double maxStep, double maxUpdate, int delay) {
    double[] m = recomputedFactor(maxStep, maxUpdate, delay);
    // The governance limits hold on the recomputed trace, and it moves.
    int moves = 0;
    int last = 0;
    for (int t = 1; t <= STEPS; t++) {
      if (m[t] != m[t - 1]) {
        assertTrue(t - last >= delay, "moved " + (t - last) + " steps after the last move");
        double d = Math.abs(m[t] - m[t - 1]);
        assertTrue(d <= maxUpdate * m[t - 1] * (1 + 1e-12), "relative move " + d / m[t - 1]);
        assertTrue(d <= maxStep * (t - last) * (1 + 1e-12), "move " + d + " over " + (t - last));
        assertTrue(m[t] >= 1 && m[t] <= 1.5, "factor " + m[t]);
        moves++;
        last = t;
      }
    }
    assertTrue(moves >= 3 && m[STEPS] > 1.2, moves + " moves to " + m[STEPS]);

    // The kernel's factor is the same at every step.
    MarginFactor factor = new MarginFactor(rules(maxStep, maxUpdate, delay), false);
    PathOutcome sink = new PathOutcome();
    double logOracle = Math.log(P0);
    factor.reset(logOracle);
    double[] r = returns();
    for (int t = 1; t <= STEPS; t++) {
      logOracle += r[t - 1];
      factor.observe(t, logOracle, null, sink);
      assertEquals(m[t], factor.factor(), 1e-12 * m[t], "step " + t);
    }
    assertEquals(moves, sink.countOf(OutcomeCount.MARGIN_UPDATES));

    // The loan is liquidated at the first step the recomputed LT_eff makes it eligible.
    int expected = -1;
    double logPrice = Math.log(P0);
    for (int t = 1; t <= STEPS && expected < 0; t++) {
      logPrice += r[t - 1];
      if (logPrice < Math.log(DEBT / LT) + Math.log(m[t])) {
        expected = t;
      }
    }
    assertTrue(expected > 60, "the recomputed threshold should catch the loan, at " + expected);
    PathOutcome out = new PathOutcome();
    PathSimulator kernel = new PathSimulator(scenario(rules(maxStep, maxUpdate, delay)));
    kernel.run(0, out);
    assertEquals(expected, out.firstLiquidationStep);
    assertEquals(moves, out.countOf(OutcomeCount.MARGIN_UPDATES));
    // What the margin cost: c O (LT - LT / m) at each step after its liquidations (the loan's
    // collateral, then what the liquidation left of it), averaged over the steps.
    double left = kernel.collateralAfterPath(0);
    assertTrue(left > 0 && left < 1, "collateral left " + left);
    double capacity = 0;
    double factorSum = 0;
    logPrice = Math.log(P0);
    for (int t = 1; t <= STEPS; t++) {
      logPrice += r[t - 1];
      capacity += (t < expected ? 1 : left) * Math.exp(logPrice) * (LT - LT / m[t]);
      factorSum += m[t];
    }
    assertEquals(capacity / STEPS, out.amountOf(OutcomeAmount.MARGIN_CAPACITY_LOST),
        1e-9 * capacity / STEPS);
    assertEquals(factorSum / STEPS, out.amountOf(OutcomeAmount.MARGIN_FACTOR), 1e-12);

    PathOutcome still = new PathOutcome();
    new PathSimulator(scenario(null)).run(0, still);
    assertEquals(-1, still.firstLiquidationStep, "the static margin never reaches the loan");
    assertEquals(0, still.amountOf(OutcomeAmount.MARGIN_CAPACITY_LOST));
  }
}
