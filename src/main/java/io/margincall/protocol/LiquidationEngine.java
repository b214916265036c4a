package io.margincall.protocol;

import io.margincall.model.gas.GasMarket;
import io.margincall.model.liquidity.MarketDepth;
import io.margincall.stats.OutcomeCount;

/**
 * The liquidation rules, written once (SPEC 2.6, 7; {@code src/docs/model.md}): what one
 * liquidation of an eligible position repays and seizes, the keeper's profit check, the sale of
 * the seized collateral into the market (slippage, permanent impact), the protocol's close-out
 * of an insolvent position, and the exact bounds the kernel's bulk-skip certificates are built
 * from. Every account index calls this class; none repeats a rule.
 *
 * <p>A position here is collateral {@code c} (asset units) against debt {@code d} (USD). A
 * liquidation repays {@link #firstRepay}{@code (d)} and takes collateral worth
 * {@code repay x (1 + bonus)} at the valuation price (the market, or the oracle with
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

  private final double closeFactor;
  private final double bonus;
  private final double onePlusBonus;
  private final double dust;
  private final boolean seizeAtOracle;
  private final double bonusShare;
  private final double minProfit;
  private final StepMarket stepMarket;
  private final GasMarket gas;
  private final boolean profitCheck;
  private final LossWaterfall waterfall;
  private final PerpLiquidation perps;

  // The position after the last liquidate().
  private double collateralLeft;
  private double debtLeft;
  // The position being liquidated, as its index describes it, for the path's LargestLoss.
  private int positionKind;
  private int positionAccount;
  private double positionTrigger;
  private double positionBankruptcy;
  private double positionLogMark;

  /**
   * @param rules close factor, bonus, dust and seize pricing
   * @param minProfitUsd a keeper skips a liquidation expected to earn less, USD; checked only
   *     when slippage or congestion is modelled (SPEC 7: the ideal keeper always executes)
   * @param depth what selling collateral fetches
   * @param permanentImpact share of each sale's price move that stays in the market, [0, 1]
   * @param gas the path's gas market (the keeper's fee), or null: no congestion
   * @param waterfall where bad debt goes, and bonus shares come from
   * @param bonusShare share of each liquidation bonus paid into the insurance fund
   * @param perps how perpetual-futures positions are closed and deleveraged
   */
  public LiquidationEngine(LiquidationRules rules, double minProfitUsd, MarketDepth depth,
                           double permanentImpact, GasMarket gas, LossWaterfall waterfall,
                           double bonusShare, PerpRules perps) {
    this.closeFactor = rules.closeFactor();
    this.bonus = rules.bonus();
    this.onePlusBonus = 1 + bonus;
    this.dust = rules.dustUsd();
    this.seizeAtOracle = rules.pricing() == SeizePricing.ORACLE;
    this.bonusShare = bonusShare;
    this.minProfit = minProfitUsd;
    this.stepMarket = new StepMarket(depth, permanentImpact);
    this.gas = gas;
    this.profitCheck = stepMarket.slippage() || gas != null;
    this.waterfall = waterfall;
    this.perps = new PerpLiquidation(perps, this, stepMarket, waterfall, gas, minProfitUsd);
  }

  /** How perp positions are closed, on this engine's market and waterfall. */
  public PerpLiquidation perps() {
    return perps;
  }

  /** Whether seized collateral is valued at the oracle price (else at the market). */
  public boolean seizesAtOracle() {
    return seizeAtOracle;
  }

  // ---------------------------------------------------------------- the market during a step

  /** Liquidations of step t start at the step's market price; see {@link StepMarket}. */
  public void openStep(int t, double logPrice, int regime) {
    stepMarket.openStep(t, logPrice, regime);
  }

  /** A new path: no step is open. */
  public void startPath() {
    stepMarket.startPath();
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
    positionKind = kind;
    positionAccount = account;
    positionTrigger = liquidationPrice;
    positionBankruptcy = bankruptcyPrice;
    positionLogMark = logMark;
  }

  /** Offers a loss the named position's close realised at step t to the path's largest. */
  void offerLoss(double loss, int t, double marketPrice, PathOutcome out) {
    out.largestLoss.offer(loss, positionKind, positionAccount, t, positionTrigger,
        positionBankruptcy, StrictMath.exp(positionLogMark), marketPrice);
  }

  // ---------------------------------------------------------------- the exact rules

  /** What the first liquidation of a position owing {@code d} repays: all of it within dust. */
  public double firstRepay(double d) {
    double repay = closeFactor * d;
    return d - repay <= dust ? d : repay;
  }

  /** Collateral units a repayment wants at the valuation price: {@code repay (1 + b) / value}. */
  public double unitsWanted(double repay, double valuation) {
    return repay * onePlusBonus / valuation;
  }

  /** Collateral value (USD at the valuation price) a repayment wants: {@code repay (1 + b)}. */
  public double valueWanted(double repay) {
    return repay * onePlusBonus;
  }

  /** The repayment that takes collateral worth {@code value} (USD, at the valuation price). */
  public double repayForValue(double value) {
    return value / onePlusBonus;
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
   * One liquidation of a position with collateral c and debt d at step t, at the current market
   * price ({@link #price()}); {@code oraclePrice} is read only with oracle-priced seizure.
   * Returns {@link #CLOSED}, {@link #OPEN} or {@link #SKIPPED}; the position afterwards is
   * {@link #collateralLeft()}, {@link #debtLeft()}. Books the liquidation, the skip or the
   * close-out into {@code out}.
   */
  public int liquidate(double c, double d, double oraclePrice, int t, PathOutcome out) {
    double market = stepMarket.price();
    double repay = firstRepay(d);
    double valuation = seizeAtOracle ? oraclePrice : market;
    double wanted = unitsWanted(repay, valuation);
    double seized;
    if (wanted <= c) {
      seized = wanted;
    } else {
      seized = c;
      repay = repayForValue(c * valuation);
    }
    if (profitCheck) {
      double fee = gas == null ? 0 : gas.liquidationCostUsd(market);
      double proceeds = stepMarket.proceeds(seized, market);
      if (proceeds - repay - fee < minProfit) {
        if (seized * market - repay - fee < minProfit) {
          out.count(OutcomeCount.UNPROFITABLE_AFTER_FEES);
        } else {
          out.count(OutcomeCount.UNPROFITABLE_AFTER_SLIPPAGE);
        }
        if (insolvent(c, d, market)) {
          // Insolvent, and no liquidator will take it: the protocol closes it itself (SPEC 7:
          // no debt may be left that never becomes bad debt).
          closeOut(c, d, t, out);
          out.count(OutcomeCount.PROTOCOL_CLOSE_OUTS);
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
    depositBonus(repay);
    market = stepMarket.price();  // the liquidator's sale may have moved it
    if (d > 0 && insolvent(c, d, market)) {
      closeOut(c, d, t, out);
      return closed();
    }
    collateralLeft = c;
    debtLeft = d;
    if (d > 0) {
      out.count(OutcomeCount.LIQUIDATIONS_PARTIAL);
    }
    return d > 0 ? OPEN : CLOSED;
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
    out.count(OutcomeCount.LIQUIDATIONS);
    if (out.firstLiquidationStep < 0) {
      out.firstLiquidationStep = t;
    }
    if (insolventAtMarket) {
      out.count(OutcomeCount.STALE_ORACLE_LIQUIDATIONS);
    }
  }

  /** The fund's share of the bonus on a repayment. */
  public void depositBonus(double repay) {
    waterfall.deposit(bonusShare * bonus * repay);
  }

  /**
   * Closes an insolvent position: sells what is left at the market, the rest of the debt goes
   * down the loss waterfall.
   */
  private void closeOut(double c, double d, int t, PathOutcome out) {
    double market = stepMarket.price();
    double proceeds = stepMarket.proceeds(c, market);
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
  // never fetches more than the market price (MarketDepth.proceeds).

  /** A market price at or above which the position (c, d) is certainly not {@link #insolvent}. */
  public static double bankruptPrice(double c, double d) {
    return d / c * (1 + CERTIFICATE_MARGIN);
  }

  /**
   * A valuation price at or above which the seizure of {@code repay} certainly takes no more
   * than the c units held ({@code unitsWanted(repay, valuation) <= c}).
   */
  public double fullSeizurePrice(double repay, double c) {
    return unitsWanted(repay, c) * (1 + CERTIFICATE_MARGIN);
  }

  /**
   * Whether liquidating any position with a first repayment in [loRepay, hiRepay], at the
   * current market price and the valuation price given, certainly fails the keeper's profit
   * check before slippage ({@code seized x market - repaid - fee < min profit}, which implies
   * the check with slippage, as a sale never fetches more than the market price), while the
   * position stays solvent at the market ({@code price >= bankrupt}) and keeps collateral
   * ({@code valuation >= fullSeizure}). Any position this certifies gets the same answer from
   * {@link #liquidate}: a skip counted as unprofitable after fees, nothing else changed.
   */
  public boolean certainlyUnprofitableBeforeSlippage(double hiRepay, double loRepay,
                                                     double bankrupt, double fullSeizure,
                                                     double valuation) {
    double market = stepMarket.price();
    if (!(market >= bankrupt && valuation >= fullSeizure)) {
      return false;
    }
    // Before slippage a liquidation earns repay x ((1 + bonus) x market / valuation - 1) - fee.
    double gain = seizeAtOracle
        ? onePlusBonus * market / valuation * (1 + CERTIFICATE_MARGIN) - 1
        : onePlusBonus - 1;
    double most = (gain >= 0 ? hiRepay : loRepay) * gain - minProfit;
    double fee = gas == null ? 0 : gas.liquidationCostUsd(market);
    double slack = CERTIFICATE_MARGIN * (hiRepay * (gain + 2) + Math.abs(minProfit) + fee);
    return fee > most + slack;
  }
}
