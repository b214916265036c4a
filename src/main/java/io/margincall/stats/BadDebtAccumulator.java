package io.margincall.stats;

import java.io.Serializable;

/**
 * Everything the summary and distribution tables need from a set of paths, mergeable exactly:
 * integer counts, {@link ExactSum}s, the loss tail and a fixed-bin histogram. A partition,
 * a sweep point and a whole run combine the same way, and any split and merge order gives the
 * same bits (the {@link Mergeable} law).
 *
 * <p>The tail is exact when the run's {@link TailRisk#requiredCapacity} fits in the bound
 * ({@code statistics.exact-tail-max-values}); beyond it, the accumulator keeps the bound's
 * number of largest losses exactly and counts every loss in {@link LossBins}, and VaR and ES
 * come with an error bound. The regime is chosen from the run's path count, never from a
 * partition's, so every partition of a run holds the same kind of summary.
 *
 * <p>Memory: at most {@code 8 * min(requiredCapacity, bound)} bytes for the tail, the bins'
 * ~2 KB per factor of two of losses seen, plus ~1.3 KB, whatever the path count beyond that.
 */
public final class BadDebtAccumulator implements Mergeable<BadDebtAccumulator>, Serializable {
  private static final long serialVersionUID = 3L;

  /** A bound no run reaches: the exact tail always (the reference runs without Spark). */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  private long paths;
  private long pathsLiquidated;
  private long pathsWithBadDebt;
  private long pathsFundExhausted;
  /** Totals of the {@link OutcomeCount}s, indexed by ordinal. */
  private final long[] counts = new long[OutcomeCount.size()];
  /** Exact sums of the {@link OutcomeAmount}s, indexed by ordinal. */
  private final ExactSum[] amounts = new ExactSum[OutcomeAmount.size()];
  private long submissions;
  private long inclusionWaitSteps;
  private long firstBadDebtStepSum;
  private double maxBadDebt;
  private final ExactSum badDebt = new ExactSum();
  private final ExactSum badDebtSquares = new ExactSum();
  private final ExactSum insuranceDraw = new ExactSum();
  private final ExactSum socializedLoss = new ExactSum();
  private final ExactSum horizonShortfall = new ExactSum();
  private final ExactSum oracleGap = new ExactSum();
  private final ExactSum worstOracleGap = new ExactSum();
  // Paths that computed the oracle-gap statistics (not the bridge sampler, which skips steps).
  private long oracleGapPaths;
  private final LossTail tail;
  /** Counts of every loss when the exact tail does not fit; null when it does. */
  private final LossBins bins;
  private final LossHistogram histogram = new LossHistogram();
  /** Weighted sums, from the first path of weight other than 1 on; null before. */
  private WeightedOutcomes weighted;
  /** The pairs' moments when paths come in antithetic pairs; null for independent paths. */
  private final AntitheticPairs pairs;
  /** The largest positive losses with their weights, for weighted runs; null otherwise. */
  private final LossPairTail weightedTail;

  /** An empty accumulator with the exact tail for a run of {@code expectedPaths} paths. */
  public BadDebtAccumulator(long expectedPaths) {
    this(expectedPaths, UNBOUNDED);
  }

  /**
   * An empty accumulator for a run of {@code expectedPaths} paths keeping at most
   * {@code maxTailValues} losses exactly ({@code >= 1}).
   */
  public BadDebtAccumulator(long expectedPaths, int maxTailValues) {
    this(expectedPaths, maxTailValues, false);
  }

  /**
   * As {@link #BadDebtAccumulator(long, int)}; {@code antithetic}: paths arrive in antithetic
   * pairs (2k, 2k + 1, one after the other), and standard errors and intervals count pairs.
   */
  public BadDebtAccumulator(long expectedPaths, int maxTailValues, boolean antithetic) {
    this(expectedPaths, maxTailValues,
        antithetic ? PathSampling.ANTITHETIC : PathSampling.INDEPENDENT);
  }

  /**
   * As {@link #BadDebtAccumulator(long, int)}, for paths drawn as {@code sampling} says. With
   * {@link PathSampling#WEIGHTED} it also keeps the largest positive losses with their weights
   * (at most {@code maxTailValues} of them) for the weighted VaR and ES.
   */
  public BadDebtAccumulator(long expectedPaths, int maxTailValues, PathSampling sampling) {
    if (maxTailValues < 1) {
      throw new IllegalArgumentException("maxTailValues must be >= 1, got " + maxTailValues);
    }
    // Pairs' VaR intervals reach deeper: up to twice the binomial variance (AntitheticTail).
    int required = TailRisk.requiredCapacity(expectedPaths,
        sampling == PathSampling.ANTITHETIC ? 2.0 : 1.0);
    this.tail = new LossTail(Math.min(required, maxTailValues));
    this.pairs = sampling == PathSampling.ANTITHETIC ? new AntitheticPairs(tail.capacity()) : null;
    this.bins = required <= maxTailValues ? null : new LossBins();
    this.weightedTail = sampling != PathSampling.WEIGHTED ? null
        : new LossPairTail((int) Math.max(1, Math.min(expectedPaths, maxTailValues)));
    for (int k = 0; k < amounts.length; k++) {
      amounts[k] = new ExactSum();
    }
  }

  /** Adds one path's outcome. */
  public void add(PathResult o) {
    double w = o.weight();
    if (w != 1.0) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("a path weight must be finite and >= 0, got " + w);
      }
      if (weighted == null) {
        weighted = asWeighted();
      }
    }
    if (weighted != null) {
      weighted.add(o, w);
    }
    if (pairs != null) {
      pairs.add(o, w);
    }
    paths++;
    if (o.countOf(OutcomeCount.LIQUIDATIONS) > 0) {
      pathsLiquidated++;
    }
    if (o.badDebt() > 0) {
      pathsWithBadDebt++;
      firstBadDebtStepSum += o.firstBadDebtStep();
    }
    if (o.fundExhausted()) {
      pathsFundExhausted++;
    }
    for (OutcomeCount c : OutcomeCount.ALL) {
      counts[c.ordinal()] += o.countOf(c);
    }
    for (OutcomeAmount a : OutcomeAmount.ALL) {
      amounts[a.ordinal()].add(o.amountOf(a));
    }
    submissions += o.submissions();
    inclusionWaitSteps += o.inclusionWaitSteps();
    maxBadDebt = Math.max(maxBadDebt, o.badDebt());
    badDebt.add(o.badDebt());
    badDebtSquares.add(o.badDebt() * o.badDebt());
    insuranceDraw.add(o.insuranceDraw());
    socializedLoss.add(o.socializedLoss());
    horizonShortfall.add(o.horizonShortfall());
    if (!Double.isNaN(o.meanOracleGap())) {
      oracleGap.add(o.meanOracleGap());
      worstOracleGap.add(o.minMarketToOracle());
      oracleGapPaths++;
    }
    tail.add(o.badDebt());
    if (bins != null) {
      bins.add(o.badDebt());
    }
    if (weightedTail != null) {
      weightedTail.add(o.badDebt(), w);
    }
    histogram.add(o.badDebt(), w);
  }

  @Override
  public void merge(BadDebtAccumulator other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a BadDebtAccumulator with itself");
    }
    if ((pairs == null) != (other.pairs == null)) {
      throw new IllegalArgumentException("cannot merge antithetic pairs with independent paths");
    }
    if ((weightedTail == null) != (other.weightedTail == null)) {
      throw new IllegalArgumentException("cannot merge weighted paths' tail with independent"
          + " paths'");
    }
    if ((bins == null) != (other.bins == null)) {
      throw new IllegalArgumentException("cannot merge an exact tail with a binned one: the"
          + " accumulators were built for different path counts or bounds");
    }
    if (pairs != null) {
      // First of the changes: it refuses a split pair before anything else moves.
      pairs.merge(other.pairs);
    }
    if (weighted != null || other.weighted != null) {
      // Before the unweighted sums change: an unweighted side is seeded from its own sums.
      WeightedOutcomes theirs = other.weighted != null ? other.weighted : other.asWeighted();
      if (weighted == null) {
        weighted = asWeighted();
      }
      weighted.merge(theirs);
    }
    paths += other.paths;
    pathsLiquidated += other.pathsLiquidated;
    pathsWithBadDebt += other.pathsWithBadDebt;
    pathsFundExhausted += other.pathsFundExhausted;
    for (int k = 0; k < counts.length; k++) {
      counts[k] += other.counts[k];
    }
    for (int k = 0; k < amounts.length; k++) {
      amounts[k].merge(other.amounts[k]);
    }
    submissions += other.submissions;
    inclusionWaitSteps += other.inclusionWaitSteps;
    firstBadDebtStepSum += other.firstBadDebtStepSum;
    maxBadDebt = Math.max(maxBadDebt, other.maxBadDebt);
    badDebt.merge(other.badDebt);
    badDebtSquares.merge(other.badDebtSquares);
    insuranceDraw.merge(other.insuranceDraw);
    socializedLoss.merge(other.socializedLoss);
    horizonShortfall.merge(other.horizonShortfall);
    oracleGap.merge(other.oracleGap);
    worstOracleGap.merge(other.worstOracleGap);
    oracleGapPaths += other.oracleGapPaths;
    tail.merge(other.tail);
    if (bins != null) {
      bins.merge(other.bins);
    }
    if (weightedTail != null) {
      weightedTail.merge(other.weightedTail);
    }
    histogram.merge(other.histogram);
  }

  /** What the weighted sums would hold had every path so far been added with weight 1. */
  private WeightedOutcomes asWeighted() {
    return new WeightedOutcomes(paths, pathsLiquidated, pathsWithBadDebt, pathsFundExhausted,
        badDebt, badDebtSquares, insuranceDraw, socializedLoss, amounts);
  }

  /** The statistics of everything added and merged so far. */
  public BadDebtSummary summarize(double stepSeconds) {
    BadDebtSummary plain = summarizeUnweighted(stepSeconds);
    BadDebtSummary s = weighted == null ? plain : reweighted(plain);
    return pairs == null ? s : paired(s);
  }

  /**
   * The summary with standard errors and intervals over the antithetic pairs (the estimates
   * stay), and the measured variance ratios: the pairs' variance of the mean over what as many
   * independent paths would give, {@code (se_pairs / se_independent)^2}.
   */
  private BadDebtSummary paired(BadDebtSummary s) {
    double se = pairs.standardError(pairs.badDebt);
    double p = s.badDebt().estimate();
    WilsonInterval bad = pairs.probability95(p, pairs.withBadDebt);
    double pSe = pairs.standardError(pairs.withBadDebt);
    double pSeIndependent = Math.sqrt(p * (1 - p) / paths);
    TailRisk.Estimate[] levels = s.tail();
    if (bins == null) {  // the exact tail: intervals over pairs (AntitheticTail)
      double[] worst = tail.descending();
      double[][] both = pairs.bothInTail.descending();
      levels = new TailRisk.Estimate[s.tail().length];
      for (int k = 0; k < levels.length; k++) {
        levels[k] = AntitheticTail.intervals(s.tail()[k], paths, worst, both[0], both[1]);
      }
    }
    return new BadDebtSummary(paths, s.effectivePaths(),
        pairs.probability95(s.liquidated().estimate(), pairs.liquidated), bad,
        s.pathsWithBadDebt(), s.meanBadDebt(), se, s.maxBadDebt(), levels, s.tailPaths(),
        s.tailExact(),
        se * se / (s.meanBadDebtStdErr() * s.meanBadDebtStdErr()),
        pSe * pSe / (pSeIndependent * pSeIndependent),
        pairs.probability95(s.fundExhausted().estimate(), pairs.fundExhausted),
        s.meanInsuranceDraw(), s.meanSocializedLoss(), s.counts(), s.amountMeans(),
        s.meanInclusionWaitSeconds(), s.meanHorizonShortfall(), s.meanOracleGap(),
        s.meanWorstOracleGap(), s.meanHoursToFirstBadDebt(), s.distribution());
  }

  /**
   * The summary with the weighted estimates in place of the plain ones: VaR and ES from the
   * weighted tail ({@link WeightedTailRisk}; NaN when the accumulator was not built for
   * weighted paths, so that no unweighted quantile passes for the weighted one).
   */
  private BadDebtSummary reweighted(BadDebtSummary s) {
    TailRisk.Estimate[] levels = new TailRisk.Estimate[s.tail().length];
    long[] tailPaths = new long[levels.length];
    double[][] worst = weightedTail == null ? new double[2][0] : weightedTail.descending();
    boolean complete = weightedTail != null && weightedTail.complete();
    for (int k = 0; k < levels.length; k++) {
      int perMille = s.tail()[k].perMille();
      levels[k] = weightedTail == null ? WeightedTailRisk.at(perMille, 0, worst[0], worst[1], false)
          : WeightedTailRisk.at(perMille, paths, worst[0], worst[1], complete);
      tailPaths[k] = WeightedTailRisk.tailPaths(levels[k].var(), worst[0], pathsWithBadDebt);
    }
    double[] amountMeans = new double[OutcomeAmount.size()];
    for (int k = 0; k < amountMeans.length; k++) {
      amountMeans[k] = weighted.amounts[k].value() / paths;
    }
    return new BadDebtSummary(paths, weighted.effectivePaths(),
        weighted.liquidated.probability95(paths, pathsLiquidated),
        weighted.withBadDebt.probability95(paths, pathsWithBadDebt), pathsWithBadDebt,
        weighted.badDebt.mean(paths), weighted.badDebt.standardError(paths), s.maxBadDebt(),
        levels, tailPaths, complete, s.badDebtVarianceRatio(), s.pBadDebtVarianceRatio(),
        weighted.fundExhausted.probability95(paths, pathsFundExhausted),
        weighted.insuranceDraw.value() / paths, weighted.socializedLoss.value() / paths,
        s.counts(), amountMeans, s.meanInclusionWaitSeconds(), s.meanHorizonShortfall(),
        s.meanOracleGap(), s.meanWorstOracleGap(), s.meanHoursToFirstBadDebt(),
        s.distribution());
  }

  private BadDebtSummary summarizeUnweighted(double stepSeconds) {
    double n = paths;
    double mean = badDebt.value() / n;
    double variance = paths > 1
        ? Math.max(0, (badDebtSquares.value() - n * mean * mean) / (n - 1)) : Double.NaN;
    double[] worst = tail.descending();
    TailRisk.Estimate[] levels = new TailRisk.Estimate[TailRisk.LEVELS_PER_MILLE.length];
    long[] tailPaths = new long[levels.length];
    for (int k = 0; k < levels.length; k++) {
      int perMille = TailRisk.LEVELS_PER_MILLE[k];
      levels[k] = bins == null ? TailRisk.at(perMille, paths, worst)
          : TailRisk.at(perMille, paths, worst, bins);
      tailPaths[k] = BadDebtSummary.plainTailPaths(perMille, paths, pathsWithBadDebt);
    }
    double firstHours = pathsWithBadDebt > 0
        ? firstBadDebtStepSum * stepSeconds / 3600.0 / pathsWithBadDebt : Double.NaN;
    return new BadDebtSummary(
        paths,
        paths,
        WilsonInterval.of95(pathsLiquidated, paths),
        WilsonInterval.of95(pathsWithBadDebt, paths),
        pathsWithBadDebt,
        mean,
        Math.sqrt(variance / n),
        maxBadDebt,
        levels,
        tailPaths,
        bins == null,
        Double.NaN,
        Double.NaN,
        WilsonInterval.of95(pathsFundExhausted, paths),
        insuranceDraw.value() / n,
        socializedLoss.value() / n,
        counts.clone(),
        amountMeans(n),
        submissions > 0 ? inclusionWaitSteps * stepSeconds / submissions : Double.NaN,
        horizonShortfall.value() / n,
        oracleGap.value() / oracleGapPaths,  // NaN when no path computed them
        worstOracleGap.value() / oracleGapPaths,
        firstHours,
        histogram.bins());
  }

  private double[] amountMeans(double n) {
    double[] means = new double[amounts.length];
    for (int k = 0; k < means.length; k++) {
      means[k] = amounts[k].value() / n;
    }
    return means;
  }

  public long paths() {
    return paths;
  }

  /** Total bad debt over all paths, USD (exact sum, rounded once). */
  public double totalBadDebt() {
    return badDebt.value();
  }

  /** Total insurance draw over all paths, USD. */
  public double totalInsuranceDraw() {
    return insuranceDraw.value();
  }

  /** Total socialized loss over all paths, USD. */
  public double totalSocializedLoss() {
    return socializedLoss.value();
  }
}
