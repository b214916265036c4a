package io.margincall.config;

import io.margincall.io.AccountBookCsv;
import io.margincall.io.PriceSeriesCsv;
import io.margincall.model.price.CorrelatedAssets;
import io.margincall.model.price.HistoricalReturns;
import io.margincall.protocol.CrossMarginBook;
import io.margincall.model.price.PriceSeries;
import java.time.Instant;
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
import io.margincall.protocol.GeneratedBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.SeizePricing;

/** Builds the kernel's {@link Scenario} from checked settings: the type fields pick classes. */
public final class ScenarioFactory {
  private ScenarioFactory() {}

  public static Scenario build(ScenarioSettings s) {
    GeometricBrownianMotion price = GeometricBrownianMotion.of(s.drift, s.volatility, s.stepSeconds);
    MarketModel market = new MarketModel(price,
        "student-t".equals(s.innovations) ? s.studentDof : 0,
        "garch".equals(s.volatilityModel) ? (s.garchOmega > 0
            ? new MarketModel.Garch(s.garchOmega, s.garchAlpha, s.garchBeta)
            : MarketModel.Garch.targeting(s.volatility, s.stepSeconds, s.garchAlpha, s.garchBeta)) : null,
        s.regimeEnabled ? new MarketModel.Regime(s.regimeCalmToStressPerDay,
            s.regimeStressToCalmPerDay, s.regimeStressVolatilityMultiplier, s.stepSeconds) : null,
        s.jumpsPerDay > 0 ? new MarketModel.Jumps(s.jumpsPerDay, s.jumpLogMean, s.jumpLogStd,
            s.stepSeconds) : null,
        "gbm".equals(s.priceModel) ? null : history(s));
    OracleRules oracle = new OracleRules(s.oracleDelaySteps, s.oracleDeviation, s.oracleHeartbeatSteps,
        s.oracleHoldSteps, s.oracleTwapSteps, s.oracleOutagesPerDay * s.stepSeconds / 86_400,
        s.oracleOutageMeanSeconds / s.stepSeconds);
    MarketDepth depth = switch (s.liquidityModel) {
      case "linear" -> new LinearDepth(s.liquidityDepthUsd, s.stressDepthMultiplier);
      case "constant-product" -> new ConstantProductPool(s.liquidityDepthUsd, s.ammFee,
          s.stressDepthMultiplier);
      default -> new InfiniteDepth();
    };
    LiquidationRules liquidation = new LiquidationRules(s.closeFactor, s.bonus, s.dustUsd,
        "oracle".equals(s.seizePrice) ? SeizePricing.ORACLE : SeizePricing.MARKET);
    InsuranceRules insurance = new InsuranceRules(s.insuranceBalanceUsd, s.insuranceBonusShare);
    CongestionRules congestion = null;
    if (s.congestionEnabled) {
      double hours = s.stepSeconds / 3600;
      congestion = new CongestionRules(s.gasBaseGwei, s.gasMeanReversionPerHour * hours,
          s.gasVolatility * Math.sqrt(hours), s.gasReturnSensitivity, s.gasStressMultiplier,
          s.gasShocksPerDay * s.stepSeconds / 86_400, s.gasShockMultiplier, s.gasShockSteps,
          s.liquidationGasUnits, s.nativePriceUsd, s.inclusionDelayPerDoublingSeconds / s.stepSeconds,
          s.keeperBidGwei, s.oracleBidGwei, s.keeperMaxWaitSteps);
    }
    return Scenario.builder().seed(s.seed).steps(s.steps).stepSeconds(s.stepSeconds)
        .initialPrice(s.initialPrice).market(market).oracle(oracle).book(book(s))
        .liquidation(liquidation).insurance(insurance).depth(depth)
        .permanentImpact(s.permanentImpact).minProfitUsd(s.keeperMinProfitUsd).congestion(congestion)
        .crossMargin(s.assetNames.size() > 1 ? crossMarginBook(s) : null).build();
  }

  /** The real returns of a replay or bootstrap scenario, checked against the horizon. */
  private static HistoricalReturns history(ScenarioSettings s) {
    PriceSeries series = PriceSeriesCsv.read(s.seriesFile, PriceSeriesCsv.GapPolicy.parse(s.seriesGaps));
    String window = "";
    if (!s.seriesFrom.isEmpty() || !s.seriesTo.isEmpty()) {
      long from = s.seriesFrom.isEmpty() ? Long.MIN_VALUE : Instant.parse(s.seriesFrom).getEpochSecond();
      long to = s.seriesTo.isEmpty() ? Long.MAX_VALUE : Instant.parse(s.seriesTo).getEpochSecond();
      window = " in [" + (s.seriesFrom.isEmpty() ? "start" : s.seriesFrom) + ", "
          + (s.seriesTo.isEmpty() ? "end" : s.seriesTo) + ")";
      try {
        series = series.between(from, to);
      } catch (IllegalArgumentException e) {
        throw new io.margincall.io.InputError(e.getMessage());
      }
    }
    long step = Math.round(s.stepSeconds);
    if (step != s.stepSeconds) {
      throw new ConfigError("time.step = " + s.stepSeconds + ": a replay or bootstrap needs a whole"
          + " number of seconds");
    }
    HistoricalReturns h;
    try {
      h = HistoricalReturns.of(series, step, "replay".equals(s.priceModel),
          s.bootstrapMeanBlockSeconds / s.stepSeconds);
    } catch (IllegalArgumentException e) {
      throw new io.margincall.io.InputError(e.getMessage());
    }
    if (h.replay() && h.size() < s.steps) {
      throw new io.margincall.io.InputError(s.seriesFile + window + ": " + h.size() + " returns of "
          + step + " s, but time.horizon needs " + s.steps + " steps; shorten time.horizon to "
          + (long) h.size() * step + " s or widen the window");
    }
    return h;
  }

  /**
   * Several assets: the generated book's accounts (the same size and leverage draws as the
   * one-asset book), each value split across the assets by accounts.generated.asset-weights.
   */
  private static CrossMarginBook crossMarginBook(ScenarioSettings s) {
    int k = s.assetNames.size();
    double[] logDrift = new double[k];
    double[] logVol = new double[k];
    for (int a = 0; a < k; a++) {
      GeometricBrownianMotion g = GeometricBrownianMotion.of(s.assetDrift[a], s.assetVolatility[a],
          s.stepSeconds);
      logDrift[a] = g.logDriftPerStep();
      logVol[a] = g.logVolatilityPerStep();
    }
    CorrelatedAssets assets = new CorrelatedAssets(s.assetNames.toArray(new String[0]),
        s.assetInitial.clone(), logDrift, logVol, CorrelatedAssets.cholesky(s.correlation, k));
    var rng = PathStreams.stream(s.seed, 0, PathStreams.ACCOUNT_BOOK);
    var normal = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
    int n = s.generatedCount;
    double[] collateral = new double[n * k];
    double[] debt = new double[n];
    double[] lt = new double[n];
    for (int i = 0; i < n; i++) {
      double value = s.generatedSizeMedianUsd * Math.exp(s.generatedSizeLogSigma * normal.sample());
      double leverage = s.generatedLeverageMin
          + (s.generatedLeverageMax - s.generatedLeverageMin) * rng.nextDouble();
      for (int a = 0; a < k; a++) {
        collateral[i * k + a] = value * s.assetWeights[a] / s.assetInitial[a];
      }
      debt[i] = value * (1 - 1 / leverage);
      lt[i] = s.liquidationThreshold;
    }
    return new CrossMarginBook(assets, collateral, debt, lt);
  }

  private static AccountBook book(ScenarioSettings s) {
    if ("file".equals(s.accountSource)) {
      AccountBookCsv.Accounts a = AccountBookCsv.read(s.accountFile, s.liquidationThreshold);
      rejectAccountsEligibleAtTheStart(s, a);
      return AccountBook.of(a.collateral(), a.debt(), a.threshold());
    }
    return GeneratedBook.draw(PathStreams.stream(s.seed, 0, PathStreams.ACCOUNT_BOOK),
        s.generatedCount, s.initialPrice, s.generatedSizeMedianUsd, s.generatedSizeLogSigma,
        s.generatedLeverageMin, s.generatedLeverageMax, s.liquidationThreshold);
  }

  /**
   * An account already eligible for liquidation at the initial price would be liquidated at
   * step 1 whatever the model: almost always a unit mistake (collateral in USD, debt in cents),
   * and it would make P(bad debt) meaningless. Rejected, naming the first such line.
   */
  private static void rejectAccountsEligibleAtTheStart(ScenarioSettings s, AccountBookCsv.Accounts a) {
    int count = 0;
    int first = -1;
    for (int i = 0; i < a.ids().size(); i++) {
      if (a.collateral()[i] * s.initialPrice * a.threshold()[i] < a.debt()[i]) {
        count++;
        if (first < 0) {
          first = i;
        }
      }
    }
    if (count > 0) {
      double health = a.collateral()[first] * s.initialPrice * a.threshold()[first] / a.debt()[first];
      throw new io.margincall.io.InputError(s.accountFile + ":" + a.lines().get(first)
          + ": account '" + a.ids().get(first) + "' is already eligible for liquidation at "
          + "price.initial = " + s.initialPrice + " (health " + String.format(java.util.Locale.ROOT,
          "%.4f", health) + " < 1)" + (count > 1 ? "; " + count + " accounts in all" : "")
          + "; collateral is in asset units, debt in USD");
    }
  }
}
