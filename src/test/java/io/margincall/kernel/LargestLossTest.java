package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.liquidity.InfiniteDepth;
import io.margincall.model.liquidity.LinearDepth;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.MarketModel;
import io.margincall.protocol.LargestLoss;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.PerpBook;
import io.margincall.protocol.PerpPosition;
import io.margincall.protocol.PerpRules;
import org.junit.jupiter.api.Test;

/**
 * The per-path drill-down of the position that lost the most: recomputed independently for one
 * position in the ideal case (SPEC 2.7: closed in full at the market price of the step the
 * lagging oracle lets it through, at no slippage), and bounded on a mixed book.
 */
class LargestLossTest {

  /**
   * One loan (c = 10, D = 18,000, LT = 0.97) behind an oracle 60 steps late, volatile enough to
   * gap through its bankruptcy price: on every path with bad debt the drill-down names it, its
   * loss is the bad debt, its prices are D / (c LT) and D / c, the oracle it was let through at
   * was below the liquidation price, and the loss is {@code D - c x market} (to 1e-9 relative:
   * one product and one difference).
   */
  @Test
  void aLoanClosedInsolventIsTracedToItsPrices() {
    double c = 10;
    double d = 18_000;
    double lt = 0.97;
    Scenario scenario = TestScenarios.singleAccount(7, 3.0, 60, 1440, 2000, c, d, lt,
        new OracleRules(60, 0, 0));
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    int losses = 0;
    for (long path = 0; path < 400; path++) {
      kernel.run(path, out);
      LargestLoss w = out.largestLoss;
      if (out.badDebt == 0) {
        assertNull(w.kindName(), "path " + path);
        assertEquals(-1, w.account());
        continue;
      }
      losses++;
      assertEquals("loan", w.kindName());
      assertEquals(0, w.account());
      assertEquals(out.firstBadDebtStep, w.step());
      assertEquals(out.badDebt, w.loss(), 0);
      assertEquals(d / (c * lt), w.liquidationPrice(), 1e-12 * d / c);
      assertEquals(d / c, w.bankruptcyPrice(), 1e-12 * d / c);
      assertTrue(w.mark() < w.liquidationPrice(), "path " + path);
      assertTrue(w.market() < w.bankruptcyPrice(), "path " + path);
      assertEquals(d - c * w.market(), w.loss(), 1e-9 * d);
    }
    assertTrue(losses > 20, "the case needs losses: " + losses);
  }

  /**
   * One long perp (margin 2,000, 10 units at 2,000, mm 0.01), oracle 60 steps late, no fee:
   * its loss beyond margin is {@code |s| (bankruptcy - market)} at the market price of the
   * close, and its prices are the position's trigger and bankruptcy prices.
   */
  @Test
  void aPerpClosedBeyondItsMarginIsTracedToItsPrices() {
    double margin = 2_000;
    double size = 10;
    double entry = 2000;
    double mm = 0.01;
    PerpBook book = PerpBook.of(new double[] {margin}, new double[] {size},
        new double[] {entry}, new double[] {mm});
    Scenario scenario = PerpetualFuturesTest.perps(9,
        MarketModel.of(GeometricBrownianMotion.of(0, 2.0, 60)), 1440, 60, 2000,
        new OracleRules(60, 0, 0), book, PerpRules.ideal(), 0, new InfiniteDepth(), 0);
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    double bankruptcy = PerpPosition.bankruptcyPrice(margin, size, entry);
    double trigger = PerpPosition.triggerPrice(margin, size, entry, mm);
    int losses = 0;
    for (long path = 0; path < 400; path++) {
      kernel.run(path, out);
      LargestLoss w = out.largestLoss;
      if (out.badDebt == 0) {
        assertNull(w.kindName(), "path " + path);
        continue;
      }
      losses++;
      assertEquals("perp", w.kindName());
      assertEquals(0, w.account());
      assertEquals(out.badDebt, w.loss(), 0);
      assertEquals(bankruptcy, w.bankruptcyPrice(), 1e-12 * entry);
      assertEquals(trigger, w.liquidationPrice(), 1e-12 * entry);
      assertTrue(w.mark() < trigger, "path " + path);
      assertEquals(size * (bankruptcy - w.market()), w.loss(), 1e-9 * size * entry);
    }
    assertTrue(losses > 20, "the case needs losses: " + losses);
  }

  /**
   * A mixed long/short book with slippage, impact and ADL: the largest loss is one of the
   * path's losses, so at most the bad debt and positive exactly when there is bad debt; the
   * position it names exists, the mark had crossed its liquidation price, and that price lies
   * on the safe side of its bankruptcy price.
   */
  @Test
  void onABookTheLargestLossIsOneOfThePathsLosses() {
    PerpBook book = PerpetualFuturesTest.mixedBook(200, 13);
    Scenario scenario = PerpetualFuturesTest.perps(15,
        MarketModel.of(GeometricBrownianMotion.of(0, 2.5, 60)), 1440, 60, 2000,
        new OracleRules(3, 0, 0), book, new PerpRules(0.005, PerpRules.AdlRanking.PNL), 5_000,
        new LinearDepth(3_000_000, 1), 0.3);
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    int losses = 0;
    for (long path = 0; path < 100; path++) {
      kernel.run(path, out);
      LargestLoss w = out.largestLoss;
      assertTrue(w.loss() <= out.badDebt * (1 + 1e-12), "path " + path);
      assertEquals(out.badDebt > 0, w.loss() > 0, "path " + path);
      if (w.loss() > 0) {
        losses++;
        assertTrue(w.account() >= 0 && w.account() < book.size());
        // Its side's order of prices: the mark crossed the liquidation price, which lies
        // before the bankruptcy price (a long's above it, a short's below).
        double side = Math.signum(book.positionSize(w.account()));
        assertTrue(side * (w.mark() - w.liquidationPrice()) < 0, "path " + path);
        assertTrue(side * (w.liquidationPrice() - w.bankruptcyPrice()) >= 0, "path " + path);
      }
    }
    assertTrue(losses > 10, "the case needs losses: " + losses);
  }
}
