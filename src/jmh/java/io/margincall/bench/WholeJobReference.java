package io.margincall.bench;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.kernel.PathBatch;
import io.margincall.kernel.PathKernel;
import io.margincall.kernel.Scenario;
import io.margincall.stats.BadDebtAccumulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reference for the whole-job benchmark (jobs/bench.sh): the same kernel over the same paths
 * as {@code margincall simulate}, in one JVM without Spark, cut into the same contiguous ranges
 * as Spark's default partitions and run as tasks on N threads, each task with its own kernel
 * and accumulator, merged at the end, as a Spark job does. (Two long ranges, one per thread,
 * ran ~15 % slower: one huge call per thread is compiled on the stack, less well.) Prints the
 * wall time and P(bad debt).
 *
 * <p>Usage: {@code WholeJobReference SCENARIO.conf THREADS [key=value ...]}
 */
public final class WholeJobReference {
  private WholeJobReference() {}

  public static void main(String[] args) throws Exception {
    List<String> sets = new ArrayList<>();
    for (int k = 2; k < args.length; k++) {
      sets.add(args[k]);
    }
    ScenarioSettings settings = ScenarioSettings.load(Path.of(args[0]), sets);
    int threads = Integer.parseInt(args[1]);
    Scenario scenario = ScenarioFactory.build(settings);
    long paths = settings.run().paths();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<BadDebtAccumulator>> parts = new ArrayList<>();
    // SimulationJob's default: max(4 x parallelism, min(64, paths / 25,000)).
    int ranges = (int) Math.max(4L * threads, Math.min(64, (paths + 24_999) / 25_000));
    for (int k = 0; k < ranges; k++) {
      long from = paths * k / ranges;
      long to = paths * (k + 1) / ranges;
      parts.add(pool.submit(() -> {
        BadDebtAccumulator acc = new BadDebtAccumulator(paths);
        PathBatch.simulate(PathKernel.of(scenario), from, to, acc);
        return acc;
      }));
    }
    BadDebtAccumulator total = parts.get(0).get();
    for (int k = 1; k < ranges; k++) {
      total.merge(parts.get(k).get());
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "no-Spark reference: %,d paths x %,d steps on %d threads in %.2f s;"
            + " P(bad debt) %.6f%n", paths, settings.time().steps(), threads, seconds,
        total.summarize(settings.time().stepSeconds()).badDebt().estimate());
  }
}
