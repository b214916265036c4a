package io.margincall.stats;

/**
 * Value at risk and expected shortfall of a loss sample, with 95 % confidence intervals, from the
 * exact upper tail kept by {@link LossTail}, or, when the run is too large for that tail, from
 * its largest losses and the counts of {@link LossBins}, with a stated error bound.
 *
 * <p>Conventions (documented in {@code src/docs/output.md}), for N losses sorted ascending
 * {@code L_(1) <= ... <= L_(N)} and a level q:
 * <ul>
 *   <li>{@code VaR_q = L_(ceil(q N))}, the empirical q-quantile.
 *   <li>{@code ES_q} = the mean of the worst {@code (1 - q) N} losses, the boundary loss
 *       {@code L_(N - floor((1-q)N))} taking the fractional weight {@code (1-q)N - floor((1-q)N)}
 *       (Acerbi and Tasche, "On the coherence of expected shortfall", 2002).
 *   <li>VaR interval: the order statistics of ranks {@code floor(Nq - z s)} and
 *       {@code ceil(Nq + z s)}, {@code s = sqrt(N q (1-q))}, the normal approximation of the
 *       binomial count of losses below the quantile (distribution-free).
 *   <li>ES interval: {@code ES +- z SE}, with the asymptotic
 *       {@code SE^2 = (Var(L | L >= VaR) + q (ES - VaR)^2) / ((1-q) N)}; NaN when fewer than
 *       {@link #MIN_TAIL_FOR_INTERVAL} losses lie in the tail.
 * </ul>
 * Levels are given in per mille (950, 990, 999) so that {@code q N} is exact integer arithmetic.
 */
public final class TailRisk {
  /** The two-sided 95 % standard normal quantile. */
  public static final double Z95 = 1.959963984540054;

  /** Fewest tail losses for which the ES interval is reported (NaN below). */
  public static final int MIN_TAIL_FOR_INTERVAL = 10;

  /**
   * The paths in the tail at a level: {@code ceil((1 - q) N)}, the losses the ES averages (zeros
   * included). Below {@link #MIN_TAIL_FOR_INTERVAL} the ES has no interval.
   */
  public static long tailPaths(int perMille, long paths) {
    return ceilDiv((1000L - perMille) * paths, 1000);
  }

  /** The fewest paths whose tail at {@code perMille} holds {@link #MIN_TAIL_FOR_INTERVAL} losses. */
  public static long pathsForInterval(int perMille) {
    // ceil((1000 - q) N / 1000) >= MIN  <=>  (1000 - q) N > (MIN - 1) 1000
    return (MIN_TAIL_FOR_INTERVAL - 1) * 1000L / (1000L - perMille) + 1;
  }

  /**
   * Fewest paths with bad debt a figure should rest on to be trusted (src/docs/statistics.md):
   * below it the summary's {@code few_paths_warning} names the figure.
   */
  public static final int FEW_TAIL_PATHS = 50;

  /** The levels reported, in per mille. */
  public static final int[] LEVELS_PER_MILLE = {950, 990, 999};

  private TailRisk() {}

  /** The number of largest losses a {@link LossTail} must keep to report all levels for N paths. */
  public static int requiredCapacity(long paths) {
    return requiredCapacity(paths, 1.0);
  }

  /**
   * As {@link #requiredCapacity(long)} for a VaR interval whose rank spread is the binomial one
   * times {@code sqrt(varianceRatio)}: antithetic pairs' intervals ({@link AntitheticTail}) reach
   * as deep as ratio 2, the variance of pairs of equal losses.
   */
  public static int requiredCapacity(long paths, double varianceRatio) {
    if (paths < 1) {
      return 1;
    }
    int lowest = LEVELS_PER_MILLE[0];
    long need = Math.max(
        paths - varLowerRank(paths, lowest, varianceRatio) + 1,
        (1000L - lowest) * paths / 1000 + 1);
    long capped = Math.min(paths, need + 1);
    if (capped > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many paths for an exact tail: " + paths);
    }
    return (int) capped;
  }

  /** VaR and ES at one level. {@code descending} holds the largest losses, largest first. */
  public static Estimate at(int perMille, long paths, double[] descending) {
    if (perMille <= 0 || perMille >= 1000) {
      throw new IllegalArgumentException("level must be in (0, 1000) per mille: " + perMille);
    }
    if (paths == 0) {
      return new Estimate(perMille, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double q = perMille / 1000.0;
    long varRank = ceilDiv(perMille * paths, 1000);
    double var = ascending(varRank, paths, descending);
    double varLo = ascending(varLowerRank(paths, perMille), paths, descending);
    double varHi = ascending(varUpperRank(paths, perMille), paths, descending);

    long tailTimes1000 = (1000L - perMille) * paths;
    int whole = (int) (tailTimes1000 / 1000);
    double frac = (tailTimes1000 % 1000) / 1000.0;
    double mass = tailTimes1000 / 1000.0;
    require(whole + (frac > 0 ? 1 : 0), descending);
    ExactSum sum = new ExactSum();
    for (int i = 0; i < whole; i++) {
      sum.add(descending[i]);
    }
    if (frac > 0) {
      sum.add(frac * descending[whole]);
    }
    // With less than one loss of tail mass, ES is the largest loss exactly (frac / mass = 1).
    double es = whole == 0 ? descending[0] : sum.value() / mass;

    // Sample variance of the losses beyond VaR (the worst ceil((1-q)N) of them), around ES.
    int tailCount = whole + (frac > 0 ? 1 : 0);
    double se = 0.0;
    if (tailCount > 1) {
      ExactSum squares = new ExactSum();
      for (int i = 0; i < tailCount; i++) {
        double d = descending[i] - es;
        squares.add(d * d);
      }
      double tailVariance = squares.value() / (tailCount - 1);
      double gap = es - var;
      se = Math.sqrt((tailVariance + q * gap * gap) / mass);
    }
    if (tailCount < MIN_TAIL_FOR_INTERVAL) {
      // The asymptotic interval means nothing on a handful of tail losses: say so.
      return new Estimate(perMille, var, varLo, varHi, 0.0, es, Double.NaN, Double.NaN, 0.0);
    }
    return new Estimate(perMille, var, varLo, varHi, 0.0, es,
        Math.min(es, Math.max(var, es - Z95 * se)), es + Z95 * se, 0.0);
  }

  /**
   * VaR and ES at one level when only the largest losses are kept exactly ({@code descending},
   * largest first) and {@code bins} counts every loss: the bounded-memory regime. A loss whose
   * rank lies among the kept ones is read exactly, a deeper one only up to its bin. Each figure
   * is the middle of the range the counts allow and its error bound is that range's half-width,
   * so the exact sample statistic lies within {@code varError} / {@code esError} of it (up to
   * one rounding). The VaR interval reaches out to the edges of its ranks' bins; the ES interval
   * is {@code [lowest ES the counts allow - z SE, highest + z SE]}, SE from the bins' middles.
   * When every rank needed is kept, this is {@link #at(int, long, double[])}, bit for bit.
   */
  public static Estimate at(int perMille, long paths, double[] descending, LossBins bins) {
    if (paths == 0 || depth(perMille, paths) <= descending.length) {
      return at(perMille, paths, descending);
    }
    double q = perMille / 1000.0;
    long varRank = ceilDiv(perMille * paths, 1000);
    LossBins.Range varRange = rangeAt(paths - varRank, descending, bins);
    double var = varRange.middle();
    double varLo = rangeAt(paths - varLowerRank(paths, perMille), descending, bins).low();
    double varHi = rangeAt(paths - varUpperRank(paths, perMille), descending, bins).high();

    long tailTimes1000 = (1000L - perMille) * paths;
    long whole = tailTimes1000 / 1000;
    double frac = (tailTimes1000 % 1000) / 1000.0;
    double mass = tailTimes1000 / 1000.0;
    int kept = descending.length;
    ExactSum low = new ExactSum();
    ExactSum high = new ExactSum();
    for (int i = 0; i < Math.min(whole, kept); i++) {
      low.add(descending[i]);
      high.add(descending[i]);
    }
    // count * edge is exact (LossBins), so both sums are exact bounds of the tail's sum.
    bins.visitDescending(kept, whole, (count, r) -> {
      low.add(count * r.low());
      high.add(count * r.high());
    });
    if (frac > 0) {
      LossBins.Range boundary = rangeAt(whole, descending, bins);
      low.add(frac * boundary.low());
      high.add(frac * boundary.high());
    }
    double esLowest = low.value() / mass;
    double esHighest = high.value() / mass;
    double es = esLowest + (esHighest - esLowest) / 2;
    double esError = (esHighest - esLowest) / 2;

    long tailCount = whole + (frac > 0 ? 1 : 0);
    ExactSum squares = new ExactSum();
    for (int i = 0; i < Math.min(tailCount, kept); i++) {
      double d = descending[i] - es;
      squares.add(d * d);
    }
    bins.visitDescending(kept, tailCount, (count, r) -> {
      double d = r.middle() - es;
      squares.add(count * (d * d));
    });
    double tailVariance = squares.value() / (tailCount - 1);
    double gap = es - var;
    double se = Math.sqrt((tailVariance + q * gap * gap) / mass);
    if (tailCount < MIN_TAIL_FOR_INTERVAL) {
      return new Estimate(perMille, var, varLo, varHi, varRange.halfWidth(), es, Double.NaN,
          Double.NaN, esError);
    }
    return new Estimate(perMille, var, varLo, varHi, varRange.halfWidth(), es,
        Math.min(esLowest, Math.max(varRange.low(), esLowest - Z95 * se)),
        esHighest + Z95 * se, esError);
  }

  /** How many of the largest losses {@link #at(int, long, double[])} reads at one level. */
  static long depth(int perMille, long paths) {
    long tailTimes1000 = (1000L - perMille) * paths;
    long tailCount = tailTimes1000 / 1000 + (tailTimes1000 % 1000 > 0 ? 1 : 0);
    return Math.max(paths - varLowerRank(paths, perMille) + 1, tailCount);
  }

  /** The loss of descending index {@code j}: exactly if kept, else the range of its bin. */
  private static LossBins.Range rangeAt(long j, double[] descending, LossBins bins) {
    if (j < descending.length) {
      return new LossBins.Range(descending[(int) j], descending[(int) j]);
    }
    return bins.rangeOfDescending(j);
  }

  static long varLowerRank(long paths, int perMille) {
    double q = perMille / 1000.0;
    double center = paths * q;
    double spread = Z95 * Math.sqrt(paths * q * (1 - q));
    return Math.max(1, Math.min(paths, (long) Math.floor(center - spread)));
  }

  private static long varLowerRank(long paths, int perMille, double varianceRatio) {
    if (varianceRatio == 1.0) {
      return varLowerRank(paths, perMille);  // the plain run's capacity, bit for bit
    }
    double q = perMille / 1000.0;
    double spread = Z95 * Math.sqrt(paths * q * (1 - q) * varianceRatio);
    return Math.max(1, Math.min(paths, (long) Math.floor(paths * q - spread)));
  }

  static long varUpperRank(long paths, int perMille) {
    double q = perMille / 1000.0;
    double center = paths * q;
    double spread = Z95 * Math.sqrt(paths * q * (1 - q));
    return Math.max(1, Math.min(paths, (long) Math.ceil(center + spread)));
  }

  /** The loss of ascending rank {@code rank} (1-based) out of {@code paths}. */
  private static double ascending(long rank, long paths, double[] descending) {
    long index = paths - rank;
    require(index + 1, descending);
    return descending[(int) index];
  }

  private static void require(long count, double[] descending) {
    if (count > descending.length) {
      throw new IllegalStateException("the kept tail has " + descending.length
          + " losses but this statistic needs " + count + "; size it with requiredCapacity");
    }
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  /**
   * VaR and ES at one level, each with its 95 % interval and the bound on its distance to the
   * exact sample statistic ({@code varError}, {@code esError}: 0 when computed from the exact
   * tail, half a bin or less when read from {@link LossBins}); losses in USD.
   */
  public record Estimate(int perMille, double var, double varLow, double varHigh,
                         double varError, double es, double esLow, double esHigh,
                         double esError) {}
}
