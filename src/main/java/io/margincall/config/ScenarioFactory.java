package io.margincall.config;

import io.margincall.io.AccountBookCsv;
import io.margincall.io.AccountBookParquet;
import io.margincall.io.InputError;
import io.margincall.io.PriceSeriesCsv;
import io.margincall.model.price.CorrelatedAssets;
import io.margincall.model.price.HistoricalReturns;
import io.margincall.protocol.CrossMarginBook;
import io.margincall.model.price.PriceSeries;
import java.time.Instant;
import io.margincall.kernel.PathKernel;
import io.margincall.kernel.PathStreams;
import io.margincall.kernel.Scenario;
import io.margincall.model.gas.CongestionRules;
import io.margincall.model.liquidity.ConstantProductPool;
import io.margincall.model.liquidity.InfiniteDepth;
import io.margincall.model.liquidity.LinearDepth;
import io.margincall.model.liquidity.MarketDepth;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.MarketModel;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.FundingRules;
import io.margincall.protocol.GeneratedPerpBook;
import io.margincall.protocol.MaintenanceTiers;
import io.margincall.protocol.PerpBook;
import io.margincall.protocol.PerpKeeperReward;
import io.margincall.protocol.PerpRules;
import io.margincall.protocol.GeneratedBook;
import io.margincall.model.price.ImportanceTilt;
import io.margincall.protocol.CircuitBreakerRules;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.SeizePricing;

/** Builds the kernel's {@link Scenario} from checked settings: the type fields pick classes. */
public final class ScenarioFactory {
  private ScenarioFactory() {}

  public static Scenario build(ScenarioSettings s) {
    Scenario scenario = checkedBuild(s);
    String notIdeal = scenario.bridgeCrossing() ? PathKernel.bridgeUnsupported(scenario) : null;
    if (notIdeal != null) {
      throw new ConfigError(SamplingSettings.CROSSING + " = bridge: must be steps here: the bridge"
          + " is exact only in the ideal case of SPEC 2.7 (one account, plain GBM, an oracle"
          + " with only a delay, close factor 1, infinite depth, no gas), and this scenario has "
          + notIdeal);
    }
    String noStretch = scenario.lastStretch() ? PathKernel.lastStretchUnsupported(scenario) : null;
    if (noStretch != null) {
      throw new ConfigError(SamplingSettings.CROSSING + " = last-stretch: must be steps here: the"
          + " last stretch is crossed in one draw only under plain GBM, an oracle with only a"
          + " delay and no mechanism acting every step, and this scenario has " + noStretch);
    }
    return scenario;
  }

  private static Scenario checkedBuild(ScenarioSettings s) {
    Scenario.Builder b = builder(s);
    if (s.margin().rules() == null) {
      return b.build();
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().startsWith("margin factor")) {
        throw e;
      }
      // The factor's bounds against the book's thresholds and maintenance margins.
      throw new ConfigError("defences.margin (min-factor = " + s.margin().rules().minFactor()
          + ", max-factor = " + s.margin().rules().maxFactor() + "): " + e.getMessage());
    }
  }

  private static Scenario.Builder builder(ScenarioSettings s) {
    TimeSettings time = s.time();
    return Scenario.builder().seed(s.run().seed()).steps(time.steps()).stepSeconds(time.stepSeconds())
        .initialPrice(s.price().initial()).market(market(s.price(), time)).oracle(oracle(s.oracle(), time))
        .book(book(s)).liquidation(liquidation(s.protocol())).insurance(insurance(s.insurance()))
        .depth(depth(s.liquidity())).permanentImpact(s.liquidity().permanentImpact())
        .minProfitUsd(s.keeper().minProfitUsd()).congestion(congestion(s.congestion(), time))
        .crossMargin(s.price().assets().count() > 1 ? crossMarginBook(s) : null)
        .perps(perpBook(s)).perpRules(perpRules(s.perps())).antithetic(s.sampling().antithetic())
        .tilt(new ImportanceTilt(s.sampling().importanceTilt(),
            s.sampling().jumpIntensityFactor(), s.sampling().jumpLogMeanShift()))
        .margin(s.margin().rules()).bridgeCrossing(s.sampling().bridgeCrossing())
        .circuitBreaker(circuitBreaker(s.circuitBreaker(), time))
        .oracleGap(s.statistics().oracleGap()).lastStretch(s.sampling().lastStretch());
  }

  /** The perp positions, or null when perps.source = none. */
  private static PerpBook perpBook(ScenarioSettings s) {
    PerpsSettings p = s.perps();
    if ("generated".equals(p.source())) {
      PerpsSettings.Generated g = p.generated();
      // The book stream's path 1: the loans use its path 0, so neither shifts the other's draws.
      return GeneratedPerpBook.draw(PathStreams.stream(s.run().seed(), 1, PathStreams.ACCOUNT_BOOK),
          g.count(), s.price().initial(), g.longShare(), g.notionalMedianUsd(),
          g.notionalLogSigma(), g.leverageMin(), g.leverageMax(), g.entryDispersion(),
          new MaintenanceTiers(p.tierNotionalUsd(), p.tierRate()));
    }
    if (!"file".equals(p.source())) {
      return null;
    }
    AccountBookCsv.Accounts a = accountFile(s);
    if (a.perpIds().isEmpty()) {
      throw new InputError(s.accounts().file() + ": no rows of kind perp, but perps.source = file");
    }
    double[] mm = a.maintenance().clone();
    MaintenanceTiers tiers = new MaintenanceTiers(p.tierNotionalUsd(), p.tierRate());
    for (int i = 0; i < mm.length; i++) {
      if (Double.isNaN(mm[i])) {  // no maintenance_margin in the file: the notional's tier
        mm[i] = tiers.rateFor(Math.abs(a.size()[i]) * a.entry()[i]);
      }
      checkInitialMargin(s, a, i, mm[i]);
    }
    return PerpBook.of(a.margin(), a.size(), a.entry(), mm);
  }

  /**
   * A file's perp position k must have been openable: margin at least its initial margin rate
   * (the row's initial_margin, else perps.initial-margin; 0: not checked) times its notional at
   * entry, and that rate at least its maintenance rate.
   */
  private static void checkInitialMargin(ScenarioSettings s, AccountBookCsv.Accounts a, int k,
                                         double maintenance) {
    boolean own = !Double.isNaN(a.initial()[k]);
    double rate = own ? a.initial()[k] : s.perps().initialMargin();
    if (rate == 0) {
      return;
    }
    java.nio.file.Path file = s.accounts().file();
    String place = a.perpPlace(file.toString(), !AccountBookParquet.isParquet(file), k);
    String from = own ? "initial_margin " + rate : "perps.initial-margin = " + rate;
    if (rate < maintenance) {
      throw new InputError(place + ": " + from + " is below the position's maintenance margin "
          + maintenance + "; an initial margin must be at least the maintenance margin");
    }
    double notional = Math.abs(a.size()[k]) * a.entry()[k];
    double needed = rate * notional;
    if (a.margin()[k] < needed * (1 - 1e-12)) {
      throw new InputError(place + ": field 'margin': " + a.margin()[k] + " is below the"
          + " initial margin, " + from + " x |size| x entry_price = " + needed + " USD: the"
          + " position could not have been opened");
    }
  }

  private static PerpRules perpRules(PerpsSettings p) {
    if (!p.enabled()) {
      return PerpRules.ideal();
    }
    PerpRules.AdlRanking adl = switch (p.adl()) {
      case "pnl-leverage" -> PerpRules.AdlRanking.PNL_LEVERAGE;
      case "pnl" -> PerpRules.AdlRanking.PNL;
      case "random" -> PerpRules.AdlRanking.RANDOM;
      default -> PerpRules.AdlRanking.OFF;
    };
    PerpsSettings.KeeperReward k = p.keeperReward();
    return new PerpRules(p.liquidationFee(), adl, new FundingRules(p.fundingIntervalSteps(),
        p.fundingSensitivity(), p.fundingCap()), p.maxCloseNotionalUsd(),
        k == null ? null : new PerpKeeperReward(k.rate(), k.minUsd(), k.maxUsd()));
  }

  /** The account file's loans and perp positions, CSV or (by extension) Parquet. */
  private static AccountBookCsv.Accounts accountFile(ScenarioSettings s) {
    java.nio.file.Path file = s.accounts().file();
    double threshold = s.protocol().liquidationThreshold();
    return AccountBookParquet.isParquet(file) ? AccountBookParquet.read(file, threshold, Double.NaN)
        : AccountBookCsv.read(file, threshold, Double.NaN);
  }

  private static MarketModel market(PriceSettings p, TimeSettings time) {
    double dt = time.stepSeconds();
    GeometricBrownianMotion price = GeometricBrownianMotion.of(p.drift(), p.volatility(), dt);
    PriceSettings.Garch g = p.garch();
    PriceSettings.Regime r = p.regime();
    PriceSettings.Jumps j = p.jumps();
    return new MarketModel(price,
        "student-t".equals(p.innovations()) ? p.studentDof() : 0,
        "garch".equals(p.volatilityModel()) ? (g.omega() > 0
            ? new MarketModel.Garch(g.omega(), g.alpha(), g.beta())
            : MarketModel.Garch.targeting(p.volatility(), dt, g.alpha(), g.beta())) : null,
        r.enabled() ? new MarketModel.Regime(r.calmToStressPerDay(), r.stressToCalmPerDay(),
            r.stressVolatilityMultiplier(), dt) : null,
        j.perDay() > 0 ? new MarketModel.Jumps(j.perDay(), j.logMean(), j.logStd(), dt) : null,
        "gbm".equals(p.model()) ? null : history(p, time));
  }

  private static OracleRules oracle(OracleSettings o, TimeSettings time) {
    return new OracleRules(o.delaySteps(), o.deviation(), o.heartbeatSteps(), o.holdSteps(),
        o.twapSteps(), time.perStep(o.outagesPerDay()), o.outageMeanSeconds() / time.stepSeconds());
  }

  private static MarketDepth depth(LiquiditySettings l) {
    return switch (l.model()) {
      case "linear" -> new LinearDepth(l.depthUsd(), l.stressDepthMultiplier());
      case "constant-product" -> new ConstantProductPool(l.depthUsd(), l.ammFee(),
          l.stressDepthMultiplier());
      default -> new InfiniteDepth();
    };
  }

  private static LiquidationRules liquidation(ProtocolSettings p) {
    return new LiquidationRules(p.closeFactor(), p.bonus(), p.dustUsd(),
        "oracle".equals(p.seizePrice()) ? SeizePricing.ORACLE : SeizePricing.MARKET, p.rule(),
        p.dutchAuction() == null ? null : p.dutchAuction().rules());
  }

  /** The circuit breaker, or null when it is off. */
  private static CircuitBreakerRules circuitBreaker(CircuitBreakerSettings b, TimeSettings time) {
    if (!b.enabled()) {
      return null;
    }
    return new CircuitBreakerRules("price-move".equals(b.trigger())
        ? CircuitBreakerRules.Trigger.PRICE_MOVE : CircuitBreakerRules.Trigger.REALIZED_VOLATILITY,
        b.windowSteps(), b.threshold(), "trading".equals(b.pause())
            ? CircuitBreakerRules.Pause.TRADING : CircuitBreakerRules.Pause.LIQUIDATIONS,
        b.coolDownSteps(), b.graceSteps(), time.stepSeconds());
  }

  private static InsuranceRules insurance(InsuranceSettings i) {
    InsuranceSettings.Backstop b = i.backstop();
    return new InsuranceRules(i.balanceUsd(), i.bonusShare(), i.feeShare(), b.enabled()
        ? new InsuranceRules.Backstop(b.capacityUsd(), b.delaySteps())
        : InsuranceRules.Backstop.none());
  }

  /** The gas market, or null when congestion is off. */
  private static CongestionRules congestion(CongestionSettings c, TimeSettings time) {
    if (!c.enabled()) {
      return null;
    }
    double dt = time.stepSeconds();
    double hours = dt / 3600;
    return new CongestionRules(c.baseGwei(), c.meanReversionPerHour() * hours,
        c.volatility() * Math.sqrt(hours), c.returnSensitivity(), c.stressMultiplier(),
        time.perStep(c.shocks().perDay()), c.shocks().multiplier(), c.shocks().steps(),
        c.liquidationGasUnits(), c.nativePriceUsd(), c.delayPerDoublingSeconds() / dt,
        c.keeperBidGwei(), c.oracleBidGwei(), c.maxWaitSteps());
  }

  /** The real returns of a replay or bootstrap scenario, checked against the horizon. */
  private static HistoricalReturns history(PriceSettings p, TimeSettings time) {
    PriceSettings.Series in = p.series();
    PriceSeries series = PriceSeriesCsv.read(in.file(), PriceSeriesCsv.GapPolicy.parse(in.gaps()));
    String window = "";
    if (!in.from().isEmpty() || !in.to().isEmpty()) {
      long from = in.from().isEmpty() ? Long.MIN_VALUE : Instant.parse(in.from()).getEpochSecond();
      long to = in.to().isEmpty() ? Long.MAX_VALUE : Instant.parse(in.to()).getEpochSecond();
      window = " in [" + (in.from().isEmpty() ? "start" : in.from()) + ", "
          + (in.to().isEmpty() ? "end" : in.to()) + ")";
      try {
        series = series.between(from, to);
      } catch (IllegalArgumentException e) {
        throw new io.margincall.io.InputError(e.getMessage());
      }
    }
    double dt = time.stepSeconds();
    long step = Math.round(dt);
    if (step != dt) {
      throw new ConfigError("time.step = " + dt + ": a replay or bootstrap needs a whole"
          + " number of seconds");
    }
    HistoricalReturns h;
    try {
      h = HistoricalReturns.of(series, step, "replay".equals(p.model()),
          p.bootstrapMeanBlockSeconds() / dt);
    } catch (IllegalArgumentException e) {
      throw new io.margincall.io.InputError(e.getMessage());
    }
    if (h.replay() && h.size() < time.steps()) {
      throw new io.margincall.io.InputError(in.file() + window + ": " + h.size() + " returns of "
          + step + " s, but time.horizon needs " + time.steps() + " steps; shorten time.horizon to "
          + (long) h.size() * step + " s or widen the window");
    }
    return h;
  }

  /**
   * Several assets: the generated book's accounts (the same size and leverage draws as the
   * one-asset book), each value split across the assets by accounts.generated.asset-weights.
   */
  private static CrossMarginBook crossMarginBook(ScenarioSettings s) {
    AssetSettings in = s.price().assets();
    int k = in.count();
    double[] logDrift = new double[k];
    double[] logVol = new double[k];
    for (int a = 0; a < k; a++) {
      GeometricBrownianMotion g = GeometricBrownianMotion.of(in.drift()[a], in.volatility()[a],
          s.time().stepSeconds());
      logDrift[a] = g.logDriftPerStep();
      logVol[a] = g.logVolatilityPerStep();
    }
    CorrelatedAssets assets = new CorrelatedAssets(in.names().toArray(new String[0]),
        in.initial().clone(), logDrift, logVol, CorrelatedAssets.cholesky(in.correlation(), k));
    var rng = PathStreams.stream(s.run().seed(), 0, PathStreams.ACCOUNT_BOOK);
    var normal = new io.margincall.model.random.ZigguratNormal(rng);
    AccountsSettings.Generated g = s.accounts().generated();
    int n = g.count();
    double[] collateral = new double[n * k];
    double[] debt = new double[n];
    double[] lt = new double[n];
    for (int i = 0; i < n; i++) {
      double value = g.sizeMedianUsd() * StrictMath.exp(g.sizeLogSigma() * normal.sample());
      double leverage = g.leverageMin() + (g.leverageMax() - g.leverageMin()) * rng.nextDouble();
      for (int a = 0; a < k; a++) {
        collateral[i * k + a] = value * g.assetWeights()[a] / in.initial()[a];
      }
      debt[i] = value * (1 - 1 / leverage);
      lt[i] = s.protocol().liquidationThreshold();
    }
    return new CrossMarginBook(assets, collateral, debt, lt);
  }

  private static AccountBook book(ScenarioSettings s) {
    AccountBook book = uncompressedBook(s);
    return s.accounts().cohorts()
        ? book.cohorts(s.accounts().cohortLogWidth(), s.accounts().cohortSizeLogWidth()) : book;
  }

  private static AccountBook uncompressedBook(ScenarioSettings s) {
    double threshold = s.protocol().liquidationThreshold();
    if ("file".equals(s.accounts().source())) {
      AccountBookCsv.Accounts a = accountFile(s);
      if (!a.perpIds().isEmpty() && !s.perps().enabled()) {
        throw new InputError(s.accounts().file() + ":" + a.perpLines().get(0) + ": "
            + a.perpIds().size() + " rows of kind perp, but perps.source = none; set perps.source"
            + " = file to simulate them");
      }
      if (s.accounts().refuseEligibleAtStart()) {
        rejectAccountsEligibleAtTheStart(s.accounts().file(), s.price().initial(), a);
      }
      rejectUnhealthyLiquidation(s, a);
      return AccountBook.of(a.collateral(), a.debt(), a.threshold());
    }
    AccountsSettings.Generated g = s.accounts().generated();
    return GeneratedBook.draw(PathStreams.stream(s.run().seed(), 0, PathStreams.ACCOUNT_BOOK),
        g.count(), s.price().initial(), g.sizeMedianUsd(), g.sizeLogSigma(), g.leverageMin(),
        g.leverageMax(), threshold);
  }

  /**
   * An account whose own liquidation threshold makes its liquidation leave it less healthy
   * ({@link ProtocolSettings#unhealthyLiquidation}) is refused, naming its line, unless
   * {@code protocol.allow-unhealthy-liquidation}; protocol.liquidation-threshold, which the
   * other rows take, was checked with the settings.
   */
  private static void rejectUnhealthyLiquidation(ScenarioSettings s, AccountBookCsv.Accounts a) {
    double[] lt = a.threshold();
    for (int i = 0; i < lt.length; i++) {
      String why = s.protocol().unhealthyLiquidation(lt[i]);
      if (why != null) {
        throw new InputError(s.accounts().file() + ":" + a.lines().get(i) + ": account '"
            + a.ids().get(i) + "': liquidation_threshold = " + lt[i] + ": LT x (1 + bonus) must"
            + " be below 1" + why);
      }
    }
  }

  /**
   * With {@code accounts.eligible-at-start = refuse}: an account already eligible for liquidation
   * at the initial price would be liquidated at step 1 whatever the model; in a book that must
   * be healthy, almost always a unit mistake (collateral in USD, debt in cents). Rejected,
   * naming the first such line.
   */
  private static void rejectAccountsEligibleAtTheStart(java.nio.file.Path file, double initialPrice,
                                                       AccountBookCsv.Accounts a) {
    int count = 0;
    int first = -1;
    for (int i = 0; i < a.ids().size(); i++) {
      if (a.collateral()[i] * initialPrice * a.threshold()[i] < a.debt()[i]) {
        count++;
        if (first < 0) {
          first = i;
        }
      }
    }
    if (count > 0) {
      double health = a.collateral()[first] * initialPrice * a.threshold()[first] / a.debt()[first];
      throw new io.margincall.io.InputError(file + ":" + a.lines().get(first)
          + ": account '" + a.ids().get(first) + "' is already eligible for liquidation at "
          + "price.initial = " + initialPrice + " (health " + String.format(java.util.Locale.ROOT,
          "%.4f", health) + " < 1)" + (count > 1 ? "; " + count + " accounts in all" : "")
          + "; collateral is in asset units, debt in USD (accounts.eligible-at-start = liquidate"
          + " takes such a book as it is)");
    }
  }
}
