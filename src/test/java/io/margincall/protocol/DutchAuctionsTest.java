package io.margincall.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.liquidity.InfiniteDepth;
import io.margincall.model.liquidity.LinearDepth;
import io.margincall.model.liquidity.MarketDepth;
import io.margincall.protocol.AuctionRules.Curve;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import org.junit.jupiter.api.Test;

/**
 * Maker's Liquidations 2.0 as the engine runs it (makerdao/dss abaci.sol, clip.sol, dog.sol),
 * one vault at a time on a market and oracle the test sets step by step: the abacus prices
 * against hand-computed values, the step of each reset, the step of the keeper's take recomputed
 * here from the sale's closed form, and the limit on debt in auction.
 */
class DutchAuctionsTest {
  private static final double DT = 60;

  private static AuctionRules rules(Curve curve, double buf, double tau, double step, double cut,
                                    double tail, double cusp, double tip, double chip, double chop,
                                    double hole) {
    return new AuctionRules(curve, buf, tau, step, cut, tail, cusp, tip, chip, chop, 1e18, hole);
  }

  private static LiquidationEngine engine(AuctionRules auction, double dust, MarketDepth depth,
                                          double minProfit, LossWaterfall waterfall) {
    LiquidationEngine engine = new LiquidationEngine(
        new LiquidationRules(1, 0, dust, SeizePricing.MARKET, null, auction), minProfit, depth, 0, null,
        waterfall, 0, PerpRules.ideal(), DT);
    engine.startPath();
    return engine;
  }

  private static LossWaterfall noFund() {
    LossWaterfall w = new LossWaterfall(InsuranceRules.none(), 1_000_000);
    w.reset();
    return w;
  }

  /** Step t: the market at {@code market}; barks nothing; runs the auctions at {@code oracle}. */
  private static void step(LiquidationEngine engine, int t, double market, double oracle,
                           PathOutcome out) {
    engine.openStep(t, Math.log(market), 0);
    engine.settleAuctions(t, oracle, out);
  }

  private static int bark(LiquidationEngine engine, int t, double market, double oracle, double c,
                          double d, PathOutcome out) {
    engine.openStep(t, Math.log(market), 0);
    engine.position(LargestLoss.LOAN, 0, d / c, d / c, Math.log(oracle));
    return engine.liquidate(c, d, Double.NaN, oracle, t, out);
  }

  @Test
  void eachAbacusPricesAsItsClosedForm() {
    AuctionRules linear = rules(Curve.LINEAR, 1, 3600, 90, 0.99, 1e9, 0, 0, 0, 1, 1e18);
    assertEquals(1800.0, linear.price(2400, 900), 1e-12);        // 2400 x 2700 / 3600
    assertEquals(2400.0 / 3600, linear.price(2400, 3599), 1e-12);
    assertEquals(0.0, linear.price(2400, 3600));
    assertEquals(0.0, linear.price(2400, 5000));
    AuctionRules stairs = rules(Curve.STAIR_STEP, 1, 3600, 90, 0.99, 1e9, 0, 0, 0, 1, 1e18);
    assertEquals(2400.0, stairs.price(2400, 89), 1e-12);
    assertEquals(2352.24, stairs.price(2400, 269), 1e-9);        // 2400 x 0.99^2
    assertEquals(2328.7176, stairs.price(2400, 270), 1e-9);      // 2400 x 0.99^3
    AuctionRules exponential = rules(Curve.EXPONENTIAL, 1, 3600, 90, 0.999, 1e9, 0, 0, 0, 1, 1e18);
    assertEquals(2376.1077125033957, exponential.price(2400, 10), 1e-9);  // 2400 x 0.999^10
    assertEquals(2400.0, exponential.price(2400, 0));
  }

  @Test
  void rulesRefuseMakersForbiddenValues() {
    assertThrows(IllegalArgumentException.class,
        () -> rules(Curve.LINEAR, 1, 3600, 90, 1.01, 1e9, 0, 0, 0, 1, 1e18));  // cut > RAY
    assertThrows(IllegalArgumentException.class,
        () -> rules(Curve.LINEAR, 1, 3600, 90, 0.99, 1e9, 0, 0, 0, 0.99, 1e18));  // chop < WAD
    assertThrows(IllegalArgumentException.class,
        () -> rules(Curve.LINEAR, 0.9, 3600, 90, 0.99, 1e9, 0, 0, 0, 1, 1e18));  // buf < 1
  }

  /** No keeper ever takes (the market far below the auction): resets at the steps they must. */
  private static int[] resetSteps(AuctionRules auction, int steps) {
    LiquidationEngine engine = engine(auction, 0, new InfiniteDepth(), 0, noFund());
    PathOutcome out = new PathOutcome();
    out.reset();
    assertEquals(LiquidationEngine.CLOSED, bark(engine, 1, 1e-6, 2000, 1, 1000, out));
    int[] at = new int[4];
    int n = 0;
    long seen = 0;
    for (int t = 1; t <= steps; t++) {
      if (t > 1) {
        step(engine, t, 1e-6, 2000, out);
      } else {
        engine.settleAuctions(t, 2000, out);
      }
      if (out.countOf(OutcomeCount.AUCTIONS_RESET) > seen) {
        seen = out.countOf(OutcomeCount.AUCTIONS_RESET);
        at[n++] = t;
      }
      if (n == at.length) {
        break;
      }
    }
    assertEquals(0, out.countOf(OutcomeCount.AUCTION_TAKES));
    return at;
  }

  @Test
  void tailResetsTheFirstStepOlderThanTail() {
    // tail 600 s at 60 s steps: 600 s (10 steps) is not > tail, 660 s is: resets at 1 + 11.
    int[] at = resetSteps(rules(Curve.LINEAR, 1, 1e6, 90, 0.99, 600, 0, 0, 0, 1, 1e18), 100);
    assertEquals(12, at[0]);
    assertEquals(23, at[1]);
    assertEquals(34, at[2]);
  }

  @Test
  void cuspResetsTheFirstStepBelowIt() {
    // linear over 3600 s, cusp 0.5: price / top = (3600 - s) / 3600 is exactly 0.5 at 1800 s (30
    // steps: no reset) and below at 1860 s: resets at 1 + 31.
    int[] at = resetSteps(rules(Curve.LINEAR, 1, 3600, 90, 0.99, 1e9, 0.5, 0, 0, 1, 1e18), 200);
    assertEquals(32, at[0]);
    assertEquals(63, at[1]);
    // stair-step, cut 0.9 per 120 s, cusp 0.7: 0.9^3 = 0.729, 0.9^4 = 0.6561 < 0.7 from 480 s on
    // (8 steps): resets at 1 + 8.
    at = resetSteps(rules(Curve.STAIR_STEP, 1, 3600, 120, 0.9, 1e9, 0.7, 0, 0, 1, 1e18), 200);
    assertEquals(9, at[0]);
    assertEquals(17, at[1]);
  }

  @Test
  void aKeeperTakesTheFirstStepTheSaleClearsSlippageAndItsMinimumProfit() {
    double market = 1000;
    double depth = 1e6;
    double minProfit = 50;
    double c = 10;
    double d = 5000;
    double chop = 1.1;
    double buf = 1.5;
    double cut = 0.97;
    AuctionRules auction = rules(Curve.STAIR_STEP, buf, 3600, DT, cut, 1e9, 0, 0, 0, chop, 1e18);
    // Independently: the price k steps after the bark is top x cut^k; the keeper buys
    // min(c, tab / p) and sells it into a linear book, q - q^2 / (2 depth) for q = units x market.
    double top = market * buf;
    double tab = d * chop;
    int expected = -1;
    double expectedSlice = 0;
    for (int k = 0; k < 100 && expected < 0; k++) {
      double p = top * Math.pow(cut, k);
      double slice = Math.min(c, tab / p);
      double q = slice * market;
      if (q - q * q / (2 * depth) - Math.min(slice * p, tab) >= minProfit) {
        expected = k;
        expectedSlice = slice;
      }
    }
    assertTrue(expected > 5, "the auction starts above the market: no take at once");

    LossWaterfall waterfall = noFund();
    LiquidationEngine engine = engine(auction, 0, new LinearDepth(depth, 1), minProfit, waterfall);
    PathOutcome out = new PathOutcome();
    out.reset();
    bark(engine, 1, market, market, c, d, out);
    for (int t = 1; t <= 100; t++) {
      if (t > 1) {
        step(engine, t, market, market, out);
      } else {
        engine.settleAuctions(t, market, out);
      }
      assertEquals(t - 1 < expected ? 0 : 1, out.countOf(OutcomeCount.AUCTION_TAKES), "step " + t);
    }
    assertFalse(engine.auctionsRunning());
    assertEquals(d, out.debtRepaid, 1e-9);                // the tab is covered: the debt repaid
    assertEquals(expectedSlice, out.collateralSeized, 1e-12);
    assertEquals(c - expectedSlice, engine.auctionBalances()[0], 1e-12);  // the rest goes back
    assertEquals(0, out.badDebt);
  }

  @Test
  void anExhaustedLotLeavesTheUnrepaidDebtAsBadDebtAndKeeperIncentivesAreTheVowsLoss() {
    LossWaterfall waterfall = new LossWaterfall(new InsuranceRules(100, 0), 1_000_000);
    waterfall.reset();
    // buf 1, no cut: the auction asks the oracle's 400, the market is at 401: the keeper takes
    // the whole lot at once for 10 x 400 = 4000.
    AuctionRules auction = rules(Curve.EXPONENTIAL, 1, 3600, DT, 1, 1e9, 0, 250, 0.01, 1.13, 1e18);
    LiquidationEngine engine = engine(auction, 0, new InfiniteDepth(), 0, waterfall);
    PathOutcome out = new PathOutcome();
    out.reset();
    bark(engine, 1, 401, 400, 10, 5000, out);
    engine.settleAuctions(1, 400, out);
    double incentive = 250 + 0.01 * 5000 * 1.13;
    assertEquals(incentive, out.amountOf(OutcomeAmount.KEEPER_INCENTIVES), 1e-9);
    assertEquals(1000 + incentive, out.badDebt, 1e-9);   // 5000 - 4000 raised, and the incentive
    assertEquals(100, out.insuranceDraw, 1e-12);
    assertEquals(out.badDebt, out.insuranceDraw + out.socializedLoss, 1e-9);
    assertEquals(4000, out.debtRepaid, 1e-9);
    assertEquals(1000, out.largestLoss.loss(), 1e-9);
  }

  @Test
  void theLimitOnDebtInAuctionBarksAShareThenNothingUntilTakesFreeRoom() {
    // ilk.hole 8000 USD, chop 1, dust 100; the market far below the auction (no take yet).
    AuctionRules auction = rules(Curve.LINEAR, 1, 3600, DT, 0.99, 1e9, 0, 0, 0, 1, 8000);
    LiquidationEngine engine = engine(auction, 100, new InfiniteDepth(), 0, noFund());
    PathOutcome out = new PathOutcome();
    out.reset();
    assertEquals(LiquidationEngine.CLOSED, bark(engine, 1, 1e-6, 2000, 4, 5000, out));
    // Room 3000 of 5000: dart = 3000, dink = 4 x 3000 / 5000, the vault keeps the rest.
    assertEquals(LiquidationEngine.OPEN, bark(engine, 1, 1e-6, 2000, 4, 5000, out));
    assertEquals(1.6, engine.collateralLeft(), 1e-12);
    assertEquals(2000, engine.debtLeft(), 1e-9);
    assertEquals(1, out.countOf(OutcomeCount.AUCTIONS_THROTTLED));
    // No room left: refused, the vault unchanged.
    assertEquals(LiquidationEngine.SKIPPED, bark(engine, 1, 1e-6, 2000, 1.6, 2000, out));
    assertEquals(2000, engine.debtLeft());
    assertEquals(2, out.countOf(OutcomeCount.AUCTIONS_THROTTLED));
    assertEquals(2, out.countOf(OutcomeCount.AUCTIONS_STARTED));
    engine.settleAuctions(1, 2000, out);
    // The market recovers: both auctions are taken in full, the room comes back.
    step(engine, 2, 2500, 2000, out);
    assertEquals(2, out.countOf(OutcomeCount.AUCTION_TAKES));
    assertEquals(LiquidationEngine.CLOSED, bark(engine, 3, 1e-6, 2000, 1.6, 2000, out));
    assertEquals(3, out.countOf(OutcomeCount.AUCTIONS_STARTED));
  }

  @Test
  void aPartialBarkWhoseRestWouldBeDustTakesTheWholeVault() {
    AuctionRules auction = rules(Curve.LINEAR, 1, 3600, DT, 0.99, 1e9, 0, 0, 0, 1, 8000);
    LiquidationEngine engine = engine(auction, 100, new InfiniteDepth(), 0, noFund());
    PathOutcome out = new PathOutcome();
    out.reset();
    bark(engine, 1, 1e-6, 2000, 4, 5000, out);
    // Room 3000, debt 3050: the rest (50) would be below dust 100, so all of it (dog.sol).
    assertEquals(LiquidationEngine.CLOSED, bark(engine, 1, 1e-6, 2000, 2, 3050, out));
    assertEquals(0, out.countOf(OutcomeCount.AUCTIONS_THROTTLED));
    // Over the limit now: a dusty partial is refused as well as none.
    assertEquals(LiquidationEngine.SKIPPED, bark(engine, 1, 1e-6, 2000, 2, 3050, out));
  }
}
