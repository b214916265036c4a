package io.margincall.stats;

/**
 * VaR and ES of weighted paths (importance sampling), from the weighted empirical distribution:
 * the tail probability {@code P(L > x)} is estimated by {@code (1/N) sum w_i 1{L_i > x}} and
 * the figures are {@link TailRisk}'s conventions with every path counting its weight instead of
 * 1 (with every weight 1 they are the plain figures; src/docs/statistics.md). For the losses
 * sorted descending {@code L_1 >= L_2 >= ...}, {@code W_j = sum_{i < j} w_i} the weight strictly
 * above the j-th, and the tail mass {@code T = (1 - q) N}:
 * <ul>
 *   <li>{@code VaR_q = L_{j*}}, {@code j* = max {j : W_j <= T}}: the smallest loss with at most
 *       {@code (1 - q)} of the weighted mass above it; 0 when all positive losses weigh less;
 *   <li>{@code ES_q = (sum_{i < j*} w_i L_i + VaR (T - W_{j*})) / T};
 *   <li>VaR interval: the losses at the mass {@code T -+ z s}, {@code s^2 = sum_{i < j*} w_i^2
 *       + w_{j*} (T - W_{j*}) - T^2 / N}: the normal interval of the weighted count above the
 *       quantile (for weight 1 the binomial rank interval of the plain figure, up to one rank);
 *   <li>ES interval: {@code ES +- z sd(w (L - VaR)^+) / ((1 - q) sqrt N)}, the asymptotic
 *       standard error of the Rockafellar-Uryasev form {@code ES = VaR + E(L - VaR)^+ / (1 - q)}
 *       (for weight 1, {@link TailRisk}'s asymptotic standard error, written over all paths
 *       rather than over the tail: at finite N the two differ by a few per cent); NaN with fewer than
 *       {@link TailRisk#MIN_TAIL_FOR_INTERVAL} losses above VaR.
 * </ul>
 * Needs the positive losses from the largest down to the interval's low end; when the kept
 * pairs do not reach it (a run with more positive losses than the bound), the figure is NaN.
 */
public final class WeightedTailRisk {
  private WeightedTailRisk() {}

  /**
   * VaR and ES at one level from the largest positive losses ({@code loss}, descending) and
   * their weights; {@code complete}: every positive loss of the run is among them (the rest
   * are zeros).
   */
  public static TailRisk.Estimate at(int perMille, long paths, double[] loss, double[] weight,
                                     boolean complete) {
    TailRisk.Estimate none = new TailRisk.Estimate(perMille, Double.NaN, Double.NaN,
        Double.NaN, 0.0, Double.NaN, Double.NaN, Double.NaN, 0.0);
    if (paths == 0) {
      return none;
    }
    int m = loss.length;
    double[] above = new double[m + 1];  // above[j] = W_j
    double[] aboveSquares = new double[m + 1];
    for (int i = 0; i < m; i++) {
      above[i + 1] = above[i] + weight[i];
      aboveSquares[i + 1] = aboveSquares[i] + weight[i] * weight[i];
    }
    double q = perMille / 1000.0;
    double mass = (1000L - perMille) * (double) paths / 1000.0;
    int varIndex = lastAtOrBelow(above, mass);
    if (varIndex == m && !complete) {
      return none;  // the quantile lies below the kept losses
    }
    double var = lossAt(varIndex, loss);
    // The boundary path takes the tail's remaining mass with its own weight (for weight 1:
    // sum = T, and s^2 = T - T^2 / N = N q (1 - q), the binomial variance of the plain figure).
    // Below the positive losses the zero-loss paths' weights are not kept: their part is left out.
    double boundary = varIndex < m ? weight[varIndex] * (mass - above[varIndex]) : 0;
    double spread = Math.sqrt(Math.max(0,
        aboveSquares[varIndex] + boundary - mass * mass / paths));
    double varHigh = lossAt(lastAtOrBelow(above, mass - TailRisk.Z95 * spread), loss);
    int lowIndex = firstAtOrAbove(above, mass + TailRisk.Z95 * spread);
    double varLow = lowIndex == m && !complete ? Double.NaN : lossAt(lowIndex, loss);

    ExactSum tail = new ExactSum();
    ExactSum excess = new ExactSum();
    ExactSum excessSquares = new ExactSum();
    for (int i = 0; i < varIndex; i++) {
      tail.add(weight[i] * loss[i]);
      double e = weight[i] * (loss[i] - var);
      excess.add(e);
      excessSquares.add(e * e);
    }
    tail.add(var * (mass - above[varIndex]));
    double es = tail.value() / mass;
    if (varIndex < TailRisk.MIN_TAIL_FOR_INTERVAL) {
      return new TailRisk.Estimate(perMille, var, varLow, varHigh, 0.0, es, Double.NaN,
          Double.NaN, 0.0);
    }
    double n = paths;
    double meanExcess = excess.value() / n;
    double variance = Math.max(0, (excessSquares.value() - n * meanExcess * meanExcess) / (n - 1));
    double se = Math.sqrt(variance / n) / (1 - q);
    return new TailRisk.Estimate(perMille, var, varLow, varHigh, 0.0, es,
        Math.min(es, Math.max(var, es - TailRisk.Z95 * se)), es + TailRisk.Z95 * se, 0.0);
  }

  /** The positive losses at or above VaR (all of them when VaR is 0): what the figure rests on. */
  public static long tailPaths(double var, double[] loss, long positive) {
    if (!(var > 0)) {
      return positive;
    }
    long n = 0;
    while (n < loss.length && loss[(int) n] >= var) {
      n++;
    }
    return n;
  }

  /** The largest j with {@code above[j] <= limit} (0 if none: the largest loss). */
  private static int lastAtOrBelow(double[] above, double limit) {
    int lo = 0;
    int hi = above.length - 1;
    if (above[0] > limit) {
      return 0;
    }
    while (lo < hi) {  // above is nondecreasing: binary search for the last j at or below
      int mid = (lo + hi + 1) >>> 1;
      if (above[mid] <= limit) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The smallest j with {@code above[j] >= limit} ({@code above.length - 1} if none: the zeros). */
  private static int firstAtOrAbove(double[] above, double limit) {
    int lo = 0;
    int hi = above.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (above[mid] >= limit) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The loss of descending index j; 0 past the kept positive losses (the zeros). */
  private static double lossAt(int j, double[] loss) {
    return j < loss.length ? loss[j] : 0.0;
  }
}
