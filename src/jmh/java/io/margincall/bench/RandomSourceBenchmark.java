package io.margincall.bench;

import io.margincall.model.random.ZigguratNormal;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.DotyHumphreySmallFastCounting64;
import org.apache.commons.rng.core.source64.JenkinsSmallFast64;
import org.apache.commons.rng.core.source64.L64X128Mix;
import org.apache.commons.rng.core.source64.SplitMix64;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor of a stepping kernel with each Commons RNG 1.6 64-bit generator: a fresh generator
 * per path (seeded from a SplitMix64 mix, as {@code PathStreams}), a Ziggurat normal per step
 * (Marsaglia-Tsang's exponential-tail ziggurat, {@code ZigguratSampler.NormalizedGaussian}), a
 * log-price update and its running minimum; ns per path-step, 200 paths x 1,440 steps per
 * invocation. {@code XO_RO_SHI_RO_128_PP} is the kernel's; {@code SFC_64} is numpy's SFC64.
 * {@code sampler}: {@code portable} is the kernel's {@code model.random.ZigguratNormal} (the same
 * draws with StrictMath.exp in its overhang tests), {@code commons-rng} the original.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Thread)
public class RandomSourceBenchmark {
  static final int PATHS = 200;
  static final int STEPS = 1440;

  @Param({"XO_RO_SHI_RO_128_PP", "SFC_64", "JSF_64", "L64_X128_MIX", "XO_SHI_RO_256_PP",
      "SPLIT_MIX_64"})
  public String generator;

  @Param({"portable", "commons-rng"})
  public String sampler;

  private long path;

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private UniformRandomProvider create(long key) {
    long a = mix(key + 0x9E3779B97F4A7C15L);
    long b = mix(key + 2 * 0x9E3779B97F4A7C15L) | 1L;
    long c = mix(key + 3 * 0x9E3779B97F4A7C15L);
    long d = mix(key + 4 * 0x9E3779B97F4A7C15L);
    return switch (generator) {
      case "XO_RO_SHI_RO_128_PP" -> new XoRoShiRo128PlusPlus(a, b);
      case "SFC_64" -> new DotyHumphreySmallFastCounting64(new long[] {a, b, c});
      case "JSF_64" -> new JenkinsSmallFast64(a);
      case "L64_X128_MIX" -> new L64X128Mix(new long[] {a, b, c, d});
      case "XO_SHI_RO_256_PP" -> new XoShiRo256PlusPlus(a, b, c, d);
      default -> new SplitMix64(a);
    };
  }

  @Benchmark
  @OperationsPerInvocation(PATHS * STEPS)
  public double gbmStep() {
    double sum = 0;
    boolean portable = "portable".equals(sampler);
    for (int p = 0; p < PATHS; p++) {
      UniformRandomProvider rng = create(path++);
      // KernelBenchmark's loops, one per sampler type (each call site sees one concrete class).
      sum += portable ? KernelBenchmark.gbmLoop(new ZigguratNormal(rng))
          : KernelBenchmark.gbmLoopCommonsRng(ZigguratSampler.NormalizedGaussian.of(rng));
    }
    return sum;
  }
}
