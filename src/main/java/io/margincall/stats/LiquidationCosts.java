package io.margincall.stats;

import java.io.Serializable;

/**
 * What a point of a sweep does to the accounts' liquidations against the baseline point, account
 * by account on the same path (common random numbers): accounts it liquidates that the baseline
 * did not (false positives: users liquidated who would not have been), accounts the baseline
 * liquidated that it does not (prevented), and, of the accounts liquidated at both, by how many
 * steps its first liquidation comes later or earlier. "Liquidated" is an executed liquidation or
 * a protocol close-out at any step of the path. Integer counts, so merges are exact and
 * order-free.
 */
public final class LiquidationCosts implements Mergeable<LiquidationCosts>, Serializable {
  private static final long serialVersionUID = 1L;

  private long paths;
  private long falsePositives;
  private long prevented;
  private long both;
  private long delayed;
  private long advanced;
  private long delayStepsSum;

  /**
   * Adds one path: the point's first liquidations {@code point} against the baseline's
   * {@code baseline} on the same path. The books must be the same accounts (same sizes).
   */
  public void add(FirstLiquidations point, FirstLiquidations baseline) {
    paths++;
    for (int kind = FirstLiquidations.LOANS; kind <= FirstLiquidations.PERPS; kind++) {
      for (int k = 0; k < point.liquidatedCount(kind); k++) {
        int account = point.liquidated(kind, k);
        int w = point.weight(kind, account);  // a cohort's members, else 1
        int base = baseline.firstStep(kind, account);
        if (base < 0) {
          falsePositives += w;
          continue;
        }
        both += w;
        int delay = point.firstStep(kind, account) - base;
        delayStepsSum += (long) delay * w;
        if (delay > 0) {
          delayed += w;
        } else if (delay < 0) {
          advanced += w;
        }
      }
      for (int k = 0; k < baseline.liquidatedCount(kind); k++) {
        int account = baseline.liquidated(kind, k);
        if (point.firstStep(kind, account) < 0) {
          prevented += baseline.weight(kind, account);
        }
      }
    }
  }

  /**
   * Whether two records can be compared account by account: of books of the same accounts (the
   * same positions, whatever the rules applied to them).
   */
  public static boolean comparable(FirstLiquidations a, FirstLiquidations b) {
    return a != null && b != null && a.book() == b.book()
        && a.accounts(FirstLiquidations.LOANS) == b.accounts(FirstLiquidations.LOANS)
        && a.accounts(FirstLiquidations.PERPS) == b.accounts(FirstLiquidations.PERPS);
  }

  @Override
  public void merge(LiquidationCosts other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a LiquidationCosts with itself");
    }
    paths += other.paths;
    falsePositives += other.falsePositives;
    prevented += other.prevented;
    both += other.both;
    delayed += other.delayed;
    advanced += other.advanced;
    delayStepsSum += other.delayStepsSum;
  }

  /** Paths compared; 0 when the point was not compared (no baseline, or another book). */
  public long paths() {
    return paths;
  }

  /** Accounts x paths liquidated at the point and not at the baseline. */
  public long falsePositives() {
    return falsePositives;
  }

  /** Accounts x paths liquidated at the baseline and not at the point. */
  public long prevented() {
    return prevented;
  }

  /** Accounts x paths liquidated at both. */
  public long both() {
    return both;
  }

  /** Of {@link #both}, those first liquidated at a later step at the point. */
  public long delayed() {
    return delayed;
  }

  /** Of {@link #both}, those first liquidated at an earlier step at the point. */
  public long advanced() {
    return advanced;
  }

  /** Sum over {@link #both} of (the point's first liquidation step - the baseline's). */
  public long delayStepsSum() {
    return delayStepsSum;
  }

  /** Mean of the point's first liquidation step minus the baseline's, over both; NaN if none. */
  public double meanDelaySteps() {
    return both == 0 ? Double.NaN : (double) delayStepsSum / both;
  }

  /** Every count, for messages and test fingerprints. */
  @Override
  public String toString() {
    return "paths=" + paths + " falsePositives=" + falsePositives + " prevented=" + prevented
        + " both=" + both + " delayed=" + delayed + " advanced=" + advanced + " delayStepsSum="
        + delayStepsSum;
  }
}
