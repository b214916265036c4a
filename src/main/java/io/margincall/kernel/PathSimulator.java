package io.margincall.kernel;

import io.margincall.model.gas.CongestionRules;
import io.margincall.model.gas.GasMarket;
import io.margincall.model.liquidity.MarketDepth;
import io.margincall.model.oracle.OracleFeed;
import io.margincall.model.price.MarketPath;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.InsuranceFund;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.OutcomeCount;

/**
 * The per-path kernel: one path index in, one {@link PathOutcome} out.
 *
 * <p>Plain Java, no Spark. One instance per task (it holds mutable per-path state), reused for
 * every path of the task; a path allocates only its random stream and sampler. The step loop
 * stays in log space: it draws a normal, advances the log price and the oracle, and compares the
 * oracle with the highest log trigger price of any open account. Only a step where something
 * happens leaves the loop for {@link #settle}. Accounts are stored by descending trigger price,
 * so the untouched ones are exactly those at or past {@code frontier}; accounts a path has
 * touched and left open (partial liquidation) sit in a max-heap keyed by their new trigger
 * ({@link TouchedAccounts}), and eligible accounts a liquidator skipped wait in a sorted list
 * ({@link WaitingAccounts}) whose quiet steps are settled in bulk, with the same bits as visiting
 * each. Their state is initialised from the book when first touched, so nothing is reset per
 * path and a step costs O(1) plus O(log n) per liquidation, whatever the book's size.
 */
public final class PathSimulator implements PathKernel {

  private final Scenario scenario;
  private final MarketPath marketPath;
  private final MarketDepth depth;
  private final boolean slippage;
  private final double permanentImpact;
  private final double minProfit;
  private final CongestionRules congestion;
  private final GasMarket gas;
  private final boolean profitCheck;
  private final int[] pendingUntil;
  // The inclusion wait of a liquidation submitted at the current step.
  private int keeperWait;
  private final OracleFeed oracle;
  private final AccountBook book;
  private final int steps;
  private final double logInitial;
  private final int accounts;

  private final double closeFactor;
  private final double onePlusBonus;
  private final double bonus;
  private final double dust;
  private final boolean seizeAtOracle;
  private final double bonusShare;

  // Per-path state of touched accounts (indexed by trigger rank).
  private final double[] collateral;
  private final double[] debt;
  // Touched accounts still open: a max-heap on their current log trigger.
  private final TouchedAccounts touched;
  private final int[] stillOpen;
  // Accounts eligible but skipped (unprofitable, waiting for inclusion): their state and key do
  // not change, so they wait in a sorted list instead of churning through the heap every step.
  private final WaitingAccounts waiting;
  // Settle quiet steps and certainly skipped accounts in O(1) (false: visit each with the full
  // rules, the reference the tests compare with); and how many visits that saved, for tests.
  private final boolean bulkSkips;
  private long bulkSkipped;
  private static final int CLOSED = 0;
  private static final int OPEN = 1;
  private static final int SKIPPED = 2;
  private int frontier;
  private final InsuranceFund fund;
  // Log-price moves left by liquidation sales (permanent impact), added to the market path.
  private double impact;
  // The market price during settle: the step's price, moved by the sales so far.
  private double price;

  public PathSimulator(Scenario scenario) {
    this(scenario, true);
  }

  /**
   * @param bulkSkips whether quiet steps and certainly skipped accounts are settled in O(1);
   *     false visits every eligible account with the full rules (the same bits, slower)
   */
  PathSimulator(Scenario scenario, boolean bulkSkips) {
    this.scenario = scenario;
    this.bulkSkips = bulkSkips;
    this.marketPath = scenario.market().newPath();
    this.depth = scenario.depth();
    this.slippage = !depth.ideal();
    this.permanentImpact = scenario.permanentImpact();
    this.minProfit = scenario.minProfitUsd();
    this.congestion = scenario.congestion();
    this.gas = congestion == null ? null : congestion.newPath();
    this.profitCheck = slippage || gas != null;
    this.oracle = scenario.oracle().newFeed();
    this.book = scenario.book();
    this.steps = scenario.steps();
    this.logInitial = Math.log(scenario.initialPrice());
    this.accounts = book.size();
    this.closeFactor = scenario.liquidation().closeFactor();
    this.bonus = scenario.liquidation().bonus();
    this.onePlusBonus = 1 + bonus;
    this.dust = scenario.liquidation().dustUsd();
    this.seizeAtOracle = scenario.liquidation().pricing() == SeizePricing.ORACLE;
    this.fund = new InsuranceFund(scenario.insurance());
    this.bonusShare = scenario.insurance().bonusShare();
    this.collateral = new double[accounts];
    this.debt = new double[accounts];
    this.touched = new TouchedAccounts(accounts);
    this.stillOpen = new int[accounts];
    this.pendingUntil = new int[accounts];
    this.waiting = new WaitingAccounts(accounts, scenario.liquidation(), pendingUntil);
  }

  public Scenario scenario() {
    return scenario;
  }

  /** Simulates path {@code path} of the scenario's seed into {@code out}. */
  @Override
  public void run(long path, PathOutcome out) {
    out.reset();
    long seed = scenario.seed();
    marketPath.reset(PathStreams.stream(seed, path, PathStreams.PRICE),
        scenario.market().jumps() == null ? null : PathStreams.stream(seed, path, PathStreams.JUMPS),
        scenario.market().regime() == null ? null : PathStreams.stream(seed, path, PathStreams.REGIME));
    oracle.reset(logInitial,
        scenario.oracle().hasOutages() ? PathStreams.stream(seed, path, PathStreams.ORACLE) : null);
    if (gas != null) {
      gas.reset(PathStreams.stream(seed, path, PathStreams.GAS));
    }
    frontier = 0;
    touched.clear();
    waiting.clear();
    fund.reset();
    impact = 0;
    double logPrice = walk(out);
    out.oraclePosts = oracle.posts();
    markToMarket(logPrice, out);
  }

  /** The step loop; returns the log price at the horizon. Kept small so the JIT inlines it. */
  private double walk(PathOutcome out) {
    double logPrice = logInitial;
    double nextTrigger = accounts > 0 ? book.logTrigger(0) : Double.NEGATIVE_INFINITY;
    double minGap = 0;
    double gapSum = 0;
    for (int t = 1; t <= steps; t++) {
      double before = logPrice;
      logPrice = marketPath.next(logPrice);
      int pushDelay = 0;
      if (gas != null) {
        gas.advance(logPrice - before, marketPath.regime());
        pushDelay = gas.oracleWait();
      }
      if (impact != 0) {
        logPrice += impact;  // the sales of the last step moved the market
        impact = 0;
      }
      double logOracle = oracle.update(t, logPrice, pushDelay);
      double gap = logPrice - logOracle;
      gapSum += Math.abs(gap);
      if (gap < minGap) {  // a new low is rare: a predictable branch, cheaper than Math.min
        minGap = gap;
      }
      if (logOracle < nextTrigger) {
        nextTrigger = settle(t, logPrice, logOracle, out);
      }
    }
    out.minMarketToOracle = Math.expm1(minGap);
    out.meanOracleGap = gapSum / steps;
    out.oracleOutageSteps = oracle.outageSteps();
    return logPrice + impact;
  }

  // Accounts liquidated at this step and still open: pushed onto the heap when the step ends.
  private int reopened;

  /**
   * Liquidates every eligible account at step t, in descending order of trigger price, each at
   * most once: untouched accounts the oracle has just crossed, touched ones still open (held in
   * a max-heap keyed by their current trigger) and skipped ones waiting. Returns the highest
   * trigger left.
   */
  private double settle(int t, double logPrice, double logOracle, PathOutcome out) {
    if (gas != null) {
      keeperWait = gas.keeperWait();  // one gas price per step
    }
    if (bulkSkips && waiting.size() > 0 && quietStep(t, logPrice, logOracle, out)) {
      return nextTrigger();
    }
    price = Math.exp(logPrice);
    double oraclePrice = seizeAtOracle ? Math.exp(logOracle) : Double.NaN;  // read only then
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
        if (!(logOracle < waitKey) || waitKey < untouchedKey || waitKey < heapTop
            || waitKey == heapTop && waiting.account(w) > heapAccount) {
          break;
        }
        visitWaiting(w++, t, oraclePrice, out);
      }
      boolean heapFirst = heapTop >= untouchedKey;
      if (!(logOracle < (heapFirst ? heapTop : untouchedKey))) {
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
        collateral[i] = book.collateral(i);
        debt[i] = book.debt(i);
        pendingUntil[i] = 0;
      }
      int result = liquidate(i, t, oraclePrice, out);
      if (result == OPEN) {
        stillOpen[reopened++] = i;
      } else if (result == SKIPPED) {
        waiting.add(i, key, collateral[i], debt[i]);
      }
    }
    waiting.commit();
    for (int k = 0; k < reopened; k++) {
      int i = stillOpen[k];
      touched.push(i, Math.log(debt[i] / (collateral[i] * book.threshold(i))));
    }
    return nextTrigger();
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
    if (logOracle < untouchedKey() || logOracle < touched.topKey()) {
      return false;
    }
    int e = waiting.eligible(logOracle);
    if (e == 0) {
      return false;
    }
    waiting.refreshBounds(e);
    if (waiting.earliestPending(e) <= t) {
      return false;  // a pending liquidation lands (or landed unseen): the full rules decide
    }
    int fresh = e - waiting.pendingCount(e);
    if (gas != null && keeperWait > 0) {
      if (keeperWait > congestion.maxWaitSteps()) {
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
    price = Math.exp(logPrice);
    double valuation = seizeAtOracle ? Math.exp(logOracle) : price;
    if (!certainlyUnprofitableAfterFees(waiting.maxRepay(e), waiting.minRepay(e),
        waiting.maxBankruptPrice(e), waiting.maxFullSeizurePrice(e), valuation)) {
      return false;
    }
    out.count(OutcomeCount.UNPROFITABLE_AFTER_FEES, fresh);
    if (gas != null) {
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
    if (gas != null && !included(i, t, out)) {
      result = SKIPPED;
    } else if (bulkSkips && certainlyUnprofitable(i, oraclePrice)) {
      out.count(OutcomeCount.UNPROFITABLE_AFTER_FEES);
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
    double repay = waiting.repay(i);
    return certainlyUnprofitableAfterFees(repay, repay, waiting.bankruptPrice(i),
        waiting.fullSeizurePrice(i), seizeAtOracle ? oraclePrice : price);
  }

  /**
   * Whether liquidating any account with a first repayment in [loRepay, hiRepay], at the market
   * price {@link #price} and the valuation price given, certainly fails the profit check before
   * slippage ({@code seized x market - repaid - fee < min profit}, which implies the check with
   * slippage, as a sale never fetches more than the market price), while the account stays
   * solvent at the market ({@code price >= bankrupt}) and keeps collateral (valuation >=
   * fullSeizure). The margin, 1e-12 relative, is ten thousand times the rounding of the exact
   * test, so any account this certifies gets the same answer from it.
   */
  private boolean certainlyUnprofitableAfterFees(double hiRepay, double loRepay, double bankrupt,
                                                 double fullSeizure, double valuation) {
    double market = price;
    if (!(market >= bankrupt && valuation >= fullSeizure)) {
      return false;
    }
    // Before slippage a liquidation earns repay x ((1 + bonus) x market / valuation - 1) - fee.
    double gain = seizeAtOracle
        ? onePlusBonus * market / valuation * (1 + WaitingAccounts.MARGIN) - 1
        : onePlusBonus - 1;
    double most = (gain >= 0 ? hiRepay : loRepay) * gain - minProfit;
    double fee = gas == null ? 0 : gas.liquidationCostUsd(market);
    double slack = WaitingAccounts.MARGIN * (hiRepay * (gain + 2) + Math.abs(minProfit) + fee);
    return fee > most + slack;
  }

  private double nextTrigger() {
    return Math.max(untouchedKey(), Math.max(touched.topKey(), waiting.topKey()));
  }

  /** The trigger of the next untouched account, or -infinity when none is left. */
  private double untouchedKey() {
    return frontier < accounts ? book.logTrigger(frontier) : Double.NEGATIVE_INFINITY;
  }

  /**
   * One liquidation of account i at the current market price {@link #price}; returns whether the
   * account is still open afterwards. With slippage modelled, a liquidator first checks its
   * profit (sale proceeds minus repayment) and skips the liquidation below the minimum profit.
   */
  private int liquidate(int i, int t, double oraclePrice, PathOutcome out) {
    if (gas != null && !included(i, t, out)) {
      return SKIPPED;  // waiting for inclusion, or not submitted: tried again next step
    }
    return liquidateIncluded(i, t, oraclePrice, out);
  }

  /** {@link #liquidate} once its transaction is on chain (or congestion is not modelled). */
  private int liquidateIncluded(int i, int t, double oraclePrice, PathOutcome out) {
    double market = price;
    double c = collateral[i];
    double d = debt[i];
    double repay = closeFactor * d;
    if (d - repay <= dust) {
      repay = d;
    }
    double valuation = seizeAtOracle ? oraclePrice : market;
    double wanted = repay * onePlusBonus / valuation;
    double seized;
    if (wanted <= c) {
      seized = wanted;
    } else {
      seized = c;
      repay = c * valuation / onePlusBonus;
    }
    if (profitCheck) {
      double fee = gas == null ? 0 : gas.liquidationCostUsd(market);
      double proceeds = slippage ? depth.proceeds(seized, market, marketPath.regime()) : seized * market;
      if (proceeds - repay - fee < minProfit) {
        if (seized * market - repay - fee < minProfit) {
          out.count(OutcomeCount.UNPROFITABLE_AFTER_FEES);
        } else {
          out.count(OutcomeCount.UNPROFITABLE_AFTER_SLIPPAGE);
        }
        if (c * market < d) {
          // Insolvent, and no liquidator will take it: the protocol closes it itself (SPEC 7:
          // no debt may be left that never becomes bad debt).
          closeOut(c, d, t, out);
          out.count(OutcomeCount.PROTOCOL_CLOSE_OUTS);
          collateral[i] = 0;
          debt[i] = 0;
          return CLOSED;
        }
        return SKIPPED;  // still eligible; tried again next step
      }
      if (slippage) {
        sell(seized, market);
      }
    }
    out.count(OutcomeCount.LIQUIDATIONS);
    if (out.firstLiquidationStep < 0) {
      out.firstLiquidationStep = t;
    }
    if (c * market < d) {
      out.count(OutcomeCount.STALE_ORACLE_LIQUIDATIONS);
    }
    c -= seized;
    d -= repay;
    out.collateralSeized += seized;
    out.debtRepaid += repay;
    fund.deposit(bonusShare * bonus * repay);
    market = price;  // the liquidator's sale may have moved it
    if (d > 0 && c * market < d) {
      closeOut(c, d, t, out);
      c = 0;
      d = 0;
    }
    collateral[i] = c;
    debt[i] = d;
    if (d > 0) {
      out.count(OutcomeCount.LIQUIDATIONS_PARTIAL);
    }
    return d > 0 ? OPEN : CLOSED;
  }

  /**
   * Whether the liquidation transaction of account i is on chain at step t: submitted now with
   * no wait, or submitted earlier and its wait is over. A new submission whose wait would exceed
   * the keeper's limit is not made ("not included in time").
   */
  private boolean included(int i, int t, PathOutcome out) {
    if (pendingUntil[i] > 0) {
      if (t < pendingUntil[i]) {
        return false;
      }
      boolean landsNow = t == pendingUntil[i];
      pendingUntil[i] = 0;
      if (landsNow) {
        return true;
      }
      // It landed at an earlier step when the account was not eligible (an eligible account is
      // visited every step), so it reverted: submit anew.
    }
    int wait = keeperWait;
    if (wait > congestion.maxWaitSteps()) {
      out.count(OutcomeCount.NOT_INCLUDED_IN_TIME);
      return false;
    }
    out.submissions++;
    out.inclusionWaitSteps += wait;
    if (wait == 0) {
      return true;
    }
    pendingUntil[i] = t + wait;
    return false;
  }

  /** Insolvent at the market: sell what is left at the market, the rest of the debt is bad. */
  private void closeOut(double c, double d, int t, PathOutcome out) {
    double market = price;
    double proceeds = c * market;
    if (slippage) {
      proceeds = depth.proceeds(c, market, marketPath.regime());
      sell(c, market);
    }
    out.collateralSeized += c;
    out.debtRepaid += proceeds;
    out.realiseBadDebt(d - proceeds, t, fund);
  }

  /** A sale's permanent share of its price impact moves the market for what follows. */
  private void sell(double units, double market) {
    if (permanentImpact > 0) {
      double move = permanentImpact * depth.logImpact(units, market, marketPath.regime());
      impact += move;
      price = market * Math.exp(move);
    }
  }

  /** Shortfall {@code max(0, D - c P_n)} of accounts still open at the horizon. */
  private void markToMarket(double logPrice, PathOutcome out) {
    double market = Math.exp(logPrice);
    double shortfall = 0;
    for (int k = 0; k < accounts && book.logBankruptcySorted(k) > logPrice; k++) {
      int i = book.byBankruptcy(k);
      if (i >= frontier) {
        shortfall += Math.max(0, book.debt(i) - book.collateral(i) * market);
      }
    }
    for (int k = 0; k < waiting.size(); k++) {
      int i = waiting.account(k);
      shortfall += Math.max(0, debt[i] - collateral[i] * market);
    }
    for (int k = 0; k < touched.size(); k++) {
      int i = touched.account(k);
      shortfall += Math.max(0, debt[i] - collateral[i] * market);
    }
    out.horizonShortfall = shortfall;
  }

  /** Account visits settled in bulk or by certificate since construction (for tests). */
  long bulkSkipped() {
    return bulkSkipped;
  }

  /** Collateral account {@code i} holds after the last path (initial if untouched). For tests. */
  public double collateralAfterPath(int i) {
    return i < frontier ? collateral[i] : book.collateral(i);
  }

  /** Debt account {@code i} owes after the last path (initial if untouched). For tests. */
  public double debtAfterPath(int i) {
    return i < frontier ? debt[i] : book.debt(i);
  }
}
