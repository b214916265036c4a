package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.liquidity.LinearDepth;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.HistoricalReturns;
import io.margincall.model.price.MarketModel;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.CircuitBreakerRules;
import io.margincall.protocol.CircuitBreakerRules.Pause;
import io.margincall.protocol.CircuitBreakerRules.Trigger;
import io.margincall.protocol.FundingRules;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.PerpBook;
import io.margincall.protocol.PerpRules;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker on replayed (deterministic) markets with an oracle that posts every step,
 * so each pause, grace step and liquidation lands on a step known in advance. It cuts both
 * ways: on a fall that goes on, holding liquidations lets accounts slide into bad debt; on a
 * flash crash that recovers, it keeps them from being sold at the bottom.
 */
class CircuitBreakerTest {
  private static final double DT = 60;

  /** A market replaying prices {@code price(t)} for t = 1..steps, from 100 at t = 0. */
  static MarketModel replay(int steps, IntToDoubleFunction price) {
    double[] returns = new double[steps];
    double last = 100;
    for (int t = 1; t <= steps; t++) {
      returns[t - 1] = Math.log(price.applyAsDouble(t) / last);
      last = price.applyAsDouble(t);
    }
    return new MarketModel(GeometricBrownianMotion.of(0, 0.8, DT), 0, null, null, null,
        new HistoricalReturns("test", returns, true, 1));
  }

  private static Scenario.Builder scenario(int steps, IntToDoubleFunction price, AccountBook book) {
    return Scenario.builder().seed(1).steps(steps).stepSeconds(DT).initialPrice(100)
        .market(replay(steps, price)).oracle(OracleRules.ideal()).book(book)
        .liquidation(LiquidationRules.ideal()).insurance(InsuranceRules.none());
  }

  private static CircuitBreakerRules priceMove(int window, double threshold, int coolDown,
                                               int grace) {
    return new CircuitBreakerRules(Trigger.PRICE_MOVE, window, threshold, Pause.LIQUIDATIONS,
        coolDown, grace, DT);
  }

  private static PathOutcome run(Scenario scenario) {
    PathOutcome out = new PathOutcome();
    new PathSimulator(scenario).run(0, out);
    return out;
  }

  /** One loan: 1 unit against 75 USD at threshold 0.9: eligible below 83.33, bankrupt below 75. */
  private static AccountBook oneLoan() {
    return AccountBook.of(new double[] {1}, new double[] {75}, new double[] {0.9});
  }

  @Test
  void pausingLiquidationsOnAFallThatGoesOnTurnsATimelyLiquidationIntoBadDebt() {
    // -1 % a step for 40 steps (100 -> 66.9), then flat.
    IntToDoubleFunction falling = t -> 100 * Math.pow(0.99, Math.min(t, 40));
    Scenario base = scenario(120, falling, oneLoan()).build();
    PathOutcome none = run(base);
    // Without a breaker: liquidated in full at step 19 (0.99^19 = 0.826 < 0.8333), at 82.6 > 75.
    assertEquals(19, none.firstLiquidationStep);
    assertEquals(0, none.badDebt);

    // A 4 % move over 5 steps trips it (0.99^5 - 1 = -4.9 %) at step 5; each 10-step pause ends
    // into the same fall and trips again (15, 25, 35); at 45 the window (40..45) is flat.
    PathOutcome held = run(base.toBuilder().circuitBreaker(priceMove(5, 0.04, 10, 0)).build());
    assertEquals(4, held.countOf(OutcomeCount.BREAKER_PAUSES));
    assertEquals(40, held.countOf(OutcomeCount.BREAKER_PAUSED_STEPS));
    assertEquals(0, held.countOf(OutcomeCount.BREAKER_GRACE_STEPS));
    assertEquals(44 - 19 + 1, held.countOf(OutcomeCount.PAUSED_BY_BREAKER),
        "the loan is eligible and held at steps 19..44");
    assertEquals(45, held.firstLiquidationStep);
    // Closed at 100 x 0.99^40 = 66.9 < 75: bad debt 75 - 66.9 = 8.1, all of it at the resume.
    double bottom = 100 * Math.pow(0.99, 40);
    assertEquals(75 - bottom, held.badDebt, 1e-9);
    assertTrue(held.badDebt > 8, "bad debt " + held.badDebt);
    assertEquals(held.badDebt, held.amountOf(OutcomeAmount.BAD_DEBT_AFTER_PAUSE));
    assertEquals(held.badDebt, held.amountOf(OutcomeAmount.BAD_DEBT_AT_RESUME));
  }

  @Test
  void pausingLiquidationsThroughAFlashCrashThatRecoversAvoidsSellingAtTheBottom() {
    // 100, then 70 at steps 11-12 (a flash crash), then 98.
    IntToDoubleFunction flash = t -> t <= 10 ? 100 : t <= 12 ? 70 : 98;
    // Ten loans of 10 units each, eligible between 83.3 and 72.2, a 5 % bonus, sold into a thin
    // linear book whose impact stays: each sale at the bottom pushes the next loan further
    // under.
    int n = 10;
    double[] c = new double[n];
    double[] d = new double[n];
    double[] lt = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = 10;
      d[i] = 750 - 10 * i;
      lt[i] = 0.9;
    }
    Scenario base = scenario(60, flash, AccountBook.of(c, d, lt))
        .liquidation(new LiquidationRules(1, 0.05, 0, SeizePricing.MARKET))
        .depth(new LinearDepth(20_000, 1)).permanentImpact(1).build();
    PathOutcome none = run(base);
    assertEquals(11, none.firstBadDebtStep);
    assertTrue(none.badDebt > 50, "the crash sells loans into bad debt: " + none.badDebt);
    assertTrue(none.countOf(OutcomeCount.LIQUIDATIONS) >= n, "every loan sold at the bottom");

    // A 10 % move in one step trips it at step 11; the pause (5 steps) outlasts the crash.
    PathOutcome held = run(base.toBuilder().circuitBreaker(priceMove(1, 0.1, 5, 0)).build());
    assertEquals(1, held.countOf(OutcomeCount.BREAKER_PAUSES));
    assertEquals(5, held.countOf(OutcomeCount.BREAKER_PAUSED_STEPS));
    assertEquals(2L * n, held.countOf(OutcomeCount.PAUSED_BY_BREAKER), "ten loans held at 11, 12");
    assertEquals(0, held.countOf(OutcomeCount.LIQUIDATIONS), "healthy again at 98");
    assertEquals(0, held.countOf(OutcomeCount.PROTOCOL_CLOSE_OUTS));
    assertEquals(0, held.badDebt);
  }

  @Test
  void theGracePeriodHoldsLiquidationsAfterTheUnpause() {
    // A drop to 80 at step 11 that stays: the loan is eligible (80 < 83.3) but solvent.
    IntToDoubleFunction drop = t -> t <= 10 ? 100 : 80;
    Scenario base = scenario(40, drop, oneLoan()).build();
    assertEquals(11, run(base).firstLiquidationStep);
    PathOutcome noGrace = run(base.toBuilder().circuitBreaker(priceMove(1, 0.1, 3, 0)).build());
    assertEquals(14, noGrace.firstLiquidationStep, "paused 11..13");
    PathOutcome grace = run(base.toBuilder().circuitBreaker(priceMove(1, 0.1, 3, 4)).build());
    assertEquals(3, grace.countOf(OutcomeCount.BREAKER_PAUSED_STEPS));
    assertEquals(4, grace.countOf(OutcomeCount.BREAKER_GRACE_STEPS));
    assertEquals(7, grace.countOf(OutcomeCount.PAUSED_BY_BREAKER));
    assertEquals(18, grace.firstLiquidationStep, "paused 11..13, in grace 14..17");
    assertEquals(0, grace.badDebt);
  }

  /**
   * Realized volatility over w steps, {@code sqrt(sum r^2 / (w dt))} annualized, after one jump
   * r = ln 0.8 in a flat market: |r| sqrt(year / (w dt)) = 51.2 for w = 10, dt = 60 s. A
   * threshold of 50 trips, one of 52 does not; tripped, it trips again after each 2-step pause
   * until the jump leaves the window (steps 11..20: five pauses).
   */
  @Test
  void realizedVolatilityTripsAtItsClosedFormThreshold() {
    IntToDoubleFunction jump = t -> t <= 10 ? 100 : 80;
    Scenario base = scenario(40, jump, oneLoan()).build();
    double critical = Math.abs(Math.log(0.8))
        * Math.sqrt(GeometricBrownianMotion.SECONDS_PER_YEAR / (10 * DT));
    assertTrue(critical > 51 && critical < 51.5, "closed form " + critical);
    PathOutcome below = run(base.toBuilder().circuitBreaker(new CircuitBreakerRules(
        Trigger.REALIZED_VOLATILITY, 10, 52, Pause.LIQUIDATIONS, 2, 0, DT)).build());
    assertEquals(0, below.countOf(OutcomeCount.BREAKER_PAUSES));
    assertEquals(11, below.firstLiquidationStep);
    PathOutcome above = run(base.toBuilder().circuitBreaker(new CircuitBreakerRules(
        Trigger.REALIZED_VOLATILITY, 10, 50, Pause.LIQUIDATIONS, 2, 0, DT)).build());
    assertEquals(5, above.countOf(OutcomeCount.BREAKER_PAUSES));
    assertEquals(10, above.countOf(OutcomeCount.BREAKER_PAUSED_STEPS));
    assertEquals(21, above.firstLiquidationStep);
  }

  /**
   * A trading pause freezes perp funding too; a liquidations pause does not. Two longs and a
   * short, 2x leveraged (never eligible), funding every 5 steps at a constant rate; a drop to
   * 80 at step 11 pauses steps 11..20, so under {@code trading} the payments at 15 and 20 are
   * not made: gross funding (100 + 100 + 80 + 80) / (100 + 100 + 4 x 80) of the other's.
   */
  @Test
  void aTradingPauseStopsPerpFundingAndALiquidationsPauseDoesNot() {
    IntToDoubleFunction drop = t -> t <= 10 ? 100 : 80;
    PerpBook book = PerpBook.of(new double[] {50, 50, 50}, new double[] {1, 1, -1},
        new double[] {100, 100, 100}, new double[] {0.05, 0.05, 0.05});
    Scenario base = scenario(30, drop, AccountBook.of(new double[0], new double[0],
        new double[0])).perps(book).perpRules(new PerpRules(0, PerpRules.AdlRanking.OFF,
        new FundingRules(5, 0.001, 0.01), 0, null)).build();
    double[] gross = new double[2];
    Pause[] pauses = {Pause.LIQUIDATIONS, Pause.TRADING};
    for (int k = 0; k < 2; k++) {
      PathSimulator kernel = new PathSimulator(base.toBuilder().circuitBreaker(
          new CircuitBreakerRules(Trigger.PRICE_MOVE, 1, 0.1, pauses[k], 10, 0, DT)).build());
      PathOutcome out = new PathOutcome();
      kernel.run(0, out);
      assertEquals(10, out.countOf(OutcomeCount.BREAKER_PAUSED_STEPS));
      assertEquals(0, out.countOf(OutcomeCount.LIQUIDATIONS));
      gross[k] = kernel.perpFundingAfterPath()[1];
    }
    assertTrue(gross[0] > 0);
    assertEquals(360.0 / 520, gross[1] / gross[0], 1e-12);
  }

  /** The breaker reads the oracle, not the market: a 10-step oracle delay delays the trip. */
  @Test
  void theBreakerWatchesTheOracleNotTheMarket() {
    IntToDoubleFunction drop = t -> t <= 10 ? 100 : 80;
    Scenario base = scenario(40, drop, oneLoan()).oracle(new OracleRules(10, 0, 0)).build();
    PathOutcome out = run(base.toBuilder().circuitBreaker(priceMove(1, 0.1, 3, 0)).build());
    assertEquals(1, out.countOf(OutcomeCount.BREAKER_PAUSES));
    // The oracle shows the drop at step 21: paused 21..23, liquidated at 24.
    assertEquals(24, out.firstLiquidationStep);
  }
}
