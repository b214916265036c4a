package io.margincall.kernel;

import io.margincall.model.gas.CongestionRules;
import io.margincall.model.liquidity.InfiniteDepth;
import io.margincall.model.liquidity.MarketDepth;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.ImportanceTilt;
import io.margincall.model.price.MarketModel;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.CircuitBreakerRules;
import io.margincall.protocol.CrossMarginBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationIncentive;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.MarginRules;
import io.margincall.protocol.PerpBook;
import io.margincall.protocol.PerpRules;
import io.margincall.stats.PathSampling;
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
 * @param perpRules how perp positions are closed, deleveraged and funded (null: the ideal)
 * @param antithetic paths come in pairs (2k, 2k + 1), the second walking the first's price
 *     normals negated (SPEC 8: a change to the shocks, not to the models); the other
 *     mechanisms keep each path's own streams
 * @param tilt importance sampling's tilt of the price draws ({@link ImportanceTilt#NONE}: off);
 *     each path is then weighted by its likelihood ratio
 * @param margin the dynamic margin, or null: the static margin (each account's own LT and MM)
 * @param bridgeCrossing the ideal case of SPEC 2.7 simulated by exact Brownian-bridge crossing
 *     sampling instead of step by step ({@link BridgeCrossingKernel}): the same distribution of
 *     every outcome it writes, other draws (so other bits); false: step by step
 * @param circuitBreaker pauses liquidations (or trading) when the oracle moves too far or too
 *     fast, or null: none (the default)
 * @param oracleGap whether the stepping kernel computes the oracle-gap statistics, which need
 *     every step; false: they are NaN, and a path may finish at the first step after which no
 *     other outcome it writes can change ({@link PathSimulator}: the same bits otherwise)
 * @param lastStretch {@code sampling.crossing = last-stretch}: the stepping kernel crosses the
 *     last d steps (oracle delay d) in one draw when the delayed prices still to be shown cannot
 *     trigger ({@link LastStretch}: the same distribution, other bits; no oracle-gap statistics)
 */
public record Scenario(long seed, int steps, double stepSeconds, double initialPrice,
                       MarketModel market, OracleRules oracle, AccountBook book,
                       LiquidationRules liquidation, InsuranceRules insurance, MarketDepth depth,
                       double permanentImpact, double minProfitUsd, CongestionRules congestion,
                       CrossMarginBook crossMargin, PerpBook perps, PerpRules perpRules,
                       boolean antithetic, ImportanceTilt tilt, MarginRules margin,
                       boolean bridgeCrossing, CircuitBreakerRules circuitBreaker,
                       boolean oracleGap, boolean lastStretch)
    implements Serializable {

  /** A scenario of independent paths (no antithetic pairs). */
  public Scenario(long seed, int steps, double stepSeconds, double initialPrice,
                  MarketModel market, OracleRules oracle, AccountBook book,
                  LiquidationRules liquidation, InsuranceRules insurance, MarketDepth depth,
                  double permanentImpact, double minProfitUsd, CongestionRules congestion,
                  CrossMarginBook crossMargin, PerpBook perps, PerpRules perpRules) {
    this(seed, steps, stepSeconds, initialPrice, market, oracle, book, liquidation, insurance,
        depth, permanentImpact, minProfitUsd, congestion, crossMargin, perps, perpRules, false,
        ImportanceTilt.NONE, null, false, null, true, false);
  }

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
    if (tilt == null) {
      tilt = ImportanceTilt.NONE;
    }
    if (crossMargin != null && liquidation != null
        && liquidation.incentive() instanceof LiquidationIncentive.AaveV3) {
      throw new IllegalArgumentException("Aave's close factor and dust rule apply per collateral"
          + " reserve: not modelled for cross-margined books");
    }
    if (margin != null) {
      checkMargin(margin, book, crossMargin, perps);
    }
    if (liquidation.auction() != null && crossMargin != null) {
      throw new IllegalArgumentException("Dutch auctions need one collateral; cross-margined "
          + "books have several");
    }
    if (circuitBreaker != null && crossMargin != null) {
      throw new IllegalArgumentException("a circuit breaker needs one asset; cross-margined books"
          + " have several");
    }
    if (perps != null && crossMargin != null) {
      throw new IllegalArgumentException("perp positions need one asset; cross-margined books "
          + "have several");
    }
  }

  /**
   * The factor's bounds must keep every threshold a threshold and every maintenance margin below
   * the position's value: {@code LT / min <= 1}, {@code MM x max < 1}.
   */
  private static void checkMargin(MarginRules margin, AccountBook book, CrossMarginBook cross,
                                  PerpBook perps) {
    double lt = 0;
    for (int i = 0; book != null && i < book.size(); i++) {
      lt = Math.max(lt, book.threshold(i));
    }
    for (int i = 0; cross != null && i < cross.size(); i++) {
      lt = Math.max(lt, cross.threshold()[i]);
    }
    if (lt / margin.minFactor() > 1) {
      throw new IllegalArgumentException("margin factor minimum " + margin.minFactor()
          + " would raise the highest liquidation threshold " + lt + " above 1 (LT / min)");
    }
    double mm = 0;
    for (int i = 0; perps != null && i < perps.size(); i++) {
      mm = Math.max(mm, perps.maintenance(i));
    }
    if (mm * margin.maxFactor() >= 1) {
      throw new IllegalArgumentException("margin factor maximum " + margin.maxFactor()
          + " would raise the highest maintenance margin " + mm + " to 1 or more (MM x max)");
    }
  }

  /** A builder with the ideal mechanisms preset; set the rest by name. */
  public static Builder builder() {
    return new Builder();
  }

  /** How the paths are drawn, for the statistics: independent, antithetic pairs, or weighted. */
  public PathSampling sampling() {
    return antithetic ? PathSampling.ANTITHETIC
        : tilt.active() ? PathSampling.WEIGHTED : PathSampling.INDEPENDENT;
  }

  /** Importance sampling's tilt of the price shocks' mean, in standard deviations (0: off). */
  public double importanceTilt() {
    return tilt.drift();
  }

  /** A builder holding this scenario's values, to change a few of them. */
  public Builder toBuilder() {
    return new Builder().seed(seed).steps(steps).stepSeconds(stepSeconds).initialPrice(initialPrice)
        .market(market).oracle(oracle).book(book).liquidation(liquidation).insurance(insurance)
        .depth(depth).permanentImpact(permanentImpact).minProfitUsd(minProfitUsd)
        .congestion(congestion).crossMargin(crossMargin).perps(perps).perpRules(perpRules)
        .antithetic(antithetic).tilt(tilt).margin(margin).bridgeCrossing(bridgeCrossing)
        .circuitBreaker(circuitBreaker).oracleGap(oracleGap).lastStretch(lastStretch);
  }

  /**
   * Builds a {@link Scenario} by name. The time grid, the market, the oracle, the book, the
   * liquidation rules and the insurance fund must be set; the rest default to the ideal (SPEC 7):
   * infinite depth, no permanent impact, no minimum profit, no congestion, one asset.
   */
  public static final class Builder {
    private Long seed;
    private Integer steps;
    private Double stepSeconds;
    private Double initialPrice;
    private MarketModel market;
    private OracleRules oracle;
    private AccountBook book;
    private LiquidationRules liquidation;
    private InsuranceRules insurance;
    private MarketDepth depth = new InfiniteDepth();
    private double permanentImpact;
    private double minProfitUsd;
    private CongestionRules congestion;
    private CrossMarginBook crossMargin;
    private PerpBook perps;
    private PerpRules perpRules;

    private boolean antithetic;
    private ImportanceTilt tilt = ImportanceTilt.NONE;
    private MarginRules margin;
    private boolean bridgeCrossing;
    private boolean oracleGap = true;
    private boolean lastStretch;
    private CircuitBreakerRules circuitBreaker;

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder steps(int steps) {
      this.steps = steps;
      return this;
    }

    public Builder stepSeconds(double stepSeconds) {
      this.stepSeconds = stepSeconds;
      return this;
    }

    public Builder initialPrice(double initialPrice) {
      this.initialPrice = initialPrice;
      return this;
    }

    public Builder market(MarketModel market) {
      this.market = market;
      return this;
    }

    /** A plain GBM market: {@code market(MarketModel.of(price))}. */
    public Builder price(GeometricBrownianMotion price) {
      return market(MarketModel.of(price));
    }

    public Builder oracle(OracleRules oracle) {
      this.oracle = oracle;
      return this;
    }

    public Builder book(AccountBook book) {
      this.book = book;
      return this;
    }

    public Builder liquidation(LiquidationRules liquidation) {
      this.liquidation = liquidation;
      return this;
    }

    public Builder insurance(InsuranceRules insurance) {
      this.insurance = insurance;
      return this;
    }

    public Builder depth(MarketDepth depth) {
      this.depth = depth;
      return this;
    }

    public Builder permanentImpact(double permanentImpact) {
      this.permanentImpact = permanentImpact;
      return this;
    }

    public Builder minProfitUsd(double minProfitUsd) {
      this.minProfitUsd = minProfitUsd;
      return this;
    }

    /** The gas market, or null for none (the default). */
    public Builder congestion(CongestionRules congestion) {
      this.congestion = congestion;
      return this;
    }

    /** Several assets and cross-margined accounts, or null for one asset (the default). */
    public Builder crossMargin(CrossMarginBook crossMargin) {
      this.crossMargin = crossMargin;
      return this;
    }

    /** Perp positions beside the lending book, or null for none (the default). */
    public Builder perps(PerpBook perps) {
      this.perps = perps;
      return this;
    }

    /** How perps are closed, deleveraged and funded; null (the default): the ideal. */
    public Builder perpRules(PerpRules perpRules) {
      this.perpRules = perpRules;
      return this;
    }

    /** Antithetic pairs of paths (see {@link Scenario}); false (the default): independent. */
    public Builder antithetic(boolean antithetic) {
      this.antithetic = antithetic;
      return this;
    }

    /** Importance sampling's tilt of the price normals alone (see {@link Scenario}); 0: off. */
    public Builder importanceTilt(double importanceTilt) {
      this.tilt = ImportanceTilt.ofDrift(importanceTilt);
      return this;
    }

    /** Importance sampling's tilt of the price draws (see {@link Scenario}). */
    public Builder tilt(ImportanceTilt tilt) {
      this.tilt = tilt;
      return this;
    }

    /** The dynamic margin; null (the default): static. */
    public Builder margin(MarginRules margin) {
      this.margin = margin;
      return this;
    }

    /** Exact bridge crossing in the ideal case (see {@link Scenario}); false: step by step. */
    public Builder bridgeCrossing(boolean bridgeCrossing) {
      this.bridgeCrossing = bridgeCrossing;
      return this;
    }

    /** A circuit breaker, or null for none (the default). */
    public Builder circuitBreaker(CircuitBreakerRules circuitBreaker) {
      this.circuitBreaker = circuitBreaker;
      return this;
    }

    /** Whether the oracle-gap statistics are computed (see {@link Scenario}); default true. */
    public Builder oracleGap(boolean oracleGap) {
      this.oracleGap = oracleGap;
      return this;
    }

    /** The last stretch in one draw (see {@link Scenario}); default false. */
    public Builder lastStretch(boolean lastStretch) {
      this.lastStretch = lastStretch;
      return this;
    }

    public Scenario build() {
      return new Scenario(required(seed, "seed"), required(steps, "steps"),
          required(stepSeconds, "stepSeconds"), required(initialPrice, "initialPrice"),
          required(market, "market"), required(oracle, "oracle"), required(book, "book"),
          required(liquidation, "liquidation"), required(insurance, "insurance"),
          required(depth, "depth"), permanentImpact, minProfitUsd, congestion, crossMargin, perps,
          perpRules, antithetic, tilt, margin, bridgeCrossing, circuitBreaker, oracleGap,
          lastStretch);
    }

    private static <T> T required(T value, String name) {
      if (value == null) {
        throw new IllegalStateException("Scenario.builder(): " + name + " is not set");
      }
      return value;
    }
  }

  /** The GBM part of the market (drift, volatility, step). */
  public GeometricBrownianMotion price() {
    return market.gbm();
  }
}
