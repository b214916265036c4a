package io.margincall.stats;

/**
 * The tail-risk statistics of bad debt for one scenario; losses in USD per path.
 *
 * <p>Probabilities and means are importance-sampling estimates {@code (1/N) sum w y} when paths
 * carry weights other than 1, with weighted-variance normal intervals (in the same
 * {@link WilsonInterval} triple); with every weight 1 they are the plain ones, Wilson intervals.
 *
 * @param paths paths simulated
 * @param effectivePaths Kish's effective sample size {@code (sum w)^2 / sum w^2}; {@code paths}
 *     when every weight is 1
 * @param liquidated share of paths with at least one liquidation, with its Wilson 95 % interval
 * @param badDebt share of paths with bad debt {@code > 0}, with its Wilson 95 % interval
 * @param pathsWithBadDebt how many paths had bad debt {@code > 0}: what the figures above and
 *     the tail rest on
 * @param meanBadDebt mean bad debt per path
 * @param meanBadDebtStdErr Monte Carlo standard error of that mean
 * @param maxBadDebt largest bad debt on one path
 * @param tail VaR and ES at 95, 99 and 99.9 %, with intervals and error bounds
 * @param tailPaths for each level of {@code tail}, the paths with bad debt its VaR and ES rest
 *     on: among the worst {@code ceil((1 - q) N)} paths (plain), or at or above VaR (weighted)
 * @param tailExact whether the tail figures are the exact sample statistics (the exact tail
 *     fitted in {@code statistics.exact-tail-max-values}) rather than read from the binned
 *     summary, within their error bounds
 * @param badDebtVarianceRatio with antithetic pairs, the variance of {@code meanBadDebt} over
 *     what independent paths would give ({@code < 1}: the pairs helped); NaN without pairs
 * @param pBadDebtVarianceRatio the same for the share of paths with bad debt
 * @param fundExhausted share of paths where the insurance fund could not cover some bad debt
 * @param meanInsuranceDraw mean insurance fund draw per path
 * @param meanSocializedLoss mean socialized loss per path
 * @param counts the total of each {@link OutcomeCount} over all paths, indexed by ordinal (read
 *     them with {@link #count})
 * @param amountMeans the mean per path of each {@link OutcomeAmount}, indexed by ordinal (read
 *     them with {@link #amountMean})
 * @param meanInclusionWaitSeconds mean wait of submitted liquidations for inclusion, seconds
 *     (NaN when congestion is not modelled)
 * @param meanHorizonShortfall mean mark-to-market shortfall of accounts open at the horizon
 * @param meanOracleGap mean over paths of the time-averaged |ln(market / oracle)|
 * @param meanWorstOracleGap mean over paths of min_t (market / oracle) - 1
 * @param meanHoursToFirstBadDebt mean time of the first bad debt, on paths with bad debt, hours
 * @param distribution the loss histogram, ascending, with exceedance counts
 */
public record BadDebtSummary(
    long paths,
    double effectivePaths,
    WilsonInterval liquidated,
    WilsonInterval badDebt,
    long pathsWithBadDebt,
    double meanBadDebt,
    double meanBadDebtStdErr,
    double maxBadDebt,
    TailRisk.Estimate[] tail,
    long[] tailPaths,
    boolean tailExact,
    double badDebtVarianceRatio,
    double pBadDebtVarianceRatio,
    WilsonInterval fundExhausted,
    double meanInsuranceDraw,
    double meanSocializedLoss,
    long[] counts,
    double[] amountMeans,
    double meanInclusionWaitSeconds,
    double meanHorizonShortfall,
    double meanOracleGap,
    double meanWorstOracleGap,
    double meanHoursToFirstBadDebt,
    LossHistogram.Bin[] distribution) {

  /** The total of {@code c} over all paths. */
  public long count(OutcomeCount c) {
    return counts[c.ordinal()];
  }

  /** The mean per path of {@code a}, USD. */
  public double amountMean(OutcomeAmount a) {
    return amountMeans[a.ordinal()];
  }

  /** The paths with bad debt VaR_q and ES_q rest on at level {@code perMille}. */
  public long tailPaths(int perMille) {
    for (int k = 0; k < tail.length; k++) {
      if (tail[k].perMille() == perMille) {
        return tailPaths[k];
      }
    }
    throw new IllegalArgumentException("no tail figure at " + perMille + " per mille");
  }

  /**
   * The paths with bad debt among the worst {@code ceil((1 - q) N)} of {@code paths} at level
   * {@code perMille}: the paths the plain VaR_q and ES_q rest on.
   */
  static long plainTailPaths(int perMille, long paths, long pathsWithBadDebt) {
    long tailTimes1000 = (1000L - perMille) * paths;
    return Math.min(pathsWithBadDebt, -Math.floorDiv(-tailTimes1000, 1000));
  }

  /**
   * The figures that rest on fewer than {@link TailRisk#FEW_TAIL_PATHS} paths with bad debt,
   * e.g. {@code "p_bad_debt (12), var_99/es_99 (12), var_999/es_999 (3)"}; empty when none.
   * Their intervals are asymptotic and their values can move a lot with the seed.
   */
  public String fewPathsWarning() {
    StringBuilder b = new StringBuilder();
    if (pathsWithBadDebt < TailRisk.FEW_TAIL_PATHS) {
      b.append("p_bad_debt (").append(pathsWithBadDebt).append(')');
    }
    for (TailRisk.Estimate e : tail) {
      long n = tailPaths(e.perMille());
      if (n < TailRisk.FEW_TAIL_PATHS) {
        String level = e.perMille() % 10 == 0 ? String.valueOf(e.perMille() / 10)
            : String.valueOf(e.perMille());
        b.append(b.length() > 0 ? ", " : "").append("var_").append(level).append("/es_")
            .append(level).append(" (").append(n).append(')');
      }
    }
    return b.toString();
  }

  /**
   * What liquidators earn per path, loans and perps together, before slippage and gas: the
   * bonus on loans less the fund's share, plus the perp keepers' rewards, USD.
   */
  public double keeperRevenueMean() {
    return amountMean(OutcomeAmount.LIQUIDATION_BONUS) + amountMean(OutcomeAmount.PERP_KEEPER_REWARDS);
  }
}
