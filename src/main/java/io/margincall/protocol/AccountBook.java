package io.margincall.protocol;

import io.margincall.model.FdLibm;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The accounts of a lending book, one collateral asset: collateral (asset units), debt (USD) and
 * liquidation threshold per account. Immutable; shared by every path.
 *
 * <p>Accounts are stored in descending order of their trigger price
 * {@code D / (c * LT)}, the oracle price below which they become eligible for liquidation. A
 * falling oracle therefore reaches them in storage order, and the kernel keeps one pointer
 * instead of scanning the book each step: a step costs O(1) plus the accounts it liquidates.
 * A second index orders them by bankruptcy price {@code D / c}, for the horizon's
 * mark-to-market shortfall.
 */
public final class AccountBook implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] collateral;
  private final double[] debt;
  private final double[] threshold;
  private final int[] sourceRow;
  private final double[] logTrigger;
  private final int[] byBankruptcy;
  private final double[] logBankruptcySorted;
  private final double totalCollateral;
  private final double totalDebt;
  private final double totalThresholdCollateral;

  private AccountBook(double[] collateral, double[] debt, double[] threshold, int[] sourceRow) {
    int n = collateral.length;
    this.collateral = collateral;
    this.debt = debt;
    this.threshold = threshold;
    this.sourceRow = sourceRow;
    this.logTrigger = new double[n];
    double c = 0;
    double d = 0;
    double w = 0;
    for (int i = 0; i < n; i++) {
      logTrigger[i] = logRatio(debt[i], collateral[i] * threshold[i]);
      c += collateral[i];
      d += debt[i];
      w += collateral[i] * threshold[i];
    }
    this.totalCollateral = c;
    this.totalDebt = d;
    this.totalThresholdCollateral = w;
    double[] logBankruptcy = new double[n];
    for (int i = 0; i < n; i++) {
      logBankruptcy[i] = logRatio(debt[i], collateral[i]);
    }
    this.byBankruptcy = IntStream.range(0, n).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -logBankruptcy[i])
            .thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    this.logBankruptcySorted = new double[n];
    for (int k = 0; k < n; k++) {
      logBankruptcySorted[k] = logBankruptcy[byBankruptcy[k]];
    }
  }

  /**
   * A book from per-account arrays (all the same length), in any order.
   *
   * @param collateral asset units held, each finite and {@code > 0}
   * @param debt USD owed, each finite and {@code >= 0}
   * @param threshold liquidation threshold, each in (0, 1]
   * @throws IllegalArgumentException naming the first bad account (0-based input position)
   */
  public static AccountBook of(double[] collateral, double[] debt, double[] threshold) {
    int n = collateral.length;
    if (debt.length != n || threshold.length != n) {
      throw new IllegalArgumentException("account arrays differ in length: " + n + ", "
          + debt.length + ", " + threshold.length);
    }
    for (int i = 0; i < n; i++) {
      if (!(collateral[i] > 0) || Double.isInfinite(collateral[i])) {
        throw new IllegalArgumentException(
            "account " + i + ": collateral must be finite and > 0, got " + collateral[i]);
      }
      if (!(debt[i] >= 0) || Double.isInfinite(debt[i])) {
        throw new IllegalArgumentException(
            "account " + i + ": debt must be finite and >= 0, got " + debt[i]);
      }
      if (!(threshold[i] > 0 && threshold[i] <= 1)) {
        throw new IllegalArgumentException(
            "account " + i + ": liquidation threshold must be in (0, 1], got " + threshold[i]);
      }
    }
    double[] trigger = new double[n];
    for (int i = 0; i < n; i++) {
      trigger[i] = logRatio(debt[i], collateral[i] * threshold[i]);
    }
    int[] order = IntStream.range(0, n).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -trigger[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    double[] c = new double[n];
    double[] d = new double[n];
    double[] lt = new double[n];
    for (int k = 0; k < n; k++) {
      c[k] = collateral[order[k]];
      d[k] = debt[order[k]];
      lt[k] = threshold[order[k]];
    }
    return new AccountBook(c, d, lt, order);
  }

  private static double logRatio(double numerator, double denominator) {
    return numerator == 0 ? Double.NEGATIVE_INFINITY : FdLibm.log(numerator / denominator);
  }

  public int size() {
    return collateral.length;
  }

  /** Collateral of account {@code i} (trigger rank), in asset units. */
  public double collateral(int i) {
    return collateral[i];
  }

  /** Debt of account {@code i}, USD. */
  public double debt(int i) {
    return debt[i];
  }

  /** Liquidation threshold of account {@code i}. */
  public double threshold(int i) {
    return threshold[i];
  }

  /** ln of the oracle price below which account {@code i} is eligible; descending in i. */
  public double logTrigger(int i) {
    return logTrigger[i];
  }

  /** The input position (row) account {@code i} came from. */
  public int sourceRow(int i) {
    return sourceRow[i];
  }

  /** The account of bankruptcy rank {@code k} (highest bankruptcy price {@code D/c} first). */
  public int byBankruptcy(int k) {
    return byBankruptcy[k];
  }

  /** ln of the bankruptcy price of the account of bankruptcy rank {@code k}; descending. */
  public double logBankruptcySorted(int k) {
    return logBankruptcySorted[k];
  }

  public double totalCollateral() {
    return totalCollateral;
  }

  public double totalDebt() {
    return totalDebt;
  }

  /** {@code sum c LT}: the collateral units that back borrowing, weighted by their thresholds. */
  public double totalThresholdCollateral() {
    return totalThresholdCollateral;
  }

  @Override
  public String toString() {
    return "AccountBook[" + size() + " accounts, collateral " + totalCollateral + ", debt "
        + totalDebt + ", top triggers " + Arrays.toString(
            Arrays.copyOf(logTrigger, Math.min(3, logTrigger.length))) + "]";
  }
}
