package io.margincall.protocol;

import io.margincall.model.gas.GasMarket;
import io.margincall.model.liquidity.MarketDepth;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;

/**
 * The liquidation rules, written once (SPEC 2.6, 7; {@code src/docs/model.md}): what one
 * liquidation of an eligible position repays and seizes, the keeper's profit check, the sale of
 * the seized collateral into the market (slippage, permanent impact), the protocol's close-out
 * of an insolvent position, and the exact bounds the kernel's bulk-skip certificates are built
 * from. Every account index calls this class; none repeats a rule.
 *
 * <p>A position here is collateral {@code c} (asset units) against debt {@code d} (USD), with a
 * liquidation threshold. A liquidation repays what the {@link LiquidationIncentive} rule gives
 * ({@link #firstRepay}: the fixed close factor, or a protocol's rule) and takes collateral worth
 * {@code repay x (1 + bonus)}, the rule's bonus, at the valuation price (the market, or the oracle with
 * {@link SeizePricing#ORACLE}), capped at {@code c} (the repayment shrinks in proportion). With
 * slippage or congestion modelled, the keeper first checks its profit after the sale and the
 * fee and skips below the minimum; an insolvent position no keeper takes is closed by the
 * protocol. A position left insolvent at the market after a liquidation is closed too: the rest
 * of its collateral is sold, the debt it cannot repay goes down the {@link LossWaterfall}.
 *
 * <p>Mutable, one per kernel: it carries the market as liquidations see it during one step
 * ({@link StepMarket}, opened by {@link #openStep}) and the result of the last
 * {@link #liquidate} ({@link #collateralLeft()}, {@link #debtLeft()}). Perp positions are closed
 * by its {@link PerpLiquidation} ({@link #perps()}), on the same market, waterfall and
 * bookkeeping.
 */
public final class LiquidationEngine {
  /** {@link #liquidate}: the position is closed (repaid in full, or closed out insolvent). */
  public static final int CLOSED = 0;
  /** {@link #liquidate}: liquidated in part and still open. */
  public static final int OPEN = 1;
  /** {@link #liquidate}: the keeper skipped it; the position is unchanged and still eligible. */
  public static final int SKIPPED = 2;

  /**
   * Relative margin on the certificate bounds ({@link #bankruptPrice}, {@link #fullSeizurePrice},
   * {@link #certainlyUnprofitableBeforeSlippage}), so that the exact tests they stand for
   * certainly hold: the divisions and products of those tests err by a few 1e-16 relative, ten
   * thousand times less.
   */
  public static final double CERTIFICATE_MARGIN = 1e-12;

  private final LiquidationIncentive incentive;
  private final boolean readsOracle;
  private final boolean seizeAtOracle;
  private final double bonusShare;
  private final double minProfit;
  private final StepMarket stepMarket;
  private final GasMarket gas;
  private final boolean profitCheck;
  private final LossWaterfall waterfall;
  private final PerpLiquidation perps;
  // Maker's Dutch auctions (protocol.incentive.model = dutch-auction), or null: the fixed bonus.
  private final DutchAuctions auctions;

  // The position after the last liquidate().
  private double collateralLeft;
  private double debtLeft;
  // The position being liquidated, as its index describes it, for the path's LargestLoss.
  private int positionKind;
  private int positionAccount;
  private double positionTrigger;
  private double positionBankruptcy;
  private double positionLogMark;
  // The identical accounts the position stands for (a cohort of AccountBook.cohorts), as a
  // double and a count, and 1 / members: the rules apply to one member, the amounts to all.
  private double members = 1;
  private long memberCount = 1;
  private double perMember = 1;

  /**
   * @param rules close factor, bonus, dust, seize pricing and incentive rule
   * @param minProfitUsd a keeper skips a liquidation expected to earn less, USD; checked only
   *     when slippage or congestion is modelled (SPEC 7: the ideal keeper always executes)
   * @param depth what selling collateral fetches
   * @param permanentImpact share of each sale's price move that stays in the market, [0, 1]
   * @param gas the path's gas market (the keeper's fee), or null: no congestion
   * @param waterfall where bad debt goes, and bonus shares come from
   * @param bonusShare share of each liquidation bonus paid into the insurance fund
   * @param perps how perpetual-futures positions are closed and deleveraged
   * @param stepSeconds the time step, seconds (the auctions' clock)
   */
  public LiquidationEngine(LiquidationRules rules, double minProfitUsd, MarketDepth depth,
                           double permanentImpact, GasMarket gas, LossWaterfall waterfall,
                           double bonusShare, PerpRules perps, double stepSeconds) {
    this.incentive = rules.incentive();
    this.seizeAtOracle = rules.pricing() == SeizePricing.ORACLE;
    // Auctions read it for their top.
    this.readsOracle = seizeAtOracle || incentive.readsOracle() || rules.auction() != null;
    this.bonusShare = bonusShare;
    this.minProfit = minProfitUsd;
    this.stepMarket = new StepMarket(depth, permanentImpact);
    this.gas = gas;
    this.profitCheck = stepMarket.slippage() || gas != null;
    this.waterfall = waterfall;
    this.perps = new PerpLiquidation(perps, this, stepMarket, waterfall, gas, minProfitUsd);
    this.auctions = rules.auction() == null ? null : new DutchAuctions(rules.auction(),
        stepSeconds, rules.dustUsd(), stepMarket, gas, waterfall, minProfitUsd, bonusShare);
  }

  /** Whether liquidations are Maker's Dutch auctions ({@link #liquidate} barks). */
  public boolean auctions() {
    return auctions != null;
  }

  /** Whether a Dutch auction is running: the kernel must then settle every step. */
  public boolean auctionsRunning() {
    return auctions != null && auctions.running();
  }

  /**
   * Step t of the running Dutch auctions (resets and keepers' takes), after the step's barks,
   * at the oracle price {@code oraclePrice} and the step's market ({@link #openStep} first).
   */
  public void settleAuctions(int t, double oraclePrice, PathOutcome out) {
    auctions.settle(t, oraclePrice, out);
  }

  /**
   * For tests: collateral Dutch auctions gave back to owners on the path, and collateral and
   * debt still in running auctions (units, units, USD); zeros without auctions.
   */
  public double[] auctionBalances() {
    return auctions == null ? new double[3] : auctions.balances();
  }

  /** Shortfall of the Dutch auctions still running at the horizon, USD (0 without auctions). */
  public double auctionShortfall(double marketPrice) {
    return auctions == null ? 0 : auctions.horizonShortfall(marketPrice);
  }

  /** How perp positions are closed, on this engine's market and waterfall. */
  public PerpLiquidation perps() {
    return perps;
  }

  /** Whether seized collateral is valued at the oracle price (else at the market). */
  public boolean seizesAtOracle() {
    return seizeAtOracle;
  }

  /**
   * Whether {@link #liquidate} reads its oracle price: with oracle-priced seizure, or an
   * incentive rule that reads health or USD values at the oracle. Else callers may pass NaN.
   */
  public boolean readsOracle() {
    return readsOracle;
  }

  // ---------------------------------------------------------------- the market during a step

  /** Liquidations of step t start at the step's market price; see {@link StepMarket}. */
  public void openStep(int t, double logPrice, int regime) {
    stepMarket.openStep(t, logPrice, regime);
  }

  /** A new path: no step is open. */
  public void startPath() {
    stepMarket.startPath();
    if (auctions != null) {
      auctions.startPath();
    }
  }

  /** The market price now: the step's, moved by this step's sales so far. */
  public double price() {
    return stepMarket.price();
  }

  /** The log-price move the sales have left in the market since the last call; zeroes it. */
  public double takeImpact() {
    return stepMarket.takeImpact();
  }

  /**
   * Names the position the next {@link #liquidate} or {@link PerpLiquidation#liquidate} is
   * about, so that a loss its close realises can be traced to it ({@link LargestLoss}).
   *
   * @param kind {@link LargestLoss#LOAN} or {@link LargestLoss#PERP}
   * @param account its index among the book's positions of its kind, in input order
   * @param liquidationPrice the mark at which it is eligible, from its state now
   * @param bankruptcyPrice the market price at which it has nothing left, from its state now
   * @param logMark ln of the oracle price the protocol reads now
   */
  public void position(int kind, int account, double liquidationPrice, double bankruptcyPrice,
                       double logMark) {
    account(kind, account);
    positionTrigger = liquidationPrice;
    positionBankruptcy = bankruptcyPrice;
    positionLogMark = logMark;
  }

  /**
   * The next {@link #liquidate} is of a cohort of {@code m} identical accounts
   * ({@link AccountBook#cohorts}) holding c and d together: the incentive rule, dust, the keeper's
   * fee and minimum profit apply to one member (c / m, d / m), and so does the slippage of its
   * sale at the step's market; the amounts and counts are all m's, and a loss offered to the
   * path's largest is one member's. The permanent impact of the members' sales is that of their
   * sum, one move (with permanent impact 0, nothing moves and the cohort is exact). Until called
   * again, 1. With m = 1 every product and quotient below is exact, so an uncompressed book's
   * bits do not change.
   */
  public void members(int m) {
    members = m;
    memberCount = m;
    perMember = 1.0 / m;
  }

  /**
   * Names the account the next liquidation is of, without its prices: for an index that offers
   * its losses itself (cross-margin).
   */
  public void account(int kind, int account) {
    positionKind = kind;
    positionAccount = account;
  }

  /** Offers a loss the named position's close realised at step t to the path's largest. */
  void offerLoss(double loss, int t, double marketPrice, PathOutcome out) {
    out.largestLoss.offer(loss * perMember, positionKind, positionAccount, t, positionTrigger,
        positionBankruptcy, StrictMath.exp(positionLogMark), marketPrice);
  }

  // ---------------------------------------------------------------- the exact rules

  /**
   * What a liquidation of a position owing {@code d} with collateral worth
   * {@code collateralUsd} at the oracle (NaN unless {@link #readsOracle}) and threshold
   * {@code threshold} repays before the cap at the collateral held, under the incentive rule.
   */
  public double firstRepay(double collateralUsd, double d, double threshold) {
    return incentive.repay(collateralUsd, d, threshold);
  }

  /** The bonus of that liquidation, under the incentive rule. */
  public double bonus(double collateralUsd, double d, double threshold) {
    return incentive.bonus(collateralUsd, d, threshold);
  }

  /** Collateral value (USD at the valuation price) a repayment wants: {@code repay (1 + b)}. */
  public static double valueWanted(double repay, double bonus) {
    return repay * (1 + bonus);
  }

  /** The repayment that takes collateral worth {@code value} (USD, at the valuation price). */
  public static double repayForValue(double value, double bonus) {
    return value / (1 + bonus);
  }

  /**
   * The repayment the protocol accepts for a partial liquidation of a position (collateral
   * worth {@code collateralUsd} at the oracle, debt d) that chose {@code repay}; see
   * {@link LiquidationIncentive#admissibleRepay}.
   */
  public double admissibleRepay(double repay, double collateralUsd, double d, double bonus,
                                double oracleToValuation) {
    return incentive.admissibleRepay(repay, collateralUsd, d, bonus, oracleToValuation);
  }

  /** Whether collateral c is worth less than debt d at market price p: the position is bankrupt. */
  public static boolean insolvent(double c, double d, double p) {
    return c * p < d;
  }

  /** The mark-to-market shortfall {@code max(0, d - c p)} of an open position. */
  public static double shortfall(double c, double d, double p) {
    return shortfall(c * p, d);
  }

  /** The shortfall {@code max(0, d - value)} of debt d against collateral worth {@code value}. */
  public static double shortfall(double value, double d) {
    return Math.max(0, d - value);
  }

  /**
   * One liquidation of a position with collateral c, debt d and liquidation threshold
   * {@code threshold} at step t, at the current market price ({@link #price()});
   * {@code oraclePrice} is read only when {@link #readsOracle}.
   * Returns {@link #CLOSED}, {@link #OPEN} or {@link #SKIPPED}; the position afterwards is
   * {@link #collateralLeft()}, {@link #debtLeft()}. Books the liquidation, the skip or the
   * close-out into {@code out}.
   */
  public int liquidate(double c, double d, double threshold, double oraclePrice, int t,
                       PathOutcome out) {
    if (auctions != null) {
      return bark(c, d, oraclePrice, t, out);
    }
    double market = stepMarket.price();
    // One member's collateral value and debt (the whole position's unless a cohort's).
    double collateralUsd = c * oraclePrice * perMember;  // NaN when the rule does not read it
    double memberDebt = d * perMember;
    double memberRepay = incentive.repay(collateralUsd, memberDebt, threshold);
    double repay = forAll(memberRepay, memberDebt, d);
    double bonus = incentive.bonus(collateralUsd, memberDebt, threshold);
    double onePlusBonus = 1 + bonus;
    double valuation = seizeAtOracle ? oraclePrice : market;
    double wanted = repay * onePlusBonus / valuation;
    double seized;
    if (wanted <= c) {
      if (repay < d && wanted < c) {
        double accepted = forAll(incentive.admissibleRepay(memberRepay, collateralUsd,
            memberDebt, bonus, oraclePrice / valuation), memberDebt, d);
        if (accepted != repay) {
          repay = accepted;
          wanted = repay * onePlusBonus / valuation;
        }
      }
      seized = wanted;
    } else {
      seized = c;
      repay = c * valuation / onePlusBonus;
    }
    if (profitCheck) {
      double fee = gas == null ? 0 : members * gas.liquidationCostUsd(market);
      double proceeds = members * stepMarket.proceeds(seized * perMember, market);
      double least = members * minProfit;
      if (proceeds - repay - fee < least) {
        if (seized * market - repay - fee < least) {
          out.count(OutcomeCount.UNPROFITABLE_AFTER_FEES, memberCount);
        } else {
          out.count(OutcomeCount.UNPROFITABLE_AFTER_SLIPPAGE, memberCount);
        }
        if (insolvent(c, d, market)) {
          // Insolvent, and no liquidator will take it: the protocol closes it itself (SPEC 7:
          // no debt may be left that never becomes bad debt).
          closeOut(c, d, t, out);
          recordCloseOut(t, out);
          return closed();
        }
        collateralLeft = c;
        debtLeft = d;
        return SKIPPED;  // still eligible; tried again next step
      }
      stepMarket.sold(seized, market);
    }
    recordLiquidation(insolvent(c, d, market), t, out);
    c -= seized;
    d -= repay;
    out.collateralSeized += seized;
    out.debtRepaid += repay;
    depositBonus(repay, bonus, out);
    market = stepMarket.price();  // the liquidator's sale may have moved it
    if (d > 0 && insolvent(c, d, market)) {
      closeOut(c, d, t, out);
      return closed();
    }
    collateralLeft = c;
    debtLeft = d;
    if (d > 0) {
      out.count(OutcomeCount.LIQUIDATIONS_PARTIAL, memberCount);
    }
    return d > 0 ? OPEN : CLOSED;
  }

  /**
   * The position's repayment when each member repays {@code memberRepay} of its {@code memberDebt}:
   * m times it, or exactly the debt d when a member repays all of its own (m x (d / m) may fall
   * an ulp short of d, which would leave the cohort open owing ~1e-12 USD). With m = 1 the
   * member's repayment itself.
   */
  private double forAll(double memberRepay, double memberDebt, double d) {
    return memberRepay == memberDebt ? d : members * memberRepay;
  }

  /**
   * Under Dutch auctions, {@link #liquidate} starts an auction for the vault (c, d) instead
   * ({@code Dog.bark}; {@code oraclePrice} sets its top): {@link #CLOSED} when it took all of the
   * vault, {@link #OPEN} when the limit on debt in auction let it take a share, {@link #SKIPPED}
   * when the limit leaves no room (the vault waits, eligible, unchanged).
   */
  private int bark(double c, double d, double oraclePrice, int t, PathOutcome out) {
    if (!auctions.bark(c, d, oraclePrice, t, positionAccount, positionTrigger,
        positionBankruptcy, out)) {
      collateralLeft = c;
      debtLeft = d;
      return SKIPPED;
    }
    recordLiquidation(insolvent(c, d, stepMarket.price()), t, out);
    double dart = auctions.barkedDebt();
    if (dart == d) {
      return closed();
    }
    collateralLeft = c - auctions.barkedUnits();
    debtLeft = d - dart;
    out.count(OutcomeCount.LIQUIDATIONS_PARTIAL);
    return OPEN;
  }

  private int closed() {
    collateralLeft = 0;
    debtLeft = 0;
    return CLOSED;
  }

  /** Collateral of the position after the last {@link #liquidate}, asset units. */
  public double collateralLeft() {
    return collateralLeft;
  }

  /** Debt of the position after the last {@link #liquidate}, USD. */
  public double debtLeft() {
    return debtLeft;
  }

  /**
   * Books one executed liquidation at step t; {@code insolventAtMarket}: the position was already
   * bankrupt at the market when the oracle let it through.
   */
  public void recordLiquidation(boolean insolventAtMarket, int t, PathOutcome out) {
    out.count(OutcomeCount.LIQUIDATIONS, memberCount);
    out.liquidated(positionKind, positionAccount, t);
    if (out.firstLiquidationStep < 0) {
      out.firstLiquidationStep = t;
    }
    if (insolventAtMarket) {
      out.count(OutcomeCount.STALE_ORACLE_LIQUIDATIONS, memberCount);
    }
  }

  /**
   * Books the protocol's close-out at step t of the named position, which no liquidator took.
   */
  public void recordCloseOut(int t, PathOutcome out) {
    out.count(OutcomeCount.PROTOCOL_CLOSE_OUTS, memberCount);
    out.liquidated(positionKind, positionAccount, t);
  }

  /**
   * The bonus on a repayment (the incentive rule's, for this liquidation): the fund's share into
   * the fund, the rest booked as the liquidator's ({@link OutcomeAmount#LIQUIDATION_BONUS}).
   */
  public void depositBonus(double repay, double bonus, PathOutcome out) {
    waterfall.deposit(bonusShare * bonus * repay);  // this order: the fund's bits as before
    out.add(OutcomeAmount.LIQUIDATION_BONUS, (1 - bonusShare) * bonus * repay);
  }

  /**
   * Closes an insolvent position: sells what is left at the market, the rest of the debt goes
   * down the loss waterfall.
   */
  private void closeOut(double c, double d, int t, PathOutcome out) {
    double market = stepMarket.price();
    double proceeds = members * stepMarket.proceeds(c * perMember, market);
    stepMarket.sold(c, market);
    out.collateralSeized += c;
    out.debtRepaid += proceeds;
    waterfall.realise(d - proceeds, t, out);
    offerLoss(d - proceeds, t, market, out);
  }

  // ---------------------------------------------------------------- certificate bounds
  // Each bound below stands for one exact test of liquidate() above and is computed by the same
  // formula, widened by CERTIFICATE_MARGIN. They rely on two invariants: a skipped position's
  // state does not change while it waits (the index that holds it guarantees it), and a sale
  // never fetches more than the market price (MarketDepth.proceeds). The incentive rule's
  // repayment and bonus may move with the oracle while a position waits (Aave's close factor
  // with health, Euler's discount): the bounds take the rule's extremes over every oracle price
  // (LiquidationIncentive.maxRepay, minRepay, maxBonus), which the fixed rule's constants are.

  /** The largest first repayment of a position owing d at any oracle price, USD. */
  public double maxFirstRepay(double d) {
    return incentive.maxRepay(d);
  }

  /** The smallest repayment a liquidation of a position owing d makes at any oracle price. */
  public double minFirstRepay(double d) {
    return incentive.minRepay(d);
  }

  /** The largest bonus a position of this threshold can get, at any health. */
  public double maxBonus(double threshold) {
    return incentive.maxBonus(threshold);
  }

  /** A market price at or above which the position (c, d) is certainly not {@link #insolvent}. */
  public static double bankruptPrice(double c, double d) {
    return d / c * (1 + CERTIFICATE_MARGIN);
  }

  /**
   * A valuation price at or above which a seizure for at most {@code maxRepay} with a bonus of
   * at most {@code maxBonus} certainly takes no more than the c units held
   * ({@code repay (1 + bonus) / valuation <= c} in {@link #liquidate}).
   */
  public static double fullSeizurePrice(double maxRepay, double maxBonus, double c) {
    return maxRepay * (1 + maxBonus) / c * (1 + CERTIFICATE_MARGIN);
  }

  /**
   * Whether liquidating any position with a first repayment in [loRepay, hiRepay] and a bonus of
   * at most {@code maxBonus}, at the current market price and the valuation price given,
   * certainly fails the keeper's profit check before slippage ({@code seized x market - repaid -
   * fee < min profit}, which implies the check with slippage, as a sale never fetches more than
   * the market price), while the position stays solvent at the market
   * ({@code price >= bankrupt}) and keeps collateral ({@code valuation >= fullSeizure}). Any
   * position this certifies gets the same answer from {@link #liquidate}: a skip counted as
   * unprofitable after fees, nothing else changed.
   */
  public boolean certainlyUnprofitableBeforeSlippage(double hiRepay, double loRepay,
                                                     double maxBonus, double bankrupt,
                                                     double fullSeizure, double valuation) {
    double market = stepMarket.price();
    if (!(market >= bankrupt && valuation >= fullSeizure)) {
      return false;
    }
    // Before slippage a liquidation earns repay x ((1 + bonus) x market / valuation - 1) - fee,
    // increasing in the bonus: the largest bonus bounds it.
    double onePlusBonus = 1 + maxBonus;
    double gain = seizeAtOracle
        ? onePlusBonus * market / valuation * (1 + CERTIFICATE_MARGIN) - 1
        : onePlusBonus - 1;
    double most = (gain >= 0 ? hiRepay : loRepay) * gain - minProfit;
    double fee = gas == null ? 0 : gas.liquidationCostUsd(market);
    double slack = CERTIFICATE_MARGIN * (hiRepay * (gain + 2) + Math.abs(minProfit) + fee);
    return fee > most + slack;
  }
}
