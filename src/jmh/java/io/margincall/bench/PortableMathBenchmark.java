package io.margincall.bench;

import io.margincall.model.FdLibm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does one portable exp or log cost, against the JIT's intrinsic (issue 19, portable bits)?
 * Each benchmark sums the function over 1,024 arguments of the kernel's kind (log-prices around
 * ln 2,000 for exp, prices and ratios for log, small negative fractions for log1p) and reports
 * nanoseconds per call, throughput-bound (the calls are independent).
 *
 * <ul>
 *   <li>{@code expIntrinsic} / {@code expStrict}: {@code Math.exp} against {@code StrictMath.exp}
 *       (fdlibm in Java since JDK 9).
 *   <li>{@code logIntrinsic} / {@code logStrict} / {@code logFdLibm}: {@code Math.log}, the JNI
 *       {@code StrictMath.log} and its Java port {@code FdLibm.log}, the same bits.
 *   <li>{@code log1pStrict} / {@code log1pFdLibm}: the same for log1p (no intrinsic exists).
 * </ul>
 * Run: {@code jobs/bench-kernel.sh PortableMathBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PortableMathBenchmark {
  static final int N = 1024;
  final double[] logPrices = new double[N];
  final double[] prices = new double[N];
  final double[] fractions = new double[N];

  public PortableMathBenchmark() {
    SplittableRandom rng = new SplittableRandom(19);
    for (int i = 0; i < N; i++) {
      logPrices[i] = Math.log(2000) + 0.3 * (rng.nextDouble() - 0.5);
      prices[i] = 2000 * (0.5 + rng.nextDouble());
      fractions[i] = -1e-3 * rng.nextDouble();
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public double expIntrinsic() {
    return sum(logPrices, Math::exp);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public double expStrict() {
    return sum(logPrices, StrictMath::exp);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public double logIntrinsic() {
    return sum(prices, Math::log);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public double logStrict() {
    return sum(prices, StrictMath::log);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public double logFdLibm() {
    return sum(prices, FdLibm::log);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public double log1pStrict() {
    return sum(fractions, StrictMath::log1p);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public double log1pFdLibm() {
    return sum(fractions, FdLibm::log1p);
  }

  /**
   * The sum of f over xs. Each benchmark runs in its own fork, so the call site sees one f and
   * the JIT inlines it: the loop is the benchmark's own.
   */
  private static double sum(double[] xs, DoubleUnaryOperator f) {
    double s = 0;
    for (double x : xs) {
      s += f.applyAsDouble(x);
    }
    return s;
  }
}
