package io.margincall.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.kernel.PathBatch;
import io.margincall.kernel.PathSimulator;
import io.margincall.kernel.Scenario;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.MarketModel;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.PerpBook;
import io.margincall.protocol.PerpRules;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.LiquidationCosts;
import io.margincall.stats.SweepAccumulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A point's liquidations against the baseline's, account by account on the same path: checked
 * against a recomputation that does not use the recorded first liquidations at all.
 */
class LiquidationCostsTest {
  private static final int STEPS = 60;
  private static final double DT = 60;
  private static final double S0 = 2000;

  /**
   * A book of loans and perp positions (longs and shorts) with triggers within a few percent of
   * the start, on a volatile hour: many accounts are liquidated on most paths.
   */
  private static Scenario book(long seed, double threshold, double maintenance, long bookSeed) {
    Random r = new Random(bookSeed);
    int loans = 12;
    double[] c = new double[loans];
    double[] d = new double[loans];
    double[] lt = new double[loans];
    for (int i = 0; i < loans; i++) {
      c[i] = 1 + r.nextDouble();
      lt[i] = threshold;
      d[i] = c[i] * S0 * 0.80 * (0.95 + 0.05 * r.nextDouble());
    }
    int perps = 8;
    double[] margin = new double[perps];
    double[] size = new double[perps];
    double[] entry = new double[perps];
    double[] mm = new double[perps];
    for (int i = 0; i < perps; i++) {
      size[i] = (i % 2 == 0 ? 1 : -1) * (0.5 + r.nextDouble());
      entry[i] = S0;
      margin[i] = Math.abs(size[i]) * S0 * (0.03 + 0.03 * r.nextDouble());
      mm[i] = maintenance;
    }
    return new Scenario(seed, STEPS, DT, S0,
        MarketModel.of(GeometricBrownianMotion.of(0, 4.0, DT)), new OracleRules(2, 0, 0),
        AccountBook.of(c, d, lt), new LiquidationRules(1.0, 0.05, 0.0, SeizePricing.MARKET),
        InsuranceRules.none(), new io.margincall.model.liquidity.InfiniteDepth(), 0, 0, null, null,
        PerpBook.of(margin, size, entry, mm), PerpRules.ideal());
  }

  /**
   * The step each account is first liquidated at on a path, found without the kernel's record:
   * the first horizon T at which the account's debt (loans) or size (perps) differs from the
   * book's, running the same path truncated to T steps (the first T steps of a path are the same
   * whatever its horizon). Loans first in input order, then perps; -1: never. Horizons start
   * after the oracle delay (the model refuses a shorter one): until then the oracle shows the
   * initial price, at which no account of these books is eligible (none is counted eligible at
   * start, checked below), so none can be liquidated earlier.
   */
  private static int[] firstStepsByTruncation(Scenario s, long path) {
    AccountBook book = s.book();
    int loans = book.size();
    int[] first = new int[loans + s.perps().size()];
    java.util.Arrays.fill(first, -1);
    PathOutcome out = new PathOutcome();
    for (int t = s.oracle().delaySteps() + 1; t <= STEPS; t++) {
      PathSimulator k = new PathSimulator(s.toBuilder().steps(t).build());
      k.run(path, out);
      for (int i = 0; i < loans; i++) {
        int row = book.sourceRow(i);
        if (first[row] < 0 && k.debtAfterPath(i) != book.debt(i)) {
          first[row] = t;
        }
      }
      for (int i = 0; i < s.perps().size(); i++) {
        if (first[loans + i] < 0 && k.perpSizeAfterPath(i) != s.perps().positionSize(i)) {
          first[loans + i] = t;
        }
      }
    }
    return first;
  }

  @Test
  void countsMatchARecomputationFromTruncatedPaths() {
    // The point: loans more lenient (higher LT), perps stricter (higher maintenance), so it both
    // prevents and adds liquidations, and both delays and advances some.
    Scenario base = book(11, 0.80, 0.010, 5);
    Scenario point = book(11, 0.82, 0.025, 5);
    int paths = 24;
    SweepAccumulator acc = PathBatch.simulateSweep(List.of(base, point), 0, paths);
    long fp = 0;
    long prevented = 0;
    long both = 0;
    long delayed = 0;
    long advanced = 0;
    long delaySum = 0;
    for (long path = 0; path < paths; path++) {
      int[] b = firstStepsByTruncation(base, path);
      int[] p = firstStepsByTruncation(point, path);
      for (int i = 0; i < b.length; i++) {
        if (p[i] >= 0 && b[i] < 0) {
          fp++;
        } else if (p[i] < 0 && b[i] >= 0) {
          prevented++;
        } else if (p[i] >= 0) {
          both++;
          delaySum += p[i] - b[i];
          delayed += p[i] > b[i] ? 1 : 0;
          advanced += p[i] < b[i] ? 1 : 0;
        }
      }
    }
    assertTrue(fp > 0 && prevented > 0 && delayed > 0 && advanced > 0,
        "the case needs every kind: fp " + fp + ", prevented " + prevented + ", delayed "
            + delayed + ", advanced " + advanced);
    assertEquals(0, acc.point(0).summarize(DT).count(io.margincall.stats.OutcomeCount.ACCOUNTS_ELIGIBLE_AT_START)
        + acc.point(1).summarize(DT).count(io.margincall.stats.OutcomeCount.ACCOUNTS_ELIGIBLE_AT_START));
    LiquidationCosts k = acc.liquidationCosts(1);
    assertEquals(paths, k.paths());
    assertEquals(fp, k.falsePositives());
    assertEquals(prevented, k.prevented());
    assertEquals(both, k.both());
    assertEquals(delayed, k.delayed());
    assertEquals(advanced, k.advanced());
    assertEquals(delaySum, k.delayStepsSum());
    LiquidationCosts self = acc.liquidationCosts(0);
    assertEquals(0, self.falsePositives() + self.prevented() + self.delayed() + self.advanced());
  }

  /** Any scenario against itself: nothing added, prevented, delayed or advanced. */
  @Test
  void aPointAgainstItselfCostsNothing() {
    Random r = new Random(3);
    for (int trial = 0; trial < 6; trial++) {
      Scenario s = book(r.nextLong(), 0.75 + 0.1 * r.nextDouble(), 0.03 * r.nextDouble(),
          r.nextLong());
      SweepAccumulator acc = PathBatch.simulateSweep(List.of(s, s), 1, 40);
      for (int p = 0; p < 2; p++) {
        LiquidationCosts k = acc.liquidationCosts(p);
        assertEquals(40, k.paths());
        assertTrue(k.both() > 0, "the case needs liquidations");
        assertEquals(0, k.falsePositives(), "trial " + trial);
        assertEquals(0, k.prevented(), "trial " + trial);
        assertEquals(0, k.delayed() + k.advanced() + k.delayStepsSum(), "trial " + trial);
      }
    }
  }

  /**
   * Another book of as many accounts (a sweep over the generated book) is other users: not
   * compared; the same book under other rules is.
   */
  @Test
  void onlyTheSameAccountsAreCompared() {
    Scenario base = book(11, 0.80, 0.010, 5);
    SweepAccumulator acc = PathBatch.simulateSweep(
        List.of(base, book(11, 0.80, 0.010, 6), book(11, 0.79, 0.020, 5)), 0, 10);
    assertEquals(10, acc.liquidationCosts(0).paths());
    assertEquals(0, acc.liquidationCosts(1).paths(), acc.liquidationCosts(1).toString());
    assertEquals(10, acc.liquidationCosts(2).paths());
  }

  /** The paths split into ranges, each range accumulated apart, merged in any order. */
  @Test
  void countsDoNotDependOnHowThePathsAreSplit() {
    Scenario base = book(21, 0.80, 0.010, 8);
    Scenario point = book(21, 0.78, 0.020, 8);
    List<Scenario> points = List.of(base, point);
    int paths = 300;
    SweepAccumulator whole = PathBatch.simulateSweep(points, 0, paths);
    Random r = new Random(9);
    for (int trial = 0; trial < 3; trial++) {
      List<SweepAccumulator> parts = new ArrayList<>();
      long from = 0;
      while (from < paths) {
        long to = Math.min(paths, from + 1 + r.nextInt(80));
        parts.add(range(points, from, to));
        from = to;
      }
      Collections.shuffle(parts, r);
      SweepAccumulator merged = parts.get(0);
      for (int k = 1; k < parts.size(); k++) {
        merged.merge(parts.get(k));
      }
      assertEquals(whole.liquidationCosts(1).toString(), merged.liquidationCosts(1).toString());
    }
    assertTrue(whole.liquidationCosts(1).falsePositives() > 0, "the case needs liquidations");
  }

  /** Paths [from, to) of every point, as one Spark task runs them. */
  private static SweepAccumulator range(List<Scenario> points, long from, long to) {
    PathSimulator[] kernels = new PathSimulator[points.size()];
    PathOutcome[] outcomes = new PathOutcome[points.size()];
    for (int p = 0; p < points.size(); p++) {
      kernels[p] = new PathSimulator(points.get(p));
      outcomes[p] = PathBatch.sweepOutcome(points.get(p), points.size());
    }
    SweepAccumulator acc = new SweepAccumulator(points.size(), 300);
    for (long path = from; path < to; path++) {
      for (int p = 0; p < points.size(); p++) {
        kernels[p].run(path, outcomes[p]);
      }
      acc.add(outcomes, 0);
    }
    return acc;
  }
}
