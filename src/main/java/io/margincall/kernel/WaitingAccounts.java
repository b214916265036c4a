package io.margincall.kernel;

import io.margincall.protocol.LiquidationRules;

/**
 * Eligible accounts that a liquidator skipped (unprofitable, or waiting for inclusion), in the
 * order the kernel visits them: trigger key descending, then account ascending. Their collateral
 * and debt do not change while they wait, so they stay here instead of churning through the
 * heap, and a falling oracle makes them eligible as a prefix of this list.
 *
 * <p>Each position also carries bounds over the prefix up to it, which let the kernel settle a
 * <em>quiet step</em> (one where only waiting accounts are eligible and none can change) in O(1)
 * instead of visiting each one: the largest first repayment and bankruptcy and full-seizure
 * prices among them, and their pending inclusions. An account's bounds are computed once, when
 * it starts waiting. They are certificates only: a step they cannot certify is settled account
 * by account with the exact rules, so they change no result.
 */
final class WaitingAccounts {
  /**
   * Relative margin on the price bounds, so that the exact tests they stand for
   * ({@code c * P >= D}, {@code repay (1 + bonus) / P <= c}) certainly hold: the divisions and
   * products of those tests err by a few 1e-16 relative, ten thousand times less.
   */
  static final double MARGIN = 1e-12;

  private final double closeFactor;
  private final double onePlusBonus;
  private final double dust;
  private final int[] pendingUntil;

  // The list, and a second pair of arrays commit() merges into before the two swap.
  private int[] account;
  private double[] key;
  private int[] spareAccount;
  private double[] spareKey;
  private int size;
  // Accounts skipped at this step, in visiting order, merged in by commit().
  private final int[] addedAccount;
  private final double[] addedKey;
  private int added;
  private int firstRemoved;

  // Per account (by trigger rank), set when it starts waiting.
  private final double[] firstRepay;
  private final double[] bankruptPrice;
  private final double[] fullSeizurePrice;

  // Per position k: bounds over positions 0..k, valid for k < validUpTo.
  private final double[] maxRepay;
  private final double[] minRepay;
  private final double[] maxBankruptPrice;
  private final double[] maxFullSeizurePrice;
  private final int[] pendingCount;
  private final int[] earliestPending;
  private int validUpTo;
  private int eligible;

  /**
   * @param accounts the book's size
   * @param rules the liquidation rules (for an account's first repayment)
   * @param pendingUntil the kernel's per-account inclusion step (0: nothing pending), read when
   *     the bounds are refreshed; the kernel reports changes to waiting accounts' entries
   *     through {@link #changedAt}
   */
  WaitingAccounts(int accounts, LiquidationRules rules, int[] pendingUntil) {
    this.closeFactor = rules.closeFactor();
    this.onePlusBonus = 1 + rules.bonus();
    this.dust = rules.dustUsd();
    this.pendingUntil = pendingUntil;
    this.account = new int[accounts];
    this.key = new double[accounts];
    this.addedAccount = new int[accounts];
    this.addedKey = new double[accounts];
    this.spareAccount = new int[accounts];
    this.spareKey = new double[accounts];
    this.firstRepay = new double[accounts];
    this.bankruptPrice = new double[accounts];
    this.fullSeizurePrice = new double[accounts];
    this.maxRepay = new double[accounts];
    this.minRepay = new double[accounts];
    this.maxBankruptPrice = new double[accounts];
    this.maxFullSeizurePrice = new double[accounts];
    this.pendingCount = new int[accounts];
    this.earliestPending = new int[accounts];
  }

  /** Empties the list, for a new path. */
  void clear() {
    size = 0;
    added = 0;
    firstRemoved = Integer.MAX_VALUE;
    eligible = 0;
    validUpTo = 0;
  }

  int size() {
    return size;
  }

  int account(int k) {
    return account[k];
  }

  double key(int k) {
    return key[k];
  }

  /** The highest key waiting, or -infinity. */
  double topKey() {
    return size > 0 ? key[0] : Double.NEGATIVE_INFINITY;
  }

  /** Takes position k out of the list (it was liquidated or closed); applied by commit(). */
  void remove(int k) {
    account[k] = -1;
    firstRemoved = Math.min(firstRemoved, k);
  }

  /** The entry at position k changed (its pending inclusion): its bounds are recomputed. */
  void changedAt(int k) {
    validUpTo = Math.min(validUpTo, k);
  }

  /**
   * Account i, with collateral c and debt d, was skipped at this step under key {@code key}:
   * it waits from commit() on. Calls come in visiting order.
   */
  void add(int i, double key, double c, double d) {
    addedAccount[added] = i;
    addedKey[added++] = key;
    double repay = closeFactor * d;  // as the liquidation computes it
    if (d - repay <= dust) {
      repay = d;
    }
    firstRepay[i] = repay;
    bankruptPrice[i] = d / c * (1 + MARGIN);
    fullSeizurePrice[i] = repay * onePlusBonus / c * (1 + MARGIN);
  }

  /**
   * Applies this step's removals and additions, keeping (key desc, account asc) order: the
   * remaining entries and the added ones are both in that order, so one merge pass does it.
   */
  void commit() {
    if (added == 0 && firstRemoved == Integer.MAX_VALUE) {
      return;
    }
    int firstChange = firstRemoved;
    int[] toAccount = spareAccount;
    double[] toKey = spareKey;
    int a = 0;
    int b = 0;
    int n = 0;
    while (true) {
      while (a < size && account[a] < 0) {
        a++;  // removed
      }
      if (a == size && b == added) {
        break;
      }
      boolean takeOld = b == added || (a < size && (key[a] > addedKey[b]
          || (key[a] == addedKey[b] && account[a] < addedAccount[b])));
      if (takeOld) {
        toAccount[n] = account[a];
        toKey[n++] = key[a++];
      } else {
        firstChange = Math.min(firstChange, n);
        toAccount[n] = addedAccount[b];
        toKey[n++] = addedKey[b++];
      }
    }
    spareAccount = account;
    spareKey = key;
    account = toAccount;
    key = toKey;
    size = n;
    added = 0;
    firstRemoved = Integer.MAX_VALUE;
    validUpTo = Math.min(validUpTo, firstChange);
  }

  /** How many waiting accounts are eligible at oracle log price {@code logOracle} (a prefix). */
  int eligible(double logOracle) {
    int e = Math.min(eligible, size);
    while (e < size && logOracle < key[e]) {
      e++;
    }
    while (e > 0 && !(logOracle < key[e - 1])) {
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
    double hiRepay = k > 0 ? maxRepay[k - 1] : Double.NEGATIVE_INFINITY;
    double loRepay = k > 0 ? minRepay[k - 1] : Double.POSITIVE_INFINITY;
    double bankrupt = k > 0 ? maxBankruptPrice[k - 1] : 0;
    double fullSeizure = k > 0 ? maxFullSeizurePrice[k - 1] : 0;
    int pending = k > 0 ? pendingCount[k - 1] : 0;
    int earliest = k > 0 ? earliestPending[k - 1] : Integer.MAX_VALUE;
    for (; k < e; k++) {
      int i = account[k];
      hiRepay = Math.max(hiRepay, firstRepay[i]);
      loRepay = Math.min(loRepay, firstRepay[i]);
      bankrupt = Math.max(bankrupt, bankruptPrice[i]);
      fullSeizure = Math.max(fullSeizure, fullSeizurePrice[i]);
      if (pendingUntil[i] > 0) {
        pending++;
        earliest = Math.min(earliest, pendingUntil[i]);
      }
      maxRepay[k] = hiRepay;
      minRepay[k] = loRepay;
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

  /** Smallest first repayment among the first e accounts, USD. */
  double minRepay(int e) {
    return minRepay[e - 1];
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

  /** The earliest inclusion step pending among the first e accounts, or Integer.MAX_VALUE. */
  int earliestPending(int e) {
    return earliestPending[e - 1];
  }

  /** Account i's first repayment, USD, while it waits. */
  double firstRepay(int i) {
    return firstRepay[i];
  }

  /** A market price at or above which waiting account i is certainly solvent. */
  double bankruptPrice(int i) {
    return bankruptPrice[i];
  }

  /** A valuation price at or above which account i's liquidation seizes no more than it holds. */
  double fullSeizurePrice(int i) {
    return fullSeizurePrice[i];
  }

  /**
   * Submits the liquidations of the first e accounts that have none pending: each is included
   * at step {@code until}. Returns how many were submitted.
   */
  int submitFresh(int e, int until) {
    int n = 0;
    for (int k = 0; k < e; k++) {
      int i = account[k];
      if (pendingUntil[i] == 0) {
        pendingUntil[i] = until;
        validUpTo = Math.min(validUpTo, k);
        n++;
      }
    }
    return n;
  }
}
