package io.margincall.kernel;

import io.margincall.protocol.PathOutcome;
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
   * Every point of a sweep over all {@code paths} in this JVM, without Spark: the reference
   * for tests and benchmarks. Same loop order as a Spark task: per path, every point.
   */
  public static SweepAccumulator simulateSweep(List<Scenario> points, int baseline, long paths) {
    int n = points.size();
    PathKernel[] kernels = new PathKernel[n];
    PathOutcome[] outcomes = new PathOutcome[n];
    for (int p = 0; p < n; p++) {
      kernels[p] = PathKernel.of(points.get(p));
      outcomes[p] = new PathOutcome();
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
