package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.liquidity.InfiniteDepth;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.MarketModel;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationEngine;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.LossWaterfall;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.PerpBook;
import io.margincall.protocol.PerpPosition;
import io.margincall.protocol.PerpRules;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.OutcomeCount;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dynamic margin as an index shift against a full re-evaluation, on random books: the
 * lending index, stepped as the kernel steps it (settled only when the oracle crosses its fall
 * trigger), under a factor that tightens and loosens at random, must liquidate the same
 * accounts at the same steps, to the bit, as a scan of every account at every step with the
 * rule written out ({@code ln O < ln(D / (c LT)) + ln m}), partial liquidations included.
 */
class MarginShiftTest {

  @ParameterizedTest(name = "close factor {0}, bonus {1}")
  @CsvSource({"1.0, 0.0", "0.5, 0.05", "0.25, 0.1"})
  void theShiftedIndexLiquidatesWhatAFullScanDoes(double closeFactor, double bonus) {
    long liquidations = 0;
    long factorMoves = 0;
    for (int seed = 0; seed < 40; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      int n = 20 + rng.nextInt(200);
      double[] c = new double[n];
      double[] d = new double[n];
      double[] lt = new double[n];
      for (int i = 0; i < n; i++) {
        c[i] = 0.5 + 10 * rng.nextDouble();
        lt[i] = 0.5 + 0.45 * rng.nextDouble();
        // Loans from LTV 0.2 to just under LT at 1000; a few at exactly the same trigger.
        d[i] = i > 0 && rng.nextInt(10) == 0 ? d[i - 1] / c[i - 1] / lt[i - 1] * c[i] * lt[i]
            : c[i] * 1000 * (0.2 + (lt[i] - 0.2) * rng.nextDouble());
      }
      AccountBook book = AccountBook.of(c, d, lt);
      LiquidationRules rules = new LiquidationRules(closeFactor, bonus, 0, SeizePricing.MARKET);
      TriggerOrderedIndex index = new TriggerOrderedIndex(book, engine(rules), new Keeper(null,
          null), MarketModel.of(GeometricBrownianMotion.of(0, 1, 60)).newPath(), true);
      LiquidationEngine reference = engine(rules);
      index.startPath();
      reference.startPath();
      double[] rc = new double[n];
      double[] rd = new double[n];
      for (int i = 0; i < n; i++) {
        rc[i] = book.collateral(i);
        rd[i] = book.debt(i);
      }
      PathOutcome kernel = new PathOutcome();
      PathOutcome scan = new PathOutcome();
      double logOracle = Math.log(1000);
      double m = 1;
      for (int t = 1; t <= 400; t++) {
        logOracle += 0.01 * (rng.nextDouble() - 0.52);
        if (rng.nextInt(4) == 0) {  // governance moves the factor, either way
          m = Math.max(1, Math.min(1.6, m * (1 + 0.08 * (rng.nextDouble() - 0.4))));
          index.marginFactor(m);
          factorMoves++;
        }
        if (logOracle < index.fallTrigger()) {
          index.settle(t, logOracle, logOracle, kernel);
        }
        reference.openStep(t, logOracle, 0);
        double shift = Math.log(m);
        for (int i = 0; i < n; i++) {
          if (rd[i] > 0 && logOracle < Math.log(rd[i] / (rc[i] * book.threshold(i))) + shift) {
            reference.liquidate(rc[i], rd[i], book.threshold(i), Double.NaN, t, scan);
            rc[i] = reference.collateralLeft();
            rd[i] = reference.debtLeft();
          }
        }
        assertEquals(scan.countOf(OutcomeCount.LIQUIDATIONS),
            kernel.countOf(OutcomeCount.LIQUIDATIONS), "seed " + seed + ", step " + t);
      }
      for (int i = 0; i < n; i++) {
        assertEquals(rd[i], index.debtAfterPath(i), "seed " + seed + ", account " + i);
        assertEquals(rc[i], index.collateralAfterPath(i), "seed " + seed + ", account " + i);
      }
      assertEquals(scan.countOf(OutcomeCount.LIQUIDATIONS_PARTIAL),
          kernel.countOf(OutcomeCount.LIQUIDATIONS_PARTIAL));
      liquidations += kernel.countOf(OutcomeCount.LIQUIDATIONS);
    }
    assertTrue(liquidations > 500 && factorMoves > 1000, liquidations + " liquidations");
  }

  /**
   * The perp index under a random factor on its maintenance rates against a scan of every
   * position each step with the rule written out in price space ({@code equity < MM m |s| mark},
   * {@link PerpPosition#eligible}): the same positions closed at the same steps. The index
   * recomputes one trigger per (side, tier), the scan every position; a difference in a
   * boundary's rounding would need a mark within 1e-15 of a trigger, which random marks avoid.
   */
  @org.junit.jupiter.api.Test
  void theShiftedPerpIndexClosesWhatAFullScanDoes() {
    long closes = 0;
    for (int seed = 0; seed < 40; seed++) {
      SplittableRandom rng = new SplittableRandom(1000 + seed);
      int n = 20 + rng.nextInt(150);
      double[] margin = new double[n];
      double[] size = new double[n];
      double[] entry = new double[n];
      double[] mm = new double[n];
      double[] tiers = {0.005, 0.01, 0.025, 0.05};
      for (int i = 0; i < n; i++) {
        size[i] = (rng.nextBoolean() ? 1 : -1) * (0.1 + 5 * rng.nextDouble());
        entry[i] = 1000 * (0.97 + 0.06 * rng.nextDouble());
        mm[i] = tiers[rng.nextInt(tiers.length)];
        margin[i] = Math.abs(size[i]) * entry[i] / (2 + 18 * rng.nextDouble());  // 2x to 20x
      }
      PerpBook book = PerpBook.of(margin, size, entry, mm);
      PerpIndex index = new PerpIndex(book, engine(LiquidationRules.ideal()),
          new Keeper(null, null), MarketModel.of(GeometricBrownianMotion.of(0, 1, 60)).newPath(),
          PerpRules.ideal());
      index.startPath();
      boolean[] open = new boolean[n];
      java.util.Arrays.fill(open, true);
      PathOutcome out = new PathOutcome();
      double logMark = Math.log(1000);
      double m = 1;
      long expected = 0;
      for (int t = 1; t <= 300; t++) {
        logMark += 0.006 * (rng.nextDouble() - 0.5);
        if (rng.nextInt(3) == 0) {
          m = Math.max(0.8, Math.min(3, m * (1 + 0.2 * (rng.nextDouble() - 0.4))));
          index.marginFactor(m);
        }
        if (logMark < index.fallTrigger() || logMark > index.riseTrigger()) {
          index.settle(t, logMark, logMark, out);
        }
        double mark = Math.exp(logMark);
        for (int i = 0; i < n; i++) {
          if (open[i] && PerpPosition.eligible(margin[i], size[i], entry[i], mm[i] * m, mark)) {
            open[i] = false;
            expected++;
          }
        }
        assertEquals(expected, out.countOf(OutcomeCount.LIQUIDATIONS), "seed " + seed + ", step " + t);
      }
      for (int i = 0; i < n; i++) {
        assertEquals(open[i] ? size[i] : 0, index.sizeAfterPath(i), "seed " + seed + ", position " + i);
      }
      closes += expected;
    }
    assertTrue(closes > 500, closes + " closes");
  }

  private static LiquidationEngine engine(LiquidationRules rules) {
    return new LiquidationEngine(rules, 0, new InfiniteDepth(), 0, null,
        new LossWaterfall(InsuranceRules.none(), 1_000_000), 0, PerpRules.ideal(), 12);
  }
}
