package io.margincall.kernel;

import io.margincall.model.oracle.OracleFeed;
import io.margincall.model.price.CorrelatedAssets;
import io.margincall.protocol.CrossMarginBook;
import io.margincall.protocol.InsuranceFund;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.OutcomeCount;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The kernel for cross-margined accounts over several correlated assets. With more than one
 * collateral an account has no single trigger price, so this kernel uses the documented
 * full-scan fallback (SPEC 7): every step it values every open account at the oracle prices,
 * O(accounts x assets) per step. Each asset follows a GBM whose shocks are correlated through
 * the Cholesky factor (one normal per asset per step from the price stream, asset 0 first) and
 * has its own oracle feed with the scenario's oracle rules.
 *
 * <p>Per step, eligible accounts ({@code sum_a c_a O_a LT < D}) are liquidated in account order,
 * each at most once: repay {@code f D} (all of it within dust), take collateral worth
 * {@code repay (1 + b)} at the seize price, asset 0 first, capped at what the account holds
 * (the repayment shrinks in proportion); an account whose collateral is then worth less than its
 * debt at the market is closed and the rest is bad debt. Ideal mechanisms only: no slippage,
 * congestion, outages or price options beyond GBM (rejected by the configuration).
 */
public final class CrossMarginSimulator implements PathKernel {
  private final Scenario scenario;
  private final CrossMarginBook book;
  private final CorrelatedAssets assets;
  private final int k;
  private final int n;
  private final int steps;
  private final OracleFeed[] feeds;
  private final LiquidationRules rules;
  private final double bonusShare;

  private final double[] collateral;
  private final double[] debt;
  private final double[] logPrice;
  private final double[] price;
  private final double[] oracle;
  private final double[] shock;
  private final InsuranceFund fund;

  public CrossMarginSimulator(Scenario scenario) {
    this.scenario = scenario;
    this.book = scenario.crossMargin();
    this.assets = book.assets();
    this.k = assets.size();
    this.n = book.size();
    this.steps = scenario.steps();
    this.feeds = new OracleFeed[k];
    for (int a = 0; a < k; a++) {
      feeds[a] = scenario.oracle().newFeed();
    }
    this.rules = scenario.liquidation();
    this.bonusShare = scenario.insurance().bonusShare();
    this.fund = new InsuranceFund(scenario.insurance());
    this.collateral = new double[n * k];
    this.debt = new double[n];
    this.logPrice = new double[k];
    this.price = new double[k];
    this.oracle = new double[k];
    this.shock = new double[k];
  }

  @Override
  public void run(long path, PathOutcome out) {
    out.reset();
    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(
        PathStreams.stream(scenario.seed(), path, PathStreams.PRICE));
    for (int a = 0; a < k; a++) {
      logPrice[a] = Math.log(assets.initial()[a]);
      feeds[a].reset(logPrice[a]);
    }
    System.arraycopy(book.collateral(), 0, collateral, 0, n * k);
    System.arraycopy(book.debt(), 0, debt, 0, n);
    fund.reset();
    double[] l = assets.cholesky();
    for (int t = 1; t <= steps; t++) {
      for (int a = 0; a < k; a++) {
        shock[a] = normal.sample();
      }
      for (int a = 0; a < k; a++) {  // x = L e (L lower triangular)
        double x = 0;
        for (int b = 0; b <= a; b++) {
          x += l[a * k + b] * shock[b];
        }
        logPrice[a] += assets.logDrift()[a] + assets.logVolatility()[a] * x;
      }
      for (int a = 0; a < k; a++) {
        oracle[a] = Math.exp(feeds[a].update(t, logPrice[a]));
        price[a] = Math.exp(logPrice[a]);
      }
      for (int i = 0; i < n; i++) {
        if (debt[i] > 0 && value(i, oracle) * book.threshold()[i] < debt[i]) {
          liquidate(i, t, out);
        }
      }
    }
    double shortfall = 0;
    for (int i = 0; i < n; i++) {
      if (debt[i] > 0) {
        shortfall += Math.max(0, debt[i] - value(i, price));
      }
    }
    out.horizonShortfall = shortfall;
  }

  private double value(int i, double[] prices) {
    double v = 0;
    for (int a = 0; a < k; a++) {
      v += collateral[i * k + a] * prices[a];
    }
    return v;
  }

  private void liquidate(int i, int t, PathOutcome out) {
    double d = debt[i];
    out.count(OutcomeCount.LIQUIDATIONS);
    if (out.firstLiquidationStep < 0) {
      out.firstLiquidationStep = t;
    }
    if (value(i, price) < d) {
      out.count(OutcomeCount.STALE_ORACLE_LIQUIDATIONS);
    }
    double repay = rules.closeFactor() * d;
    if (d - repay <= rules.dustUsd()) {
      repay = d;
    }
    double[] valuation = rules.pricing() == SeizePricing.ORACLE ? oracle : price;
    double available = value(i, valuation);
    double onePlusBonus = 1 + rules.bonus();
    double wanted = repay * onePlusBonus;
    if (wanted > available) {
      wanted = available;
      repay = available / onePlusBonus;
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
    fund.deposit(bonusShare * rules.bonus() * repay);
    double left = value(i, price);
    if (d > 0 && left < d) {
      for (int a = 0; a < k; a++) {
        out.collateralSeized += collateral[i * k + a];
        collateral[i * k + a] = 0;
      }
      out.debtRepaid += left;
      out.realiseBadDebt(d - left, t, fund);
      d = 0;
    }
    debt[i] = d;
    if (d > 0) {
      out.count(OutcomeCount.LIQUIDATIONS_PARTIAL);
    }
  }

  /** ln of the market price of asset a at the end of the last path. For tests. */
  public double finalLogPrice(int a) {
    return logPrice[a];
  }

  /** Units of asset a account i holds after the last path. For tests. */
  public double collateralAfterPath(int i, int a) {
    return collateral[i * k + a];
  }

  /** Debt of account i after the last path. For tests. */
  public double debtAfterPath(int i) {
    return debt[i];
  }
}
