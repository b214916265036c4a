package io.margincall.kernel;

import io.margincall.stats.BadDebtAccumulator;

/** Runs a contiguous range of paths through one kernel into one accumulator: a task's work. */
public final class PathBatch {
  private PathBatch() {}

  /**
   * Simulates paths {@code [from, to)} of {@code scenario} into {@code acc}.
   *
   * @param kernel a kernel for the scenario, reused across batches of one task
   */
  public static void simulate(PathSimulator kernel, long from, long to, BadDebtAccumulator acc) {
    PathOutcome outcome = new PathOutcome();
    for (long path = from; path < to; path++) {
      kernel.run(path, outcome);
      acc.add(outcome);
    }
  }

  /** All {@code paths} of a scenario in this JVM, without Spark: the reference run. */
  public static BadDebtAccumulator simulateAll(Scenario scenario, long paths) {
    BadDebtAccumulator acc = new BadDebtAccumulator(paths);
    simulate(new PathSimulator(scenario), 0, paths, acc);
    return acc;
  }
}
