package io.margincall.stats;

import java.util.Arrays;

/**
 * The step at which each account of a book was first liquidated on one path, or -1: what a sweep
 * compares, account by account, between a point and its baseline on the same path
 * ({@link LiquidationCosts}). Loans and perp positions are numbered apart, each in input order.
 *
 * <p>Mutable and reused from path to path; O(accounts) memory, allocated once. A path's reset
 * costs O(accounts liquidated on it), not O(accounts): the liquidated ones are listed.
 */
public final class FirstLiquidations {
  /** Kind of account: a loan (lending, or cross-margin). */
  public static final int LOANS = 0;
  /** Kind of account: a perp position. */
  public static final int PERPS = 1;

  private final int[][] first;
  private final int[][] listed;
  private final int[] listedCount = new int[2];
  private final long book;
  // Accounts each loan stands for (a cohort's members, by its source row), or null: one each.
  private final int[] loanWeight;

  /**
   * For a book of {@code loans} loans and {@code perps} perp positions; {@code book} identifies
   * its accounts (equal for books of the same accounts, whatever their rules).
   */
  public FirstLiquidations(int loans, int perps, long book) {
    this(loans, perps, book, null);
  }

  /**
   * As above, the loan numbered k standing for {@code loanWeight[k]} accounts (a cohort's
   * members; null: one each), so that a comparison counts accounts, not cohorts.
   */
  public FirstLiquidations(int loans, int perps, long book, int[] loanWeight) {
    this.book = book;
    this.loanWeight = loanWeight;
    first = new int[][] {new int[loans], new int[perps]};
    listed = new int[][] {new int[loans], new int[perps]};
    Arrays.fill(first[LOANS], -1);
    Arrays.fill(first[PERPS], -1);
  }

  /** A new path: no account liquidated. */
  public void reset() {
    for (int kind = LOANS; kind <= PERPS; kind++) {
      for (int k = 0; k < listedCount[kind]; k++) {
        first[kind][listed[kind][k]] = -1;
      }
      listedCount[kind] = 0;
    }
  }

  /** Account {@code account} of {@code kind} was liquidated (or closed out) at step t. */
  public void record(int kind, int account, int t) {
    if (first[kind][account] < 0) {
      first[kind][account] = t;
      listed[kind][listedCount[kind]++] = account;
    }
  }

  /** What identifies the book's accounts: two records of equal books can be compared. */
  public long book() {
    return book;
  }

  /** Number of accounts of {@code kind} in the book. */
  public int accounts(int kind) {
    return first[kind].length;
  }

  /** Accounts of {@code kind} liquidated on this path. */
  public int liquidatedCount(int kind) {
    return listedCount[kind];
  }

  /** The k-th account of {@code kind} liquidated on this path, in order of first liquidation. */
  public int liquidated(int kind, int k) {
    return listed[kind][k];
  }

  /** How many accounts account {@code account} of {@code kind} stands for: 1 but for cohorts. */
  public int weight(int kind, int account) {
    return kind == LOANS && loanWeight != null ? loanWeight[account] : 1;
  }

  /** Step of the first liquidation of an account on this path, or -1 if none. */
  public int firstStep(int kind, int account) {
    return first[kind][account];
  }
}
