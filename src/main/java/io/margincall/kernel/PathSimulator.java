package io.margincall.kernel;

import io.margincall.model.FdLibm;
import io.margincall.model.gas.GasMarket;
import io.margincall.model.oracle.OracleFeed;
import io.margincall.model.price.MarketPath;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.CircuitBreaker;
import io.margincall.protocol.CrossMarginBook;
import io.margincall.protocol.LiquidationEngine;
import io.margincall.protocol.LossWaterfall;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.PerpRules;
import io.margincall.stats.OutcomeCount;

/**
 * The per-path kernel: one path index in, one {@link PathOutcome} out; the one step loop for
 * every book.
 *
 * <p>Plain Java, no Spark. One instance per task (it holds mutable per-path state), reused for
 * every path of the task; a path allocates only its random stream and sampler. The step loop
 * stays in log space: it draws a normal, advances the log price, the gas market and the oracle,
 * and compares the oracle with the trigger of the book's {@link AccountIndex}, the highest
 * oracle log price at which one of its accounts may be eligible. Only a step where something may
 * happen leaves the loop for {@link #settle}, where the index liquidates through the one
 * {@link LiquidationEngine} and the losses go down the one {@link LossWaterfall}. A
 * one-collateral book is a {@link TriggerOrderedIndex}; cross-margined accounts over several
 * assets a {@link FullScanIndex}, settled every step.
 */
public final class PathSimulator implements PathKernel {

  private final Scenario scenario;
  private final MarketPath marketPath;
  private final GasMarket gas;
  private final Keeper keeper;
  private final OracleFeed oracle;
  private final int steps;
  private final double logInitial;
  private final LiquidationEngine engine;
  private final LossWaterfall waterfall;
  // Holds liquidations while the oracle moves too far or too fast; null: no breaker.
  private final CircuitBreaker breaker;
  // The book's indexes, settled in this order within a step: lending (or cross-margin), perps.
  private final AccountIndex[] indexes;
  private final AccountIndex single;  // the only index, or null when there are several
  private final PerpIndex perps;
  private final int fundingInterval;
  // The lowest oracle log price above which an account failing on a rise may be eligible.
  private double rise;
  // Log-price moves left by liquidation sales (permanent impact), added to the market path.
  private double impact;
  // Loans eligible at the initial price (oracle = market = initial before step 1).
  private final int eligibleAtStart;
  // The dynamic margin, or null: the static margin (each account's own LT and MM).
  private final MarginFactor margin;
  // Whether the oracle-gap statistics are kept (they need every step).
  private final boolean oracleGap;
  // Whether a path may finish once its book is closed (EarlyFinish); and at which step the last
  // path did (steps: it walked them all).
  private final boolean finishEarly;
  private int finishedAt;
  // The step after which the last stretch may be crossed in one draw (LastStretch), or -1.
  private final int stretchFrom;

  public PathSimulator(Scenario scenario) {
    this(scenario, true);
  }

  /**
   * @param bulkSkips whether quiet steps and certainly skipped accounts are settled in O(1);
   *     false visits every eligible account with the full rules (the same bits, slower)
   */
  PathSimulator(Scenario scenario, boolean bulkSkips) {
    this(scenario, bulkSkips, false);
  }

  /**
   * @param trackShocks keep each path's sum and count of normal price shocks, tilted or not
   *     ({@link #shockSum()}: the cross-entropy pilot)
   */
  PathSimulator(Scenario scenario, boolean bulkSkips, boolean trackShocks) {
    this.scenario = scenario;
    CrossMarginBook crossMargin = scenario.crossMargin();
    this.marketPath = crossMargin == null ? scenario.market().newPath()
        : scenario.market().newPath(crossMargin.assets());
    this.marketPath.tilt(scenario.tilt());
    if (trackShocks) {
      this.marketPath.trackShocks();
    }
    this.gas = scenario.congestion() == null ? null : scenario.congestion().newPath();
    this.keeper = new Keeper(scenario.congestion(), gas);
    this.oracle = scenario.oracle().newFeed();
    this.steps = scenario.steps();
    this.logInitial = FdLibm.log(crossMargin == null ? scenario.initialPrice()
        : crossMargin.assets().initial()[0]);
    this.waterfall = new LossWaterfall(scenario.insurance(), scenario.steps());
    this.engine = new LiquidationEngine(scenario.liquidation(), scenario.minProfitUsd(),
        scenario.depth(), scenario.permanentImpact(), gas, waterfall,
        scenario.insurance().bonusShare(), scenario.perpRules(), scenario.stepSeconds());
    this.breaker = scenario.circuitBreaker() == null ? null
        : new CircuitBreaker(scenario.circuitBreaker(), waterfall);
    AccountIndex lending = crossMargin == null
        ? new TriggerOrderedIndex(scenario.book(), engine, keeper, marketPath, bulkSkips)
        : new FullScanIndex(crossMargin, scenario.oracle(), marketPath, engine, waterfall);
    this.perps = scenario.perps() == null ? null
        : new PerpIndex(scenario.perps(), engine, keeper, marketPath, scenario.perpRules());
    this.indexes = perps == null ? new AccountIndex[] {lending}
        : new AccountIndex[] {lending, perps};
    this.single = indexes.length == 1 ? lending : null;
    this.fundingInterval = perps == null ? 0 : perps.fundingIntervalSteps();
    this.eligibleAtStart = crossMargin == null ? eligibleAt(scenario.book(), logInitial) : 0;
    this.margin = scenario.margin() == null ? null : new MarginFactor(scenario.margin(), gas != null);
    this.oracleGap = scenario.oracleGap() && !scenario.lastStretch();
    this.stretchFrom = scenario.lastStretch() && !trackShocks
        ? scenario.steps() - scenario.oracle().delaySteps() : -1;
    // The cross-entropy pilot (trackShocks) reads every step's shock.
    this.finishEarly = !oracleGap && !trackShocks && EarlyFinish.refusal(scenario) == null;
  }

  /** The loans eligible at oracle log price {@code logOracle}: those whose trigger lies above it. */
  private static int eligibleAt(AccountBook book, double logOracle) {
    int n = 0;
    for (int i = 0; i < book.size(); i++) {
      if (logOracle < book.logTrigger(i)) {
        n += book.members(i);
      }
    }
    return n;
  }

  public Scenario scenario() {
    return scenario;
  }

  /** Simulates path {@code path} of the scenario's seed into {@code out}. */
  @Override
  public void run(long path, PathOutcome out) {
    out.reset();
    long seed = scenario.seed();
    // Antithetic pairs (2k, 2k + 1): the second path walks the first's price normals negated.
    boolean negated = scenario.antithetic() && (path & 1L) == 1L;
    marketPath.reset(PathStreams.stream(seed, negated ? path - 1 : path, PathStreams.PRICE),
        scenario.market().jumps() == null ? null : PathStreams.stream(seed, path, PathStreams.JUMPS),
        scenario.market().regime() == null ? null : PathStreams.stream(seed, path, PathStreams.REGIME),
        negated);
    oracle.reset(logInitial,
        scenario.oracle().hasOutages() ? PathStreams.stream(seed, path, PathStreams.ORACLE) : null);
    if (gas != null) {
      gas.reset(PathStreams.stream(seed, path, PathStreams.GAS));
    }
    if (perps != null) {
      perps.bindAdlStream(scenario.perpRules().adl() == PerpRules.AdlRanking.RANDOM
          ? PathStreams.stream(seed, path, PathStreams.ADL) : null);
    }
    waterfall.reset();
    if (breaker != null) {
      breaker.reset(logInitial);
    }
    if (eligibleAtStart > 0) {
      out.count(OutcomeCount.ACCOUNTS_ELIGIBLE_AT_START, eligibleAtStart);
    }
    engine.startPath();
    impact = 0;
    if (margin != null) {
      margin.reset(logInitial);
      for (AccountIndex index : indexes) {
        index.marginFactor(1);
      }
    }
    for (AccountIndex index : indexes) {
      index.startPath();
    }
    double logPrice = walk(out);
    if (margin != null) {
      margin.finish(steps, out);
    }
    // A path finished early posted at every step it skipped (EarlyFinish: deviation 0).
    out.oraclePosts = oracle.posts() + (steps - finishedAt);
    double shortfall = 0;
    for (AccountIndex index : indexes) {
      shortfall += index.horizonShortfall(logPrice);
    }
    out.horizonShortfall = shortfall;
    // The likelihood ratio of the path's tilted price draws (the regime and the other
    // mechanisms draw untilted: their ratio is 1).
    if (scenario.tilt().active()) {
      out.weight = StrictMath.exp(marketPath.logLikelihoodRatio());
    }
  }

  /**
   * The step loop; returns the log price at the horizon. Kept small so the JIT inlines it.
   * {@code fall} and {@code rise} bound the oracle prices at which an account may be eligible.
   */
  private double walk(PathOutcome out) {
    double fall = triggers();
    double rise = this.rise;
    double logPrice = logInitial;
    double logOracle = logInitial;
    double minGap = 0;
    double gapSum = 0;
    finishedAt = steps;
    int funding = fundingInterval > 0 ? fundingInterval : Integer.MAX_VALUE;
    int stretch = stretchFrom > 0 ? stretchFrom : Integer.MAX_VALUE;
    // Steps in stretches between funding payments (one stretch without perps' funding), so the
    // inner loop is the same for every book.
    for (int t = 1; t <= steps; ) {
      int end = Math.min(Math.min(steps, funding), stretch);
      for (; t <= end; t++) {
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
        logOracle = oracle.update(t, logPrice, pushDelay);
        // Kept when not asked for (then NaN): a branch here made the default loop slower.
        double gap = logPrice - logOracle;
        gapSum += Math.abs(gap);
        if (gap < minGap) {  // a new low is rare: a predictable branch, cheaper than Math.min
          minGap = gap;
        }
        if (margin != null && margin.observe(t, logOracle, gas, out)) {
          fall = applyMargin();  // tighter: accounts may be eligible at an unchanged oracle
          rise = this.rise;
        }
        // The breaker observes every step (no step skipped in bulk passes it by); while it
        // holds, accounts stay as they are and are only counted.
        if (breaker != null && breaker.holds(t, logOracle, out)) {
          if (logOracle < fall || logOracle > rise) {
            hold(logOracle, out);
          }
        } else if (logOracle < fall || logOracle > rise) {
          fall = settle(t, logPrice, logOracle, out);
          rise = this.rise;
          // No account can be eligible again (all closed, no auction running): with nothing
          // else that writes later (EarlyFinish), no outcome can change after this step.
          if (finishEarly && fall == Double.NEGATIVE_INFINITY
              && rise == Double.POSITIVE_INFINITY) {
            finishedAt = t;
            t = steps + 1;  // leaves both loops: perps' funding never finishes early
            break;
          }
        }
        if (margin != null) {
          margin.account(capacityLost(logOracle));
        }
      }
      if (end == funding) {  // funding at the mark of this step, after its liquidations
        if (breaker == null || !breaker.tradingPaused(end)) {
          perps.payFunding(StrictMath.exp(logOracle));
        }
        funding += fundingInterval;
        fall = triggers();
        rise = this.rise;
      }
      if (end == stretch && finishedAt == steps) {
        stretch = Integer.MAX_VALUE;
        if (rise == Double.POSITIVE_INFINITY && oracle.showsNothingBelow(fall)) {
          // LastStretch: nothing left can trigger; only X_n matters, one draw.
          logPrice = marketPath.across(logPrice + impact, steps - end);
          impact = 0;
          finishedAt = end;  // run() credits the skipped steps' posts
          break;
        }
      }
    }
    out.minMarketToOracle = oracleGap ? StrictMath.expm1(minGap) : Double.NaN;
    out.meanOracleGap = oracleGap ? gapSum / steps : Double.NaN;
    out.oracleOutageSteps = oracle.outageSteps();
    return logPrice + impact;
  }

  /**
   * A step where an account may be eligible: the indexes whose trigger it crosses settle.
   * Returns the new fall trigger and sets {@link #rise}.
   */
  private double settle(int t, double logPrice, double logOracle, PathOutcome out) {
    keeper.startStep();  // one gas price per step
    if (single != null) {
      single.settle(t, logPrice, logOracle, out);
    } else {
      for (AccountIndex index : indexes) {
        if (logOracle < index.fallTrigger() || logOracle > index.riseTrigger()) {
          index.settle(t, logPrice, logOracle, out);
        }
      }
    }
    impact += engine.takeImpact();
    return triggers();
  }

  /** Moves every index to the margin factor governance just set; returns the new fall trigger. */
  private double applyMargin() {
    for (AccountIndex index : indexes) {
      index.marginFactor(margin.factor());
    }
    return triggers();
  }

  /** The borrowing capacity the margin factor takes from the accounts open after the step, USD. */
  private double capacityLost(double logOracle) {
    double oraclePrice = StrictMath.exp(logOracle);
    double lost = 0;
    for (AccountIndex index : indexes) {
      lost += index.capacityLost(oraclePrice);
    }
    return lost;
  }

  /**
   * A step at which the circuit breaker holds liquidations: the eligible accounts of each
   * index are counted as held, and nothing else changes.
   */
  private void hold(double logOracle, PathOutcome out) {
    for (AccountIndex index : indexes) {
      if (logOracle < index.fallTrigger() || logOracle > index.riseTrigger()) {
        out.count(OutcomeCount.PAUSED_BY_BREAKER, index.eligible(logOracle));
      }
    }
  }

  /** The indexes' fall trigger (the highest); sets {@link #rise} (the lowest rise trigger). */
  private double triggers() {
    if (single != null) {
      rise = single.riseTrigger();
      return single.fallTrigger();
    }
    double fall = Double.NEGATIVE_INFINITY;
    double r = Double.POSITIVE_INFINITY;
    for (AccountIndex index : indexes) {
      fall = Math.max(fall, index.fallTrigger());
      r = Math.min(r, index.riseTrigger());
    }
    rise = r;
    return fall;
  }

  /** The sum of the last path's normal price shocks (tilted, or tracked). */
  double shockSum() {
    return marketPath.shockSum();
  }

  /** How many normal price shocks the last path drew (tilted, or tracked). */
  long shockCount() {
    return marketPath.shockCount();
  }

  /** The log of the last path's likelihood ratio (its weight's log, without under- or overflow). */
  double logLikelihoodRatio() {
    return marketPath.logLikelihoodRatio();
  }

  /** Account visits settled in bulk or by certificate since construction (for tests). */
  long bulkSkipped() {
    return indexes[0] instanceof TriggerOrderedIndex i ? i.bulkSkipped() : 0;
  }

  /**
   * Collateral Dutch auctions gave back to owners over the last path, and collateral and debt
   * still in running auctions at its end (units, units, USD). For tests.
   */
  double[] auctionBalancesAfterPath() {
    return engine.auctionBalances();
  }

  /** Collateral account {@code i} holds after the last path (one collateral). For tests. */
  public double collateralAfterPath(int i) {
    return ((TriggerOrderedIndex) indexes[0]).collateralAfterPath(i);
  }

  /** Debt account {@code i} owes after the last path (initial if untouched). For tests. */
  public double debtAfterPath(int i) {
    return indexes[0] instanceof FullScanIndex f ? f.debtAfterPath(i)
        : ((TriggerOrderedIndex) indexes[0]).debtAfterPath(i);
  }

  /** Units of asset a cross-margined account i holds after the last path. For tests. */
  public double collateralAfterPath(int i, int a) {
    return ((FullScanIndex) indexes[0]).collateralAfterPath(i, a);
  }

  /** Signed size of perp position i after the last path (0: closed). For tests. */
  public double perpSizeAfterPath(int i) {
    return perps.sizeAfterPath(i);
  }

  /** Net and gross funding the perp positions paid over the last path, USD. For tests. */
  double[] perpFundingAfterPath() {
    return perps.fundingAfterPath();
  }

  /** The step after which the last path finished (steps: it walked every step). For tests. */
  int finishedAt() {
    return finishedAt;
  }

  /** ln of the market price of asset a at the end of the last path. For tests. */
  public double finalLogPrice(int a) {
    return marketPath.logPrice(a);
  }
}
