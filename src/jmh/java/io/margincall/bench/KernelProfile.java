package io.margincall.bench;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.kernel.PathKernel;
import io.margincall.protocol.PathOutcome;
import io.margincall.kernel.Scenario;
import io.margincall.stats.OutcomeCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where does a path-step of the kernel go? Runs a scenario's paths on one thread, the way a
 * Spark task does, for a profiler to watch (jobs/profile-kernel.sh attaches async-profiler);
 * prints the time per path-step and what a path did on average, so the profile can be read
 * against the number of liquidations and skips behind it, and the bytes allocated per path. The
 * thread's CPU time per path-step is printed beside the wall time: on a machine shared with other
 * work it is the steadier of the two (waiting for a core does not count).
 *
 * <p>Usage: {@code KernelProfile SCENARIO.conf PATHS [key=value ...]}. The paths run twice
 * first (warm-up, other path indices), then once measured.
 */
public final class KernelProfile {
  private KernelProfile() {}

  public static void main(String[] args) {
    List<String> sets = new ArrayList<>();
    for (int k = 2; k < args.length; k++) {
      sets.add(args[k]);
    }
    ScenarioSettings settings = ScenarioSettings.load(Path.of(args[0]), sets);
    Scenario scenario = ScenarioFactory.build(settings);
    int paths = Integer.parseInt(args[1]);
    PathKernel kernel = PathKernel.of(scenario);
    PathOutcome out = new PathOutcome();
    for (long path = 0; path < 2L * paths; path++) {
      kernel.run(1_000_000_000L + path, out);
    }
    long liquidations = 0;
    long skipped = 0;
    long closeOuts = 0;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long cpuStarted = threads.getCurrentThreadCpuTime();
    long started = System.nanoTime();
    for (long path = 0; path < paths; path++) {
      kernel.run(path, out);
      liquidations += out.countOf(OutcomeCount.LIQUIDATIONS);
      skipped += out.countOf(OutcomeCount.UNPROFITABLE_AFTER_FEES)
          + out.countOf(OutcomeCount.UNPROFITABLE_AFTER_SLIPPAGE)
          + out.countOf(OutcomeCount.NOT_INCLUDED_IN_TIME);
      closeOuts += out.countOf(OutcomeCount.PROTOCOL_CLOSE_OUTS);
    }
    double ns = (System.nanoTime() - started) / (double) paths / settings.time().steps();
    double cpuNs = (threads.getCurrentThreadCpuTime() - cpuStarted) / (double) paths
        / settings.time().steps();
    double bytesPerPath = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore)
        / (double) paths;
    String book = scenario.book() == null ? "0 accounts"
        : scenario.book().hasCohorts() ? String.format(Locale.ROOT, "%,d accounts in %,d cohorts",
            scenario.book().accountCount(), scenario.book().size())
        : String.format(Locale.ROOT, "%,d accounts", scenario.book().size());
    System.out.printf(Locale.ROOT, "%s: %,d paths x %,d steps x %s, one thread: %.1f ns"
            + " per path-step (%.1f ns of CPU time); per path %.1f liquidations, %.1f protocol"
            + " close-outs, %.1f skipped (unprofitable or not included); %.0f bytes allocated per path (its random streams"
            + " and samplers; nothing per step)%n", args[0], paths, settings.time().steps(),
        book, ns, cpuNs,
        liquidations / (double) paths, closeOuts / (double) paths, skipped / (double) paths, bytesPerPath);
  }
}
