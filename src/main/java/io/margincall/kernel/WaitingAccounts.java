package io.margincall.kernel;

import io.margincall.protocol.AccountBook;
import io.margincall.protocol.LiquidationEngine;

/**
 * Eligible accounts that a liquidator skipped (unprofitable, or waiting for inclusion), in the
 * order the kernel visits them: trigger key descending, then account ascending. Their collateral
 * and debt do not change while they wait, so they stay here instead of churning through the
 * heap, and a falling oracle makes them eligible as a prefix of this list.
 *
 * <p>Each position also carries bounds over the prefix up to it, which let the kernel settle a
 * <em>quiet step</em> (one where only waiting accounts are eligible and none can change) in O(1)
 * instead of visiting each one: the largest and smallest repayment, the largest bonus, the
 * largest bankruptcy and full-seizure prices among them, and their pending inclusions. The
 * repayment and bonus bounds are the incentive rule's extremes over every oracle price
 * ({@link LiquidationEngine#maxFirstRepay}, {@link LiquidationEngine#minFirstRepay},
 * {@link LiquidationEngine#maxBonus}): under a rule that reads health (Aave's close factor,
 * Euler's discount) they hold while the oracle moves. An account's bounds are computed once, when
 * it starts waiting. They are certificates only: a step they cannot certify is settled account
 * by account with the exact rules, so they change no result.
 *
 * <p><b>Invariant</b> (the certificates of {@link LiquidationEngine} rely on it): a waiting
 * account's collateral and debt do not change while it is in this list; only its pending
 * inclusion may, and the kernel reports that through {@link #changedAt}. An account whose state
 * changes leaves the list ({@link #remove}) and re-enters with fresh bounds ({@link #add}).
 */
final class WaitingAccounts {
  private final LiquidationEngine rules;
  private final int[] pendingUntil;

  // The list by position: account and key. A second pair of arrays is what commit() merges
  // into before the two swap.
  private Entries list;
  private Entries spare;
  private int size;
  // Accounts skipped at this step, in visiting order, merged in by commit().
  private final Entries added;
  private int addedCount;
  private int firstRemoved;

  // Per position k: bounds over positions 0..k, valid for k < validUpTo.
  private final double[] maxRepay;
  private final double[] minRepay;
  private final double[] maxBonus;
  private final double[] maxBankruptPrice;
  private final double[] maxFullSeizurePrice;
  private final int[] pendingCount;
  private final int[] earliestPending;
  private int validUpTo;
  private int eligible;

  /** Parallel arrays of list entries. */
  private static final class Entries {
    final int[] account;
    final double[] key;

    Entries(int n) {
      account = new int[n];
      key = new double[n];
    }

    void copy(int from, Entries to, int at, int length) {
      System.arraycopy(account, from, to.account, at, length);
      System.arraycopy(key, from, to.key, at, length);
    }
  }

  // The book when compressed into cohorts (its entries' members), or null: one account each.
  private final AccountBook cohorts;
  // Prefix sums of the members of entries with nothing pending (null without cohorts).
  private final int[] freshMembers;
  // Per account (by trigger rank), set when it starts waiting: its certificate values.
  private final double[] repay;
  private final double[] leastRepay;
  private final double[] bonus;
  private final double[] bankruptPrice;
  private final double[] fullSeizurePrice;

  /**
   * @param accounts the book's size
   * @param rules the liquidation rules, which give an account's first repayment and its
   *     certificate bounds
   * @param pendingUntil the kernel's per-account inclusion step (0: nothing pending), read when
   *     the bounds are refreshed; the kernel reports changes to waiting accounts' entries
   *     through {@link #changedAt}
   */
  WaitingAccounts(int accounts, LiquidationEngine rules, int[] pendingUntil) {
    this(accounts, rules, pendingUntil, null);
  }

  /**
   * As above, for a book of cohorts ({@link AccountBook#cohorts}; null: one account an entry):
   * entry i stands for {@code cohorts.members(i)} identical accounts. Its certificate values are
   * one member's, as {@link LiquidationEngine#liquidate} applies the rules to one member; counts
   * of fresh and submitted liquidations are of members.
   */
  WaitingAccounts(int accounts, LiquidationEngine rules, int[] pendingUntil,
                  AccountBook cohorts) {
    this.rules = rules;
    this.pendingUntil = pendingUntil;
    this.cohorts = cohorts;
    this.freshMembers = cohorts == null ? null : new int[accounts];
    this.list = new Entries(accounts);
    this.spare = new Entries(accounts);
    this.added = new Entries(accounts);
    this.repay = new double[accounts];
    this.leastRepay = new double[accounts];
    this.bonus = new double[accounts];
    this.bankruptPrice = new double[accounts];
    this.fullSeizurePrice = new double[accounts];
    this.maxRepay = new double[accounts];
    this.minRepay = new double[accounts];
    this.maxBonus = new double[accounts];
    this.maxBankruptPrice = new double[accounts];
    this.maxFullSeizurePrice = new double[accounts];
    this.pendingCount = new int[accounts];
    this.earliestPending = new int[accounts];
  }

  /** Empties the list, for a new path. */
  void clear() {
    size = 0;
    addedCount = 0;
    firstRemoved = Integer.MAX_VALUE;
    eligible = 0;
    validUpTo = 0;
  }

  int size() {
    return size;
  }

  int account(int k) {
    return list.account[k];
  }

  double key(int k) {
    return list.key[k];
  }

  /** The highest key waiting, or -infinity. */
  double topKey() {
    return size > 0 ? list.key[0] : Double.NEGATIVE_INFINITY;
  }

  /** Takes position k out of the list (it was liquidated or closed); applied by commit(). */
  void remove(int k) {
    list.account[k] = -1;
    firstRemoved = Math.min(firstRemoved, k);
  }

  /** The entry at position k changed (its pending inclusion): its bounds are recomputed. */
  void changedAt(int k) {
    validUpTo = Math.min(validUpTo, k);
  }

  /**
   * Account i, with collateral c, debt d and threshold {@code threshold}, was skipped at this
   * step under key {@code key}: it waits from commit() on. Calls come in visiting order.
   */
  void add(int i, double key, double c, double d, double threshold) {
    int k = addedCount++;
    added.account[k] = i;
    added.key[k] = key;
    // One member's debt and collateral (exact for a single account: a product by 1).
    double perMember = cohorts == null ? 1 : 1.0 / cohorts.members(i);
    double repay = rules.maxFirstRepay(d * perMember);
    double bonus = rules.maxBonus(threshold);
    this.repay[i] = repay;
    this.leastRepay[i] = rules.minFirstRepay(d * perMember);
    this.bonus[i] = bonus;
    bankruptPrice[i] = LiquidationEngine.bankruptPrice(c, d);
    fullSeizurePrice[i] = LiquidationEngine.fullSeizurePrice(repay, bonus, c * perMember);
  }

  /**
   * Applies this step's removals and additions, keeping (key desc, account asc) order: the
   * remaining entries and the added ones are both in that order, so one merge pass does it,
   * copying the runs of entries between two changes in blocks.
   */
  void commit() {
    if (addedCount == 0 && firstRemoved == Integer.MAX_VALUE) {
      return;
    }
    int firstChange = firstRemoved;
    Entries from = list;
    Entries to = spare;
    int[] account = from.account;
    double[] key = from.key;
    int a = 0;
    int b = 0;
    int n = 0;
    while (true) {
      int end = a;
      if (b == addedCount) {
        while (end < size && account[end] >= 0) {
          end++;
        }
      } else {
        double next = added.key[b];
        int nextAccount = added.account[b];
        while (end < size && account[end] >= 0
            && (key[end] > next || (key[end] == next && account[end] < nextAccount))) {
          end++;
        }
      }
      from.copy(a, to, n, end - a);
      n += end - a;
      a = end;
      if (a < size && account[a] < 0) {
        a++;  // removed
      } else if (b < addedCount) {
        firstChange = Math.min(firstChange, n);
        added.copy(b++, to, n++, 1);
      } else {
        break;
      }
    }
    spare = from;
    list = to;
    size = n;
    addedCount = 0;
    firstRemoved = Integer.MAX_VALUE;
    validUpTo = Math.min(validUpTo, firstChange);
  }

  /**
   * How many waiting accounts are eligible at oracle log price {@code logOracle} (a prefix),
   * their keys shifted by the margin's {@code shift} ({@code logOracle < key + shift}).
   */
  int eligible(double logOracle, double shift) {
    double[] key = list.key;
    int e = Math.min(eligible, size);
    while (e < size && logOracle < key[e] + shift) {
      e++;
    }
    while (e > 0 && !(logOracle < key[e - 1] + shift)) {
      e--;
    }
    eligible = e;
    return e;
  }

  /** Brings the prefix bounds of the first e positions up to date. */
  void refreshBounds(int e) {
    int k = validUpTo;
    if (k >= e) {
      return;
    }
    int[] account = list.account;
    double hiRepay = k > 0 ? maxRepay[k - 1] : Double.NEGATIVE_INFINITY;
    double loRepay = k > 0 ? minRepay[k - 1] : Double.POSITIVE_INFINITY;
    double hiBonus = k > 0 ? maxBonus[k - 1] : Double.NEGATIVE_INFINITY;
    double bankrupt = k > 0 ? maxBankruptPrice[k - 1] : 0;
    double fullSeizure = k > 0 ? maxFullSeizurePrice[k - 1] : 0;
    int pending = k > 0 ? pendingCount[k - 1] : 0;
    int earliest = k > 0 ? earliestPending[k - 1] : Integer.MAX_VALUE;
    int fresh = k > 0 && cohorts != null ? freshMembers[k - 1] : 0;
    for (; k < e; k++) {
      // Comparisons rather than Math.max/min: no NaN or -0 here, and they are cheaper.
      int i = account[k];
      double r = repay[i];
      double least = leastRepay[i];
      hiRepay = r > hiRepay ? r : hiRepay;
      loRepay = least < loRepay ? least : loRepay;
      hiBonus = bonus[i] > hiBonus ? bonus[i] : hiBonus;
      bankrupt = bankruptPrice[i] > bankrupt ? bankruptPrice[i] : bankrupt;
      fullSeizure = fullSeizurePrice[i] > fullSeizure ? fullSeizurePrice[i] : fullSeizure;
      int until = pendingUntil[i];
      if (until > 0) {
        pending++;
        earliest = Math.min(earliest, until);
      }
      if (cohorts != null) {
        fresh += until > 0 ? 0 : cohorts.members(i);
        freshMembers[k] = fresh;
      }
      maxRepay[k] = hiRepay;
      minRepay[k] = loRepay;
      maxBonus[k] = hiBonus;
      maxBankruptPrice[k] = bankrupt;
      maxFullSeizurePrice[k] = fullSeizure;
      pendingCount[k] = pending;
      earliestPending[k] = earliest;
    }
    validUpTo = e;
  }

  /** Largest first repayment among the first e accounts, USD (after refreshBounds(e)). */
  double maxRepay(int e) {
    return maxRepay[e - 1];
  }

  /** Smallest repayment among the first e accounts, USD. */
  double minRepay(int e) {
    return minRepay[e - 1];
  }

  /** Largest bonus among the first e accounts. */
  double maxBonus(int e) {
    return maxBonus[e - 1];
  }

  /** A market price at or above which the first e accounts are certainly solvent. */
  double maxBankruptPrice(int e) {
    return maxBankruptPrice[e - 1];
  }

  /**
   * A valuation price at or above which the first liquidation of each of the first e accounts
   * certainly seizes no more than it holds (repayment x (1 + bonus) / price <= collateral).
   */
  double maxFullSeizurePrice(int e) {
    return maxFullSeizurePrice[e - 1];
  }

  /** How many of the first e accounts have a liquidation pending inclusion. */
  int pendingCount(int e) {
    return pendingCount[e - 1];
  }

  /**
   * The accounts among the first e entries with no liquidation pending: the entries
   * ({@code e - pendingCount(e)}), or with cohorts their members.
   */
  int freshAccounts(int e) {
    return cohorts == null ? e - pendingCount[e - 1] : freshMembers[e - 1];
  }

  /** The earliest inclusion step pending among the first e accounts, or Integer.MAX_VALUE. */
  int earliestPending(int e) {
    return earliestPending[e - 1];
  }

  /** The largest first repayment of waiting account i, USD. */
  double repay(int i) {
    return repay[i];
  }

  /** The smallest repayment of waiting account i, USD. */
  double leastRepay(int i) {
    return leastRepay[i];
  }

  /** The largest bonus of waiting account i. */
  double bonus(int i) {
    return bonus[i];
  }

  /** A market price at or above which waiting account i is certainly solvent. */
  double bankruptPrice(int i) {
    return bankruptPrice[i];
  }

  /** A valuation price at or above which waiting account i's liquidation keeps some collateral. */
  double fullSeizurePrice(int i) {
    return fullSeizurePrice[i];
  }

  /**
   * Submits the liquidations of the first e accounts that have none pending: each is included
   * at step {@code until}. Returns how many accounts were submitted (a cohort's members).
   */
  int submitFresh(int e, int until) {
    int n = 0;
    for (int k = 0; k < e; k++) {
      int i = list.account[k];
      if (pendingUntil[i] == 0) {
        pendingUntil[i] = until;
        validUpTo = Math.min(validUpTo, k);
        n += cohorts == null ? 1 : cohorts.members(i);
      }
    }
    return n;
  }
}
