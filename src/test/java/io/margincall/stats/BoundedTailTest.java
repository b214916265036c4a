package io.margincall.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bounded-memory tail of {@link BadDebtAccumulator}: beyond
 * {@code statistics.exact-tail-max-values} VaR and ES come from the largest losses and
 * {@link LossBins}, within their stated error bounds of the exact sample statistics, with
 * intervals that contain the exact ones, and merge like everything else (the contract below).
 */
class BoundedTailTest extends MergeableContract<BadDebtAccumulator> {
  private static final long PATHS = 3000;
  /** Far below the ~175 losses 3,000 paths need for the exact tail. */
  private static final int BOUND = 20;

  @Override
  BadDebtAccumulator empty() {
    return new BadDebtAccumulator(PATHS, BOUND);
  }

  @Override
  void feed(BadDebtAccumulator instance, double value) {
    instance.add(new LossOnly(value));
  }

  @Override
  String fingerprint(BadDebtAccumulator instance) {
    return SummaryFingerprint.of(instance.summarize(12));
  }

  /** Rounding slack on a bound: the figures and their bounds are each rounded once or twice. */
  private static double slack(double x) {
    return 4 * Math.ulp(Math.abs(x)) + 1e-300;
  }

  @Test
  void varAndEsLieWithinTheirStatedBoundOfTheExactValues() {
    Random random = new Random(17);
    int binnedFigures = 0;
    for (int trial = 0; trial < 40; trial++) {
      int n = 2000 + random.nextInt(40_000);
      int bound = 1 + random.nextInt(TailRisk.requiredCapacity(n) - 1);
      double zeroShare = random.nextDouble();
      double spread = 0.5 + 5 * random.nextDouble();
      BadDebtAccumulator exact = new BadDebtAccumulator(n);
      BadDebtAccumulator bounded = new BadDebtAccumulator(n, bound);
      for (int i = 0; i < n; i++) {
        double loss = random.nextDouble() < zeroShare ? 0
            : Math.exp(spread * random.nextGaussian()) * 1000;
        exact.add(new LossOnly(loss));
        bounded.add(new LossOnly(loss));
      }
      BadDebtSummary e = exact.summarize(12);
      BadDebtSummary b = bounded.summarize(12);
      assertTrue(e.tailExact());
      assertFalse(b.tailExact());
      for (int k = 0; k < e.tail().length; k++) {
        TailRisk.Estimate x = e.tail()[k];
        TailRisk.Estimate y = b.tail()[k];
        String where = "n=" + n + " bound=" + bound + " level=" + x.perMille();
        assertEquals(0.0, x.varError(), 0.0);
        assertTrue(Math.abs(y.var() - x.var()) <= y.varError() + slack(x.var()),
            where + ": VaR " + y.var() + " +- " + y.varError() + " vs exact " + x.var());
        assertTrue(Math.abs(y.es() - x.es()) <= y.esError() + slack(x.es()),
            where + ": ES " + y.es() + " +- " + y.esError() + " vs exact " + x.es());
        // Half a bin at most, relative.
        assertTrue(y.varError() <= y.var() / 256 + slack(y.var()), where);
        assertTrue(y.esError() <= y.es() / 256 + slack(y.es()), where);
        assertTrue(y.varLow() <= x.varLow() && x.varHigh() <= y.varHigh(), where + ": VaR interval");
        if (!Double.isNaN(x.esLow()) && !Double.isNaN(y.esLow())) {
          assertTrue(y.esLow() <= x.esLow() + slack(x.es()) && x.esHigh() <= y.esHigh() + slack(x.es()),
              where + ": ES interval " + y + " vs " + x);
        }
        if (y.varError() > 0 || y.esError() > 0) {
          binnedFigures++;
        }
      }
      // Everything else in the summary is the same bits.
      assertEquals(e.meanBadDebt(), b.meanBadDebt(), 0.0);
      assertEquals(e.badDebt(), b.badDebt());
    }
    assertTrue(binnedFigures > 40, "the trials should exercise the bins: " + binnedFigures);
  }

  @Test
  void aBoundThatHoldsTheExactTailChangesNoBit() {
    Random random = new Random(23);
    int n = 5000;
    BadDebtAccumulator unbounded = new BadDebtAccumulator(n);
    BadDebtAccumulator justEnough = new BadDebtAccumulator(n, TailRisk.requiredCapacity(n));
    for (int i = 0; i < n; i++) {
      LossOnly loss = new LossOnly(random.nextDouble() < 0.8 ? 0 : Math.exp(3 * random.nextGaussian()));
      unbounded.add(loss);
      justEnough.add(loss);
    }
    assertEquals(SummaryFingerprint.of(unbounded.summarize(12)),
        SummaryFingerprint.of(justEnough.summarize(12)));
  }

  @Test
  void levelsWhoseRanksAreAllKeptAreExactInTheBinnedRegime() {
    // 100,000 paths with every loss distinct: 99.9 % needs ~163 of the largest, 95 % ~5,136.
    int n = 100_000;
    BadDebtAccumulator exact = new BadDebtAccumulator(n);
    BadDebtAccumulator bounded = new BadDebtAccumulator(n, 1000);
    for (int i = 0; i < n; i++) {
      LossOnly loss = new LossOnly(1 + i * 0.37);
      exact.add(loss);
      bounded.add(loss);
    }
    TailRisk.Estimate[] e = exact.summarize(12).tail();
    TailRisk.Estimate[] b = bounded.summarize(12).tail();
    assertEquals(e[2], b[2]);
    assertTrue(b[0].varError() > 0, "95 % lies in the bins: " + b[0]);
  }

  @Test
  void exactAndBinnedAccumulatorsDoNotMerge() {
    BadDebtAccumulator exact = new BadDebtAccumulator(PATHS);
    exact.add(new LossOnly(5, 0.5));
    String before = fingerprint(exact);
    BadDebtAccumulator binned = empty();
    binned.add(new LossOnly(7, 2));
    assertThrows(IllegalArgumentException.class, () -> exact.merge(binned));
    assertEquals(before, fingerprint(exact), "a refused merge changes nothing");
    assertThrows(IllegalArgumentException.class, () -> new BadDebtAccumulator(PATHS, 0));
  }
}
