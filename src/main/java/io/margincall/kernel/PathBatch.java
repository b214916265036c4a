package io.margincall.kernel;

import io.margincall.protocol.AccountBook;
import io.margincall.protocol.CrossMarginBook;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.PerpBook;
import io.margincall.stats.BadDebtAccumulator;
import io.margincall.stats.SweepAccumulator;
import java.util.List;

/** Runs a contiguous range of paths through one kernel into one accumulator: a task's work. */
public final class PathBatch {
  private PathBatch() {}

  /**
   * Simulates paths {@code [from, to)} of {@code scenario} into {@code acc}.
   *
   * @param kernel a kernel for the scenario, reused across batches of one task
   */
  public static void simulate(PathKernel kernel, long from, long to, BadDebtAccumulator acc) {
    PathOutcome outcome = new PathOutcome();
    for (long path = from; path < to; path++) {
      kernel.run(path, outcome);
      acc.add(outcome);
    }
  }

  /** All {@code paths} of a scenario in this JVM, without Spark: the reference run. */
  public static BadDebtAccumulator simulateAll(Scenario scenario, long paths) {
    BadDebtAccumulator acc = new BadDebtAccumulator(paths, BadDebtAccumulator.UNBOUNDED,
        scenario.sampling());
    simulate(PathKernel.of(scenario), 0, paths, acc);
    return acc;
  }

  /**
   * The reused outcome of one point of a sweep of {@code pointCount} points: with several, it
   * records each account's first liquidation, for the comparison with the baseline point
   * ({@link io.margincall.stats.LiquidationCosts}); O(accounts) memory, nothing per step.
   */
  public static PathOutcome sweepOutcome(Scenario point, int pointCount) {
    PathOutcome out = new PathOutcome();
    if (pointCount > 1) {
      out.recordFirstLiquidations(
          point.crossMargin() == null ? point.book().accountCount() : point.crossMargin().size(),
          point.perps() == null ? 0 : point.perps().size(), accounts(point),
          point.crossMargin() == null ? cohortWeights(point.book()) : null);
    }
    return out;
  }

  /** Each source row's members when the book is compressed into cohorts, else null. */
  private static int[] cohortWeights(AccountBook book) {
    if (!book.hasCohorts()) {
      return null;
    }
    int[] w = new int[book.accountCount()];
    for (int i = 0; i < book.size(); i++) {
      w[book.sourceRow(i)] = book.members(i);
    }
    return w;
  }

  /**
   * What identifies the accounts of a point's book: each position's collateral and debt (loans),
   * margin, size and entry (perps), by input row; not its threshold or maintenance, so points
   * that apply other rules to the same accounts compare, and points over other books (a sweep
   * over {@code accounts.*}) do not. A sum of per-account hashes: the order of the book does not
   * matter.
   */
  static long accounts(Scenario point) {
    long key = 0;
    CrossMarginBook cross = point.crossMargin();
    if (cross == null) {
      AccountBook book = point.book();
      for (int i = 0; i < book.size(); i++) {
        key += mix(book.sourceRow(i), book.collateral(i), book.debt(i));
      }
    } else {
      for (int i = 0; i < cross.size(); i++) {
        key += mix(i, cross.debt()[i], 0);
      }
      for (int j = 0; j < cross.collateral().length; j++) {
        key += mix(-1 - j, cross.collateral()[j], 0);
      }
    }
    PerpBook perps = point.perps();
    for (int i = 0; perps != null && i < perps.size(); i++) {
      key += mix(Integer.MIN_VALUE + i, perps.margin(i), mix(i, perps.positionSize(i),
          perps.entry(i)));
    }
    return key;
  }

  /** A SplitMix64 hash of an account's row and two of its figures. */
  private static long mix(long row, double a, double b) {
    long z = row * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(a);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L + Double.doubleToLongBits(b);
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Every point of a sweep over all {@code paths} in this JVM, without Spark: the reference
   * for tests and benchmarks. Same loop order as a Spark task: per path, every point.
   */
  public static SweepAccumulator simulateSweep(List<Scenario> points, int baseline, long paths) {
    int n = points.size();
    PathKernel[] kernels = new PathKernel[n];
    PathOutcome[] outcomes = new PathOutcome[n];
    for (int p = 0; p < n; p++) {
      kernels[p] = PathKernel.of(points.get(p));
      outcomes[p] = sweepOutcome(points.get(p), n);
    }
    SweepAccumulator acc = new SweepAccumulator(n, paths, BadDebtAccumulator.UNBOUNDED,
        points.get(0).sampling());
    for (long path = 0; path < paths; path++) {
      for (int p = 0; p < n; p++) {
        kernels[p].run(path, outcomes[p]);
      }
      acc.add(outcomes, baseline);
    }
    return acc;
  }
}
