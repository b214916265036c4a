package io.margincall.kernel;

import io.margincall.model.gas.CongestionRules;
import io.margincall.model.liquidity.InfiniteDepth;
import io.margincall.model.liquidity.MarketDepth;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.MarketModel;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.CrossMarginBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.PerpBook;
import io.margincall.protocol.PerpRules;
import java.io.Serializable;

/**
 * Everything one simulated path needs, built once from the settings and shared read-only by all
 * paths: the time grid, the models and the protocol. Serializable so Spark can ship it.
 *
 * @param seed the run's seed
 * @param steps number of time steps n; the path covers steps 1..n
 * @param stepSeconds the time step dt, seconds
 * @param initialPrice market (and oracle) price at time 0, USD
 * @param market the market price process
 * @param oracle the oracle's delay, push rules, hold, TWAP and outages
 * @param book the accounts
 * @param liquidation the liquidation rules
 * @param insurance the insurance fund
 * @param depth what selling collateral fetches (ideal: infinite depth)
 * @param permanentImpact share of each sale's price move that stays in the market price, [0, 1]
 * @param minProfitUsd a liquidator skips a liquidation expected to earn less, USD; applied only
 *     when slippage or congestion is modelled (SPEC 7: the ideal keeper always executes)
 * @param congestion the gas market, or null for none (the ideal: free, instant transactions)
 * @param crossMargin several correlated assets and cross-margined accounts, or null (one asset,
 *     {@code market} and {@code book})
 * @param perps perpetual-futures positions on the main asset, or null: none (they sit beside
 *     the lending book; the market price is the one price process)
 * @param perpRules how perp positions are closed and deleveraged
 */
public record Scenario(long seed, int steps, double stepSeconds, double initialPrice,
                       MarketModel market, OracleRules oracle, AccountBook book,
                       LiquidationRules liquidation, InsuranceRules insurance, MarketDepth depth,
                       double permanentImpact, double minProfitUsd, CongestionRules congestion,
                       CrossMarginBook crossMargin, PerpBook perps, PerpRules perpRules)
    implements Serializable {

  public Scenario {
    if (steps < 1) {
      throw new IllegalArgumentException("a scenario needs at least one step, got " + steps);
    }
    if (!(initialPrice > 0) || Double.isInfinite(initialPrice)) {
      throw new IllegalArgumentException("initial price must be finite and > 0, got " + initialPrice);
    }
    if (oracle.delaySteps() >= steps) {
      throw new IllegalArgumentException("oracle delay (" + oracle.delaySteps()
          + " steps) must be shorter than the horizon (" + steps + " steps)");
    }
    if (!(permanentImpact >= 0 && permanentImpact <= 1)) {
      throw new IllegalArgumentException("permanent impact must be in [0, 1], got " + permanentImpact);
    }
    if (!Double.isFinite(minProfitUsd)) {
      throw new IllegalArgumentException("minimum profit must be finite, got " + minProfitUsd);
    }
    if (perpRules == null) {
      perpRules = PerpRules.ideal();
    }
    if (perps != null && crossMargin != null) {
      throw new IllegalArgumentException("perp positions need one asset; cross-margined books "
          + "have several");
    }
  }

  /** A scenario with a plain GBM market and ideal liquidity. */
  public Scenario(long seed, int steps, double stepSeconds, double initialPrice,
                  GeometricBrownianMotion price, OracleRules oracle, AccountBook book,
                  LiquidationRules liquidation, InsuranceRules insurance) {
    this(seed, steps, stepSeconds, initialPrice, MarketModel.of(price), oracle, book, liquidation,
        insurance, new InfiniteDepth(), 0, 0, null, null, null, null);
  }

  /** A scenario without congestion. */
  public Scenario(long seed, int steps, double stepSeconds, double initialPrice,
                  MarketModel market, OracleRules oracle, AccountBook book,
                  LiquidationRules liquidation, InsuranceRules insurance, MarketDepth depth,
                  double permanentImpact, double minProfitUsd) {
    this(seed, steps, stepSeconds, initialPrice, market, oracle, book, liquidation, insurance,
        depth, permanentImpact, minProfitUsd, null, null, null, null);
  }

  /** A scenario of one asset. */
  public Scenario(long seed, int steps, double stepSeconds, double initialPrice,
                  MarketModel market, OracleRules oracle, AccountBook book,
                  LiquidationRules liquidation, InsuranceRules insurance, MarketDepth depth,
                  double permanentImpact, double minProfitUsd, CongestionRules congestion) {
    this(seed, steps, stepSeconds, initialPrice, market, oracle, book, liquidation, insurance,
        depth, permanentImpact, minProfitUsd, congestion, null, null, null);
  }

  /** The GBM part of the market (drift, volatility, step). */
  public GeometricBrownianMotion price() {
    return market.gbm();
  }
}
