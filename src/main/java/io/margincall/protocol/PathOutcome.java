package io.margincall.protocol;

import io.margincall.stats.FirstLiquidations;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import io.margincall.stats.PathResult;
import java.util.Arrays;

/**
 * What happened on one path, in USD unless stated. Mutable and reused from path to path, so the
 * kernel allocates nothing per path beyond its random stream.
 */
public final class PathOutcome implements PathResult {
  /** Bad debt realised on the path: debt left when accounts were closed insolvent. */
  public double badDebt;
  /** Part of the bad debt the insurance fund paid. */
  public double insuranceDraw;
  /** Part of the bad debt the fund could not pay and auto-deleveraging did not cover. */
  public double socializedLoss;
  /** Whether some bad debt found the fund unable to pay it in full. */
  public boolean fundExhausted;
  /** Underwater shortfall {@code max(0, D - c P_n)} of accounts still open at the horizon. */
  public double horizonShortfall;
  /** The path's {@link OutcomeCount}s, indexed by ordinal. */
  private final long[] counts = new long[OutcomeCount.size()];
  /** The path's {@link OutcomeAmount}s, indexed by ordinal. */
  private final double[] amounts = new double[OutcomeAmount.size()];
  /** Step of the first bad debt, or -1 if none. */
  public int firstBadDebtStep;
  /**
   * Collateral taken from accounts by liquidations and close-outs, asset units (with several
   * assets, their units added up: meaningful per asset only in tests).
   */
  public double collateralSeized;
  /** Debt repaid by liquidations and close-out sales, USD (not counting bad debt). */
  public double debtRepaid;
  /** Step of the first liquidation, or -1 if none. */
  public int firstLiquidationStep;
  /** Time-average of |ln(S_t / O_t)|: how far, on average, the oracle stood from the market. */
  public double meanOracleGap;
  /** Steps the oracle feed spent in an outage. */
  public long oracleOutageSteps;
  /** Liquidation transactions submitted (congestion modelled). */
  public long submissions;
  /** Steps those submissions waited for inclusion, in all. */
  public long inclusionWaitSteps;
  /** Oracle posts on the path. */
  public long oraclePosts;
  /**
   * The worst gap between market and oracle on the path, {@code min_t (S_t / O_t) - 1}: how far
   * the market stood below what the protocol saw (0 if never below).
   */
  public double minMarketToOracle;
  /** The path's weight: 1, or its likelihood ratio under importance sampling. */
  public double weight = 1;
  /** The position whose close lost the most on the path, for the per-path rows. */
  public final LargestLoss largestLoss = new LargestLoss();
  /** Each account's first liquidation step, when a sweep compares points; else null. */
  private FirstLiquidations firstLiquidations;

  /**
   * Records, from now on, the step each account is first liquidated at on a path, for a book of
   * {@code loans} loans (or cross-margin accounts) and {@code perps} perp positions; {@code book}
   * identifies the accounts ({@link FirstLiquidations}).
   */
  public void recordFirstLiquidations(int loans, int perps, long book) {
    recordFirstLiquidations(loans, perps, book, null);
  }

  /** As above, each loan standing for {@code loanWeight[k]} accounts (cohorts; null: one). */
  public void recordFirstLiquidations(int loans, int perps, long book, int[] loanWeight) {
    firstLiquidations = new FirstLiquidations(loans, perps, book, loanWeight);
  }

  /**
   * Account {@code account} of {@code kind} ({@link LargestLoss#LOAN} or {@link LargestLoss#PERP})
   * was liquidated or closed out at step t.
   */
  public void liquidated(int kind, int account, int t) {
    if (firstLiquidations != null) {
      firstLiquidations.record(kind == LargestLoss.PERP ? FirstLiquidations.PERPS
          : FirstLiquidations.LOANS, account, t);
    }
  }

  @Override
  public FirstLiquidations firstLiquidations() {
    return firstLiquidations;
  }

  /** Counts one {@code c}. */
  public void count(OutcomeCount c) {
    counts[c.ordinal()]++;
  }

  /** Counts {@code n} times {@code c}. */
  public void count(OutcomeCount c, long n) {
    counts[c.ordinal()] += n;
  }

  @Override
  public long countOf(OutcomeCount c) {
    return counts[c.ordinal()];
  }

  /** Adds {@code usd} to amount {@code a}. */
  public void add(OutcomeAmount a, double usd) {
    amounts[a.ordinal()] += usd;
  }

  @Override
  public double amountOf(OutcomeAmount a) {
    return amounts[a.ordinal()];
  }

  /** Clears every field for a new path. */
  public void reset() {
    badDebt = 0;
    insuranceDraw = 0;
    socializedLoss = 0;
    fundExhausted = false;
    horizonShortfall = 0;
    Arrays.fill(counts, 0);
    Arrays.fill(amounts, 0);
    firstBadDebtStep = -1;
    collateralSeized = 0;
    debtRepaid = 0;
    firstLiquidationStep = -1;
    oracleOutageSteps = 0;
    submissions = 0;
    inclusionWaitSteps = 0;
    oraclePosts = 0;
    minMarketToOracle = 0;
    meanOracleGap = 0;
    largestLoss.reset();
    if (firstLiquidations != null) {
      firstLiquidations.reset();
    }
    weight = 1;
  }

  @Override
  public double weight() {
    return weight;
  }

  @Override
  public double badDebt() {
    return badDebt;
  }

  @Override
  public double insuranceDraw() {
    return insuranceDraw;
  }

  @Override
  public double socializedLoss() {
    return socializedLoss;
  }

  @Override
  public boolean fundExhausted() {
    return fundExhausted;
  }

  @Override
  public double horizonShortfall() {
    return horizonShortfall;
  }

  @Override
  public int firstBadDebtStep() {
    return firstBadDebtStep;
  }

  @Override
  public double meanOracleGap() {
    return meanOracleGap;
  }

  @Override
  public double minMarketToOracle() {
    return minMarketToOracle;
  }

  @Override
  public long submissions() {
    return submissions;
  }

  @Override
  public long inclusionWaitSteps() {
    return inclusionWaitSteps;
  }
}
