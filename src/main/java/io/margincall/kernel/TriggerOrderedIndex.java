package io.margincall.kernel;

import io.margincall.model.FdLibm;
import io.margincall.model.price.MarketPath;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.LargestLoss;
import io.margincall.protocol.LiquidationEngine;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeCount;
import java.util.Arrays;

/**
 * The accounts of a one-collateral lending book, indexed by trigger price: the oracle price
 * below which each becomes eligible ({@code D / (c LT)}). A falling oracle reaches untouched
 * accounts in the book's storage order, so they are exactly those at or past {@code frontier};
 * accounts a path has touched and left open (partial liquidation) sit in a max-heap keyed by
 * their new trigger ({@link TouchedAccounts}); eligible accounts a liquidator skipped wait in a
 * sorted list ({@link WaitingAccounts}) whose quiet steps are settled in bulk, with the same bits
 * as visiting each. Their state is initialised from the book when first touched, so nothing is
 * reset per path and a step costs O(1) plus O(log n) per liquidation, whatever the book's size.
 * The rules themselves are the {@link LiquidationEngine}'s.
 */
final class TriggerOrderedIndex implements AccountIndex {
  private static final int CLOSED = LiquidationEngine.CLOSED;
  private static final int OPEN = LiquidationEngine.OPEN;
  private static final int SKIPPED = LiquidationEngine.SKIPPED;

  private final AccountBook book;
  private final int accounts;
  private final LiquidationEngine engine;
  private final boolean seizeAtOracle;
  private final boolean readsOracle;
  private final Keeper keeper;
  private final MarketPath marketPath;
  // Per-path state of touched accounts (indexed by trigger rank), one record of four doubles
  // per account: collateral, debt, and the book's threshold and source row copied at its first
  // touch, so that a liquidation's reads share a cache line or two instead of four lines of
  // four arrays (with a big book, the touched accounts are far apart in memory).
  private final double[] state;
  private static final int C = 0;
  private static final int D = 1;
  private static final int LT = 2;
  private static final int ROW = 3;
  private final int[] pendingUntil;
  // Touched accounts still open: a max-heap on their current log trigger.
  private final TouchedAccounts touched;
  private final int[] stillOpen;
  // Accounts eligible but skipped (unprofitable, waiting for inclusion): their state and key do
  // not change, so they wait in a sorted list instead of churning through the heap every step.
  private final WaitingAccounts waiting;
  // Settle quiet steps and certainly skipped accounts in O(1) (false: visit each with the full
  // rules, the reference the tests compare with); and how many visits that saved, for tests.
  private final boolean bulkSkips;
  // Whether the book's entries are cohorts of several accounts (AccountBook.cohorts).
  private final boolean cohorts;
  private long bulkSkipped;
  // ln of the step's oracle price, for the drill-down of a loss (LargestLoss).
  private double logOracle;
  private int frontier;
  // The dynamic margin: factor m and ln m, the shift of every trigger (LT_eff = LT / m). An
  // account is eligible when the oracle's log price is below fl(key + shift), at every test, so
  // the loop's bound and the visits agree to the bit; 0 leaves every key as it is.
  private double factor = 1;
  private double shift;
  // sum of c LT over the open accounts, for the capacity the margin takes.
  private double thresholdCollateral;

  /**
   * @param marketPath the path's market, for the regime the sales see
   * @param bulkSkips whether quiet steps and certainly skipped accounts are settled in O(1);
   *     false visits every eligible account with the full rules (the same bits, slower)
   */
  TriggerOrderedIndex(AccountBook book, LiquidationEngine engine, Keeper keeper,
                      MarketPath marketPath, boolean bulkSkips) {
    this.book = book;
    this.accounts = book.size();
    this.engine = engine;
    this.seizeAtOracle = engine.seizesAtOracle();
    this.readsOracle = engine.readsOracle();
    this.keeper = keeper;
    this.marketPath = marketPath;
    // Under Dutch auctions the shortcuts are off: a waiting vault is one the limit on debt in
    // auction throttles, and whether it is barked depends on room that the running auctions'
    // takes free, which the certificates do not bound. Running auctions themselves are settled
    // every step (fallTrigger), so no step in which a keeper might take is ever skipped.
    this.bulkSkips = bulkSkips && !engine.auctions();
    this.cohorts = book.hasCohorts();
    this.state = new double[4 * accounts];
    this.touched = new TouchedAccounts(accounts);
    this.stillOpen = new int[accounts];
    this.pendingUntil = new int[accounts];
    this.waiting = new WaitingAccounts(accounts, engine, pendingUntil,
        book.hasCohorts() ? book : null);
  }

  @Override
  public void startPath() {
    frontier = 0;
    thresholdCollateral = book.totalThresholdCollateral();
    touched.clear();
    waiting.clear();
  }

  @Override
  public double fallTrigger() {
    return engine.auctionsRunning() ? Double.POSITIVE_INFINITY : nextTrigger() + shift;
  }

  @Override
  public void marginFactor(double factor) {
    this.factor = factor;
    this.shift = FdLibm.log(factor);
  }

  @Override
  public double capacityLost(double oraclePrice) {
    return oraclePrice * thresholdCollateral * (1 - 1 / factor);
  }

  /** Lending accounts fail on a falling price only. */
  @Override
  public double riseTrigger() {
    return Double.POSITIVE_INFINITY;
  }

  // Accounts liquidated at this step and still open: pushed onto the heap when the step ends.
  private int reopened;

  /**
   * Liquidates every eligible account at step t, in descending order of trigger price, each at
   * most once: untouched accounts the oracle has just crossed, touched ones still open (held in
   * a max-heap keyed by their current trigger) and skipped ones waiting.
   */
  @Override
  public void settle(int t, double logPrice, double logOracle, PathOutcome out) {
    this.logOracle = logOracle;
    if (bulkSkips && waiting.size() > 0 && quietStep(t, logPrice, logOracle, out)) {
      return;
    }
    engine.openStep(t, logPrice, marketPath.regime());
    // Read only where a rule needs it: oracle-priced seizure, a health-based incentive, or
    // auctions (their top).
    double oraclePrice = readsOracle ? StrictMath.exp(logOracle) : Double.NaN;
    reopened = 0;
    int w = 0;
    int waitSize = waiting.size();
    while (true) {
      double untouchedKey = untouchedKey();
      double heapTop = touched.topKey();
      int heapAccount = touched.size() > 0 ? touched.topAccount() : Integer.MAX_VALUE;
      // The run of waiting accounts that come before both the next untouched account and the
      // heap's top, in (key desc, account asc) order; visiting them moves neither.
      while (w < waitSize) {
        double waitKey = waiting.key(w);
        if (!(logOracle < waitKey + shift) || waitKey < untouchedKey || waitKey < heapTop
            || waitKey == heapTop && waiting.account(w) > heapAccount) {
          break;
        }
        visitWaiting(w++, t, oraclePrice, out);
      }
      boolean heapFirst = heapTop >= untouchedKey;
      if (!(logOracle < (heapFirst ? heapTop : untouchedKey) + shift)) {
        break;
      }
      int i;
      double key;
      if (heapFirst) {
        key = heapTop;
        i = touched.pop();
      } else {
        key = untouchedKey;
        i = frontier++;
        state[4 * i + C] = book.collateral(i);
        state[4 * i + D] = book.debt(i);
        state[4 * i + LT] = book.threshold(i);
        state[4 * i + ROW] = book.sourceRow(i);
        pendingUntil[i] = 0;
      }
      int result = liquidate(i, t, oraclePrice, out);
      if (result == OPEN) {
        stillOpen[reopened++] = i;
      } else if (result == SKIPPED) {
        waiting.add(i, key, state[4 * i + C], state[4 * i + D], state[4 * i + LT]);
      }
    }
    waiting.commit();
    for (int k = 0; k < reopened; k++) {
      int i = stillOpen[k];
      touched.push(i, FdLibm.log(state[4 * i + D] / (state[4 * i + C] * state[4 * i + LT])));
    }
    if (engine.auctions()) {
      engine.settleAuctions(t, StrictMath.exp(logOracle), out);  // after this step's barks
    }
  }

  /**
   * Settles step t in bulk if it is quiet: only waiting accounts are eligible, and every one of
   * them would certainly be skipped again with nothing but a counter changing (its inclusion
   * still pending; or no submission possible in time; or a submission waiting for inclusion;
   * or, included at once, unprofitable even before slippage while solvent). Then it counts what
   * visiting each would have counted and returns true; otherwise false, changing nothing, and
   * the step is settled account by account. The same counts either way: only the cost differs.
   */
  private boolean quietStep(int t, double logPrice, double logOracle, PathOutcome out) {
    if (logOracle < untouchedKey() + shift || logOracle < touched.topKey() + shift) {
      return false;
    }
    int e = waiting.eligible(logOracle, shift);
    if (e == 0) {
      return false;
    }
    waiting.refreshBounds(e);
    if (waiting.earliestPending(e) <= t) {
      return false;  // a pending liquidation lands (or landed unseen): the full rules decide
    }
    int fresh = waiting.freshAccounts(e);
    int keeperWait = keeper.waitSteps();
    if (keeper.congested() && keeperWait > 0) {
      if (keeperWait > keeper.maxWaitSteps()) {
        out.count(OutcomeCount.NOT_INCLUDED_IN_TIME, fresh);
      } else {
        int submitted = waiting.submitFresh(e, t + keeperWait);
        out.submissions += submitted;
        out.inclusionWaitSteps += (long) submitted * keeperWait;
      }
      bulkSkipped += e;
      return true;
    }
    if (fresh == 0) {
      bulkSkipped += e;
      return true;
    }
    engine.openStep(t, logPrice, marketPath.regime());
    double valuation = seizeAtOracle ? StrictMath.exp(logOracle) : engine.price();
    if (!engine.certainlyUnprofitableBeforeSlippage(waiting.maxRepay(e), waiting.minRepay(e),
        waiting.maxBonus(e), waiting.maxBankruptPrice(e), waiting.maxFullSeizurePrice(e),
        valuation)) {
      return false;
    }
    out.count(OutcomeCount.UNPROFITABLE_AFTER_FEES, fresh);
    if (keeper.congested()) {
      out.submissions += fresh;
    }
    bulkSkipped += e;
    return true;
  }

  /**
   * Visits the waiting account at position w: its liquidation is submitted or waits for
   * inclusion as usual; once included, a certificate settles in O(1) the common case where it
   * is certainly unprofitable before slippage while the account stays solvent (what
   * {@link #liquidateIncluded} would find); the rest take the full rules.
   */
  private void visitWaiting(int w, int t, double oraclePrice, PathOutcome out) {
    int i = waiting.account(w);
    int pending = pendingUntil[i];
    int result;
    if (keeper.congested() && !keeper.included(pendingUntil, i, t, out, members(i))) {
      result = SKIPPED;
    } else if (bulkSkips && certainlyUnprofitable(i, oraclePrice)) {
      out.count(OutcomeCount.UNPROFITABLE_AFTER_FEES, members(i));
      bulkSkipped++;
      result = SKIPPED;
    } else {
      result = liquidateIncluded(i, t, oraclePrice, out);
    }
    if (result != SKIPPED) {
      waiting.remove(w);
      if (result == OPEN) {
        stillOpen[reopened++] = i;
      }
    } else if (pendingUntil[i] != pending) {
      waiting.changedAt(w);
    }
  }

  private boolean certainlyUnprofitable(int i, double oraclePrice) {
    return engine.certainlyUnprofitableBeforeSlippage(waiting.repay(i), waiting.leastRepay(i),
        waiting.bonus(i), waiting.bankruptPrice(i), waiting.fullSeizurePrice(i),
        seizeAtOracle ? oraclePrice : engine.price());
  }

  /** The accounts entry i stands for: 1 unless the book is compressed into cohorts. */
  private int members(int i) {
    return cohorts ? book.members(i) : 1;
  }

  private double nextTrigger() {
    return Math.max(untouchedKey(), Math.max(touched.topKey(), waiting.topKey()));
  }

  /** The trigger of the next untouched account, or -infinity when none is left. */
  private double untouchedKey() {
    return frontier < accounts ? book.logTrigger(frontier) : Double.NEGATIVE_INFINITY;
  }

  /**
   * One liquidation of account i under the rules ({@link LiquidationEngine#liquidate}), once its
   * transaction is on chain when congestion is modelled; returns CLOSED, OPEN or SKIPPED.
   */
  private int liquidate(int i, int t, double oraclePrice, PathOutcome out) {
    if (keeper.congested() && !keeper.included(pendingUntil, i, t, out, members(i))) {
      return SKIPPED;  // waiting for inclusion, or not submitted: tried again next step
    }
    return liquidateIncluded(i, t, oraclePrice, out);
  }

  /** {@link #liquidate} once its transaction is on chain (or congestion is not modelled). */
  private int liquidateIncluded(int i, int t, double oraclePrice, PathOutcome out) {
    int at = 4 * i;
    double c = state[at + C];
    double d = state[at + D];
    double threshold = state[at + LT];
    engine.position(LargestLoss.LOAN, (int) state[at + ROW], d / (c * threshold) * factor, d / c,
        this.logOracle);
    // The incentive rule reads the account's own threshold (its LLTV, Aave's health factor), not
    // the dynamic margin's LT / m: the waiting certificates bound the rule over that threshold.
    if (cohorts) {
      engine.members(members(i));
    }
    int result = engine.liquidate(c, d, threshold, oraclePrice, t, out);
    if (cohorts) {
      engine.members(1);  // the engine's other callers liquidate single positions
    }
    thresholdCollateral -= (c - engine.collateralLeft()) * threshold;
    state[at + C] = engine.collateralLeft();
    state[at + D] = engine.debtLeft();
    return result;
  }

  /**
   * Untouched accounts past the frontier whose trigger (shifted by the margin factor) lies above
   * the oracle (a binary search: triggers descend in storage order), touched ones in the heap,
   * and waiting ones.
   */
  @Override
  public long eligible(double logOracle) {
    int lo = frontier;
    int hi = accounts;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (logOracle < book.logTrigger(mid) + shift) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return (lo - frontier) + touched.countAbove(logOracle, shift)
        + waiting.eligible(logOracle, shift);
  }

  /** Shortfall {@code max(0, D - c P_n)} of accounts still open at the horizon. */
  @Override
  public double horizonShortfall(double logPrice) {
    double market = StrictMath.exp(logPrice);
    double shortfall = 0;
    for (int k = 0; k < accounts && book.logBankruptcySorted(k) > logPrice; k++) {
      int i = book.byBankruptcy(k);
      if (i >= frontier) {
        shortfall += LiquidationEngine.shortfall(book.collateral(i), book.debt(i), market);
      }
    }
    for (int k = 0; k < waiting.size(); k++) {
      int i = waiting.account(k);
      shortfall += LiquidationEngine.shortfall(state[4 * i + C], state[4 * i + D], market);
    }
    // Touched accounts' shortfalls are summed in account order, whatever their storage's
    // layout: only the accounts short at the horizon (usually none or one) are added.
    int open = touched.openAccounts(stillOpen);
    int shortCount = 0;
    for (int k = 0; k < open; k++) {
      int i = stillOpen[k];
      if (LiquidationEngine.shortfall(state[4 * i + C], state[4 * i + D], market) > 0) {
        stillOpen[shortCount++] = i;
      }
    }
    Arrays.sort(stillOpen, 0, shortCount);
    for (int k = 0; k < shortCount; k++) {
      int i = stillOpen[k];
      shortfall += LiquidationEngine.shortfall(state[4 * i + C], state[4 * i + D], market);
    }
    return shortfall + engine.auctionShortfall(market);
  }

  /** Account visits settled in bulk or by certificate since construction (for tests). */
  long bulkSkipped() {
    return bulkSkipped;
  }

  /** Collateral account {@code i} holds after the last path (initial if untouched). For tests. */
  double collateralAfterPath(int i) {
    return i < frontier ? state[4 * i + C] : book.collateral(i);
  }

  /** Debt account {@code i} owes after the last path (initial if untouched). For tests. */
  double debtAfterPath(int i) {
    return i < frontier ? state[4 * i + D] : book.debt(i);
  }
}
