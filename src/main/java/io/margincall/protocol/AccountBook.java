package io.margincall.protocol;

import io.margincall.model.FdLibm;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  // Accounts each entry stands for (a cohort, {@link #cohorts}); null: one each.
  private final int[] members;
  private final int memberCount;
  private final double[] logTrigger;
  private final int[] byBankruptcy;
  private final double[] logBankruptcySorted;
  private final double totalCollateral;
  private final double totalDebt;
  private final double totalThresholdCollateral;

  private AccountBook(double[] collateral, double[] debt, double[] threshold, int[] sourceRow,
                      int[] members) {
    int n = collateral.length;
    this.collateral = collateral;
    this.debt = debt;
    this.threshold = threshold;
    this.sourceRow = sourceRow;
    this.members = members;
    this.memberCount = members == null ? n : Arrays.stream(members).sum();
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
    return of(collateral, debt, threshold, IntStream.range(0, collateral.length).toArray(), null);
  }

  private static AccountBook of(double[] collateral, double[] debt, double[] threshold,
                                int[] rows, int[] members) {
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
    int[] row = new int[n];
    int[] m = members == null ? null : new int[n];
    for (int k = 0; k < n; k++) {
      c[k] = collateral[order[k]];
      d[k] = debt[order[k]];
      lt[k] = threshold[order[k]];
      row[k] = rows[order[k]];
      if (m != null) {
        m[k] = members[order[k]];
      }
    }
    return new AccountBook(c, d, lt, row, m);
  }

  /**
   * The book compressed into cohorts (src/docs/model.md, "Cohorts of accounts"): accounts with
   * the same liquidation threshold whose log bankruptcy price {@code ln(D / c)} falls in the same
   * bin {@code [k w, (k + 1) w)} become one entry holding their summed collateral and debt,
   * which the liquidation rules treat as that many identical members ({@link #members}). The
   * cohort's {@code sum D / sum c} lies between its members', so no member's bankruptcy price,
   * nor (at one threshold) its trigger price {@code D / (c LT)}, moves by a factor {@code e^w} or
   * more. {@code logWidth = 0} merges only accounts whose {@code ln(D / c)} is the same double
   * (the same up to scale), and only those next to each other in storage order: an account of
   * the same trigger but another key (threshold, size) between them keeps them apart. Accounts with no debt (never
   * liquidated) of one threshold make one cohort. A cohort's source row is its first member's.
   * Sizes are not compared: {@link #cohorts(double, double)} with an infinite size width.
   *
   * @param logWidth the bin width in ln(price), finite and {@code >= 0}
   */
  public AccountBook cohorts(double logWidth) {
    return cohorts(logWidth, Double.POSITIVE_INFINITY);
  }

  /**
   * As {@link #cohorts(double)}, merging only accounts whose log debt {@code ln D} also falls in
   * one bin of width {@code sizeLogWidth}, so that a cohort's members are alike in size where a
   * rule reads it (dust, the keeper's fee and minimum profit, price impact): they differ by less
   * than a factor {@code e^sizeLogWidth}. 0 merges only equal debts (with {@code logWidth = 0}:
   * identical accounts); infinity ignores size.
   */
  public AccountBook cohorts(double logWidth, double sizeLogWidth) {
    if (!(logWidth >= 0 && logWidth < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("cohort width must be finite and >= 0, got " + logWidth);
    }
    if (!(sizeLogWidth >= 0)) {
      throw new IllegalArgumentException("cohort size width must be >= 0, got " + sizeLogWidth);
    }
    int n = size();
    // Each account's key: threshold, bin of ln(D / c) and bin of ln D. Bins of ln(D / c), the
    // bankruptcy price, so that the partition is the same whatever the threshold (a sweep over
    // it compares the same cohorts); at one threshold the trigger is D / c over it.
    List<List<Double>> key = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double bin = bin(logRatio(debt[i], collateral[i]), logWidth);
      double size = debt[i] == 0 || sizeLogWidth == Double.POSITIVE_INFINITY ? 0
          : bin(FdLibm.log(debt[i]), sizeLogWidth);
      key.add(List.of(threshold[i], bin, size));
    }
    if (logWidth == 0) {
      // Exact: merge only runs of equal keys in storage order (the order the oracle reaches
      // them), so that an account of the same trigger but another key between two members is
      // still liquidated between them, as the insurance fund would see it account by account.
      double run = 0;
      List<Double> previous = null;
      for (int i = 0; i < n; i++) {
        List<Double> k = key.get(i);
        if (previous != null && !k.equals(previous)) {
          run++;
        }
        previous = k;
        key.set(i, List.of(k.get(0), k.get(1), k.get(2), run));
      }
    }
    int[] cohortOf = new int[n];
    Map<List<Double>, Integer> cohorts = new HashMap<>();
    // Members in input-row order, so each cohort's sums and first row do not depend on the
    // storage order.
    int[] byRow = IntStream.range(0, n).boxed().sorted(Comparator.comparingInt(i -> sourceRow[i]))
        .mapToInt(Integer::intValue).toArray();
    for (int i : byRow) {
      cohortOf[i] = cohorts.computeIfAbsent(key.get(i), k -> cohorts.size());
    }
    int k = cohorts.size();
    double[] c = new double[k];
    double[] d = new double[k];
    double[] lt = new double[k];
    int[] row = new int[k];
    int[] m = new int[k];
    Arrays.fill(row, -1);
    for (int i : byRow) {
      int j = cohortOf[i];
      c[j] += collateral[i];
      d[j] += debt[i];
      lt[j] = threshold[i];
      if (row[j] < 0) {
        row[j] = sourceRow[i];
      }
      m[j] += members(i);
    }
    return of(c, d, lt, row, m);
  }

  /** The bin of width w that x falls in; with w = 0 (or an infinite x), x itself. */
  private static double bin(double x, double w) {
    return w == 0 || Double.isInfinite(x) ? x : Math.floor(x / w);
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

  /** How many of the input's accounts entry {@code i} stands for: 1 unless {@link #cohorts}. */
  public int members(int i) {
    return members == null ? 1 : members[i];
  }

  /** Whether the book is compressed into {@link #cohorts} (an entry may stand for several). */
  public boolean hasCohorts() {
    return members != null;
  }

  /** The accounts of the input the book stands for: {@link #size} unless compressed. */
  public int accountCount() {
    return memberCount;
  }

  /** The input position (row) account {@code i} came from (a cohort's: its first member's). */
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
