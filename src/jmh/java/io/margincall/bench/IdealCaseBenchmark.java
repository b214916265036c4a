package io.margincall.bench;

import io.margincall.kernel.PathKernel;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.BadDebtAccumulator;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The ideal case (conf/bench/ideal-case.conf: one account, 1,440 steps, oracle delay 300) per
 * path, in nanoseconds: step by step and by exact bridge crossing ({@code sampling.crossing}),
 * the kernel alone ({@code path}) and with the statistics a task adds each path to
 * ({@code pathAndStatistics}). Divide by 1,440 for ns per path-step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Thread)
public class IdealCaseBenchmark {
  static final int PATHS = 1000;

  @Param({"steps", "bridge"})
  public String crossing;

  private PathKernel kernel;
  private final PathOutcome outcome = new PathOutcome();
  private long first;

  @Setup(Level.Trial)
  public void setUp() {
    kernel = PathKernel.of(KernelBenchmark.load("conf/bench/ideal-case.conf",
        List.of("sampling.crossing=" + crossing)));
  }

  @Benchmark
  @OperationsPerInvocation(PATHS)
  public double path() {
    double sum = 0;
    for (int p = 0; p < PATHS; p++) {
      kernel.run(first++, outcome);
      sum += outcome.badDebt + outcome.firstLiquidationStep;
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(PATHS)
  public BadDebtAccumulator pathAndStatistics() {
    BadDebtAccumulator acc = new BadDebtAccumulator(PATHS, BadDebtAccumulator.UNBOUNDED, false);
    for (int p = 0; p < PATHS; p++) {
      kernel.run(first++, outcome);
      acc.add(outcome);
    }
    return acc;
  }
}
