package io.margincall.bench;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.protocol.PathOutcome;
import io.margincall.kernel.PathSimulator;
import io.margincall.kernel.PathStreams;
import io.margincall.kernel.Scenario;
import io.margincall.model.random.MarsagliaTsangGamma;
import io.margincall.model.random.ZigguratNormal;
import io.margincall.stats.OutcomeCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does one path-step of the kernel cost, against the floor of drawing its random numbers?
 * Every benchmark runs 200 paths x 1,440 steps per invocation, a fresh stream per path (so
 * stream creation is included, as in PERF.md), and reports nanoseconds per path-step.
 *
 * <ul>
 *   <li>{@code bareGbm}: the floor (PERF.md): one Ziggurat normal per step, a log-price update
 *       and its running minimum; the kernel's portable {@code model.random.ZigguratNormal}.
 *       {@code bareGbmCommonsRng}: the same with Commons RNG's original
 *       {@code ZigguratSampler.NormalizedGaussian} (Math.exp in its overhang tests).
 *   <li>{@code bareAllDraws}: the variates the every-mechanism kernel draws per step, from the
 *       same streams: a normal and a gamma (Student-t), a uniform each for jumps, the regime
 *       and oracle outages, a normal and a uniform for gas.
 *   <li>{@code kernel}: the kernel on a scenario ({@code quickstart}: GBM, an oracle with delay
 *       and push rules, 1,000 accounts; {@code everything}: conf/bench/million-paths.conf, every
 *       mechanism on, 1,000 accounts; {@code everything-walk}: the same with one account, so
 *       the per-step work of the mechanisms without liquidations, against {@code bareAllDraws}).
 *   <li>{@code KernelBenchmark.accounts}: the quickstart kernel with 10, 1,000 and 100,000
 *       accounts: on its own book ({@code quickstart}, leverage 1.5-11, where more accounts means
 *       proportionally more liquidations) and on a book far from liquidation ({@code far},
 *       leverage 1.5-2), to show that accounts that are not liquidated cost nothing;
 *       {@code -p cohorts=0.0001/1} compresses the book into binned cohorts of those widths.
 * </ul>
 * Run: {@code jobs/bench-kernel.sh} (all), or {@code jobs/bench-kernel.sh KernelBenchmark.bareGbm}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Thread)
public class KernelBenchmark {
  static final int PATHS = 200;
  static final int STEPS = 1440;
  static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));

  private long firstPath;

  static Scenario load(String conf, List<String> sets) {
    List<String> all = new ArrayList<>(sets);
    all.add("time.step=60");
    all.add("time.horizon=86400");
    return ScenarioFactory.build(ScenarioSettings.load(ROOT.resolve(conf), all));
  }

  /** The kernel on a scenario. */
  @State(Scope.Thread)
  public static class Kernel {
    @Param({"quickstart", "everything", "everything-walk"})
    public String scenario;
    PathSimulator kernel;
    final PathOutcome outcome = new PathOutcome();
    long firstPath;

    @Setup(Level.Trial)
    public void setUp() {
      kernel = new PathSimulator(switch (scenario) {
        case "quickstart" -> load("conf/quickstart.conf", List.of());
        case "everything" -> load("conf/bench/million-paths.conf", List.of());
        default -> load("conf/bench/million-paths.conf", List.of("accounts.generated.count=1"));
      });
    }
  }

  @Benchmark
  @OperationsPerInvocation(PATHS * STEPS)
  public double kernel(Kernel k) {
    double sum = runPaths(k.kernel, k.firstPath, k.outcome);
    k.firstPath += PATHS;
    return sum;
  }

  /** PATHS paths from {@code first}; returns a sum of outcomes for the blackhole. */
  static double runPaths(PathSimulator kernel, long first, PathOutcome outcome) {
    double sum = 0;
    for (int p = 0; p < PATHS; p++) {
      kernel.run(first + p, outcome);
      sum += outcome.badDebt + outcome.countOf(OutcomeCount.LIQUIDATIONS);
    }
    return sum;
  }

  /** The floor: draw one normal, update a log-price and its running minimum. */
  @Benchmark
  @OperationsPerInvocation(PATHS * STEPS)
  public double bareGbm() {
    double sum = 0;
    for (int p = 0; p < PATHS; p++) {
      ZigguratNormal z = new ZigguratNormal(PathStreams.stream(1, firstPath + p, PathStreams.PRICE));
      sum += gbmLoop(z);
    }
    firstPath += PATHS;
    return sum;
  }

  /** {@link #bareGbm} with Commons RNG's own sampler, which the portable copy replaced. */
  @Benchmark
  @OperationsPerInvocation(PATHS * STEPS)
  public double bareGbmCommonsRng() {
    double sum = 0;
    for (int p = 0; p < PATHS; p++) {
      ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(
          PathStreams.stream(1, firstPath + p, PathStreams.PRICE));
      sum += gbmLoopCommonsRng(z);
    }
    firstPath += PATHS;
    return sum;
  }

  static double gbmLoop(ZigguratNormal z) {
    double x = 0;
    double min = 0;
    for (int t = 0; t < STEPS; t++) {
      x += -1e-8 + 1e-3 * z.sample();
      if (x < min) {
        min = x;
      }
    }
    return min;
  }

  // A copy of gbmLoop for the other sampler type: each call site must see one concrete class.
  static double gbmLoopCommonsRng(ZigguratSampler.NormalizedGaussian z) {
    double x = 0;
    double min = 0;
    for (int t = 0; t < STEPS; t++) {
      x += -1e-8 + 1e-3 * z.sample();
      if (x < min) {
        min = x;
      }
    }
    return min;
  }

  /** The variates of every mechanism, from their streams, and nothing else. */
  @Benchmark
  @OperationsPerInvocation(PATHS * STEPS)
  public double bareAllDraws() {
    double sum = 0;
    for (int p = 0; p < PATHS; p++) {
      long path = firstPath + p;
      UniformRandomProvider price = PathStreams.stream(1, path, PathStreams.PRICE);
      ZigguratNormal z = new ZigguratNormal(price);
      MarsagliaTsangGamma gamma = new MarsagliaTsangGamma(price, 2, 2);
      UniformRandomProvider jumps = PathStreams.stream(1, path, PathStreams.JUMPS);
      UniformRandomProvider regime = PathStreams.stream(1, path, PathStreams.REGIME);
      UniformRandomProvider oracle = PathStreams.stream(1, path, PathStreams.ORACLE);
      UniformRandomProvider gas = PathStreams.stream(1, path, PathStreams.GAS);
      ZigguratNormal gasZ = new ZigguratNormal(gas);
      double x = 0;
      for (int t = 0; t < STEPS; t++) {
        x += 1e-3 * z.sample() / Math.sqrt(gamma.sample() / 4) + jumps.nextDouble() * 1e-9
            + regime.nextDouble() * 1e-9 + oracle.nextDouble() * 1e-9 + 1e-9 * gasZ.sample()
            + gas.nextDouble() * 1e-9;
      }
      sum += x;
    }
    firstPath += PATHS;
    return sum;
  }

  /** The quickstart kernel as the book grows: accounts that are not liquidated cost nothing. */
  @State(Scope.Thread)
  public static class Book {
    @Param({"10", "1000", "100000"})
    public int accounts;
    @Param({"quickstart", "far"})
    public String book;
    /**
     * {@code accounts.cohorts}: "none", or "binned" with a log-width and optionally a
     * size-log-width ({@code 0.0001/1}; alone, sizes are not compared).
     */
    @Param({"none"})
    public String cohorts;
    PathSimulator kernel;
    final PathOutcome outcome = new PathOutcome();
    long firstPath;

    @Setup(Level.Trial)
    public void setUp() {
      List<String> sets = new ArrayList<>(List.of("accounts.generated.count=" + accounts));
      if (book.equals("far")) {
        sets.add("accounts.generated.leverage-max=2");
      }
      if (!cohorts.equals("none")) {
        String[] widths = cohorts.split("/");
        sets.add("accounts.cohorts.mode=binned");
        sets.add("accounts.cohorts.log-width=" + widths[0]);
        sets.add("accounts.cohorts.size-log-width=" + (widths.length > 1 ? widths[1] : "0"));
      }
      kernel = new PathSimulator(load("conf/quickstart.conf", sets));
    }
  }

  @Benchmark
  @OperationsPerInvocation(PATHS * STEPS)
  public double accounts(Book book) {
    double sum = runPaths(book.kernel, book.firstPath, book.outcome);
    book.firstPath += PATHS;
    return sum;
  }
}
