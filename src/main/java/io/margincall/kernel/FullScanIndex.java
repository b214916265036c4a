package io.margincall.kernel;

import io.margincall.model.FdLibm;
import io.margincall.model.oracle.OracleFeed;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.MarketPath;
import io.margincall.protocol.CrossMarginBook;
import io.margincall.protocol.LargestLoss;
import io.margincall.protocol.LiquidationEngine;
import io.margincall.protocol.LossWaterfall;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeCount;

/**
 * Cross-margined accounts over several correlated assets: with more than one collateral an
 * account has no single trigger price, so this index is the documented full-scan fallback
 * (SPEC 7): its trigger is +infinity, and every step it values every open account at the oracle
 * prices, O(accounts x assets) per step. Asset 0 is the kernel's main asset (its market and
 * oracle come from the step loop); the other assets move with the {@link MarketPath} and have
 * their own oracle feeds with the scenario's oracle rules, advanced here because only this
 * index reads them.
 *
 * <p>Per step, eligible accounts ({@code sum_a c_a O_a LT < D}) are liquidated in account order,
 * each at most once, under the {@link LiquidationEngine}'s rules valued in USD over the assets:
 * the seizure takes asset 0 first, then the next; an account whose collateral is then worth
 * less than its debt at the market is closed and the rest goes down the {@link LossWaterfall}.
 * Ideal mechanisms only: no slippage, congestion, outages or price options beyond GBM (rejected
 * by the configuration). The incentive rules that decide from the account as a whole apply
 * (fixed, Euler's discount from its health, Morpho's factor from its threshold); Aave's, whose
 * thresholds and dust rule are per collateral reserve, is refused with several assets.
 */
final class FullScanIndex implements AccountIndex {
  private final CrossMarginBook book;
  private final int k;
  private final int n;
  private final MarketPath marketPath;
  private final OracleFeed[] feeds;
  private final LiquidationEngine engine;
  private final LossWaterfall waterfall;

  private final double[] collateral;
  private final double[] debt;
  private final double[] price;
  private final double[] oracle;
  // The dynamic margin's factor: health is sum_a c_a O_a LT / (m D) (1: the book's own).
  private double factor = 1;

  FullScanIndex(CrossMarginBook book, OracleRules oracleRules, MarketPath marketPath,
                LiquidationEngine engine, LossWaterfall waterfall) {
    this.book = book;
    this.k = book.assets().size();
    this.n = book.size();
    this.marketPath = marketPath;
    this.feeds = new OracleFeed[k];
    for (int a = 1; a < k; a++) {
      feeds[a] = oracleRules.newFeed();
    }
    this.engine = engine;
    this.waterfall = waterfall;
    this.collateral = new double[n * k];
    this.debt = new double[n];
    this.price = new double[k];
    this.oracle = new double[k];
  }

  @Override
  public void startPath() {
    for (int a = 1; a < k; a++) {
      feeds[a].reset(FdLibm.log(book.assets().initial()[a]));
    }
    System.arraycopy(book.collateral(), 0, collateral, 0, n * k);
    System.arraycopy(book.debt(), 0, debt, 0, n);
  }

  /** Settled every step: no single price bounds a cross-margined account. */
  @Override
  public double fallTrigger() {
    return Double.POSITIVE_INFINITY;
  }

  @Override
  public double riseTrigger() {
    return Double.POSITIVE_INFINITY;
  }

  @Override
  public void settle(int t, double logPrice, double logOracle, PathOutcome out) {
    oracle[0] = StrictMath.exp(logOracle);
    price[0] = StrictMath.exp(logPrice);
    for (int a = 1; a < k; a++) {
      oracle[a] = StrictMath.exp(feeds[a].update(t, marketPath.logPrice(a)));
      price[a] = StrictMath.exp(marketPath.logPrice(a));
    }
    for (int i = 0; i < n; i++) {
      if (debt[i] > 0 && value(i, oracle) * book.threshold()[i] / factor < debt[i]) {
        liquidate(i, t, out);
      }
    }
  }

  /** Cross-margined accounts have no one trigger to shift: the next full scan applies it. */
  @Override
  public void marginFactor(double factor) {
    this.factor = factor;
  }

  /**
   * Over the accounts' assets at the last step's oracle prices (the main asset's is
   * {@code oraclePrice}; the others' feeds have posted this step).
   */
  @Override
  public double capacityLost(double oraclePrice) {
    oracle[0] = oraclePrice;
    double lost = 0;
    for (int i = 0; i < n; i++) {
      lost += value(i, oracle) * book.threshold()[i] * (1 - 1 / factor);
    }
    return lost;
  }

  /**
   * Not available: this index reads its other assets' oracles only as it settles, so it cannot
   * count without settling (a circuit breaker is refused for cross-margined books).
   */
  @Override
  public long eligible(double logOracle) {
    throw new UnsupportedOperationException("a circuit breaker needs a one-asset book");
  }

  @Override
  public double horizonShortfall(double logPrice) {
    price[0] = StrictMath.exp(logPrice);
    for (int a = 1; a < k; a++) {
      price[a] = StrictMath.exp(marketPath.logPrice(a));
    }
    double shortfall = 0;
    for (int i = 0; i < n; i++) {
      if (debt[i] > 0) {
        shortfall += LiquidationEngine.shortfall(value(i, price), debt[i]);
      }
    }
    return shortfall;
  }

  private double value(int i, double[] prices) {
    double v = 0;
    for (int a = 0; a < k; a++) {
      v += collateral[i * k + a] * prices[a];
    }
    return v;
  }

  /**
   * One liquidation of account i under the rules of {@link LiquidationEngine}, valued in USD
   * over its assets: the seizure takes asset 0 first, then the next.
   */
  private void liquidate(int i, int t, PathOutcome out) {
    double d = debt[i];
    engine.account(LargestLoss.LOAN, i);
    engine.recordLiquidation(value(i, price) < d, t, out);
    double threshold = book.threshold()[i];
    double collateralUsd = engine.readsOracle() ? value(i, oracle) : Double.NaN;
    double repay = engine.firstRepay(collateralUsd, d, threshold);
    double bonus = engine.bonus(collateralUsd, d, threshold);
    double[] valuation = engine.seizesAtOracle() ? oracle : price;
    double available = value(i, valuation);
    double wanted = LiquidationEngine.valueWanted(repay, bonus);
    if (wanted > available) {
      wanted = available;
      repay = LiquidationEngine.repayForValue(available, bonus);
    }
    for (int a = 0; a < k && wanted > 0; a++) {
      double held = collateral[i * k + a];
      double worth = held * valuation[a];
      double take = worth <= wanted ? held : wanted / valuation[a];
      collateral[i * k + a] = held - take;
      out.collateralSeized += take;
      wanted -= worth <= wanted ? worth : wanted;
    }
    d -= repay;
    out.debtRepaid += repay;
    engine.depositBonus(repay, bonus, out);
    double left = value(i, price);
    if (d > 0 && left < d) {
      for (int a = 0; a < k; a++) {
        out.collateralSeized += collateral[i * k + a];
        collateral[i * k + a] = 0;
      }
      out.debtRepaid += left;
      waterfall.realise(d - left, t, out);
      // One liquidation or bankruptcy price does not exist over several assets.
      out.largestLoss.offer(d - left, LargestLoss.LOAN, i, t, Double.NaN, Double.NaN, oracle[0],
          price[0]);
      d = 0;
    }
    debt[i] = d;
    if (d > 0) {
      out.count(OutcomeCount.LIQUIDATIONS_PARTIAL);
    }
  }

  /** Units of asset a account i holds after the last path. For tests. */
  double collateralAfterPath(int i, int a) {
    return collateral[i * k + a];
  }

  /** Debt of account i after the last path. For tests. */
  double debtAfterPath(int i) {
    return debt[i];
  }
}
