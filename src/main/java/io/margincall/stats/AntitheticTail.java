package io.margincall.stats;

/**
 * The VaR and ES intervals of antithetic pairs: the pair is one sample. The figures stay the
 * plain ones ({@link TailRisk}); their intervals are widened or narrowed by the measured ratio of
 * the pairs' variance to what independent paths would give, of the two quantities each interval
 * rests on:
 * <ul>
 *   <li>VaR: the count of losses above VaR. A pair's mean of {@code 1{L > VaR}} is 1 when both
 *       lie above (the pairs whose smaller loss lies above, {@code b}), 1/2 when one does
 *       ({@code a - 2b}, {@code a} the paths above), else 0; its variance over the pairs, against
 *       {@code p (1 - p) / 2} for independent pairs, scales the binomial spread
 *       {@code sqrt(N q (1 - q))} of the rank interval;
 *   <li>ES: the excess {@code (L - VaR)^+} (the Rockafellar-Uryasev form, whose variance is the
 *       ES standard error's): the pairs' variance of its mean, from the paths above VaR and the
 *       cross products of the pairs with both above, against half the paths' variance, scales
 *       the plain standard error.
 * </ul>
 * Independent pairs give a ratio near 1 and the plain intervals; negatively correlated pairs
 * (the point of antithetic variates) narrow them.
 */
final class AntitheticTail {
  private AntitheticTail() {}

  /**
   * The estimate with pair-aware intervals. {@code descending}: the largest losses (the exact
   * tail); {@code pairMin}, {@code pairMax}: the pairs whose smaller loss is positive, largest
   * smaller loss first. Unchanged where the pairs say nothing (no loss above VaR, or all).
   */
  static TailRisk.Estimate intervals(TailRisk.Estimate e, long paths, double[] descending,
                                     double[] pairMin, double[] pairMax) {
    double var = e.var();
    if (Double.isNaN(var) || paths < 4) {
      return e;
    }
    int above = 0;
    while (above < descending.length && descending[above] > var) {
      above++;
    }
    if (above == 0 || above == descending.length) {
      return e;
    }
    int both = 0;
    while (both < pairMin.length && pairMin[both] > var) {
      both++;
    }
    double n = paths;
    double pairs = n / 2;
    double q = e.perMille() / 1000.0;

    // The count above VaR: variance of the pair means of the indicator over independent pairs'.
    double p = above / n;
    double pairSquares = (both + (above - 2.0 * both) / 4) / pairs;
    double pairVariance = (pairSquares - p * p) * pairs / (pairs - 1);
    double countRatio = Math.max(0, pairVariance / (p * (1 - p) / 2));
    double spread = TailRisk.Z95 * Math.sqrt(n * q * (1 - q) * countRatio);
    double center = n * q;
    long lowRank = Math.max(1, Math.min(paths, (long) Math.floor(center - spread)));
    long highRank = Math.max(1, Math.min(paths, (long) Math.ceil(center + spread)));
    double varLow = paths - lowRank < descending.length
        ? descending[(int) (paths - lowRank)] : Double.NaN;
    double varHigh = descending[(int) (paths - highRank)];

    // The excess over VaR: the pairs' variance of its mean over half the paths' variance.
    ExactSum excess = new ExactSum();
    ExactSum squares = new ExactSum();
    for (int i = 0; i < above; i++) {
      double x = descending[i] - var;
      excess.add(x);
      squares.add(x * x);
    }
    ExactSum cross = new ExactSum();
    for (int j = 0; j < both; j++) {
      cross.add((pairMin[j] - var) * (pairMax[j] - var));
    }
    double mean = excess.value() / n;
    double pathVariance = (squares.value() / n - mean * mean) * n / (n - 1);
    double pairMeanSquares = (squares.value() + 2 * cross.value()) / (4 * pairs);
    double pairMeanVariance = (pairMeanSquares - mean * mean) * pairs / (pairs - 1);
    double esRatio = Math.max(0, pairMeanVariance / (pathVariance / 2));
    double esLow = e.esLow();
    double esHigh = e.esHigh();
    if (!Double.isNaN(esHigh)) {
      double half = (esHigh - e.es()) * Math.sqrt(esRatio);
      esLow = Math.min(e.es(), Math.max(var, e.es() - half));
      esHigh = e.es() + half;
    }
    return new TailRisk.Estimate(e.perMille(), var, varLow, varHigh, e.varError(), e.es(),
        esLow, esHigh, e.esError());
  }
}
