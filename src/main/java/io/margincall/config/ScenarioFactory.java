package io.margincall.config;

import io.margincall.io.AccountBookCsv;
import io.margincall.kernel.PathStreams;
import io.margincall.kernel.Scenario;
import io.margincall.model.oracle.OracleRules;
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
    OracleRules oracle = new OracleRules(s.oracleDelaySteps, s.oracleDeviation, s.oracleHeartbeatSteps);
    LiquidationRules liquidation = new LiquidationRules(s.closeFactor, s.bonus, s.dustUsd,
        "oracle".equals(s.seizePrice) ? SeizePricing.ORACLE : SeizePricing.MARKET);
    InsuranceRules insurance = new InsuranceRules(s.insuranceBalanceUsd, s.insuranceBonusShare);
    return new Scenario(s.seed, s.steps, s.stepSeconds, s.initialPrice, price, oracle, book(s),
        liquidation, insurance);
  }

  private static AccountBook book(ScenarioSettings s) {
    if ("file".equals(s.accountSource)) {
      AccountBookCsv.Accounts a = AccountBookCsv.read(s.accountFile, s.liquidationThreshold);
      return AccountBook.of(a.collateral(), a.debt(), a.threshold());
    }
    return GeneratedBook.draw(PathStreams.stream(s.seed, 0, PathStreams.ACCOUNT_BOOK),
        s.generatedCount, s.initialPrice, s.generatedSizeMedianUsd, s.generatedSizeLogSigma,
        s.generatedLeverageMin, s.generatedLeverageMax, s.liquidationThreshold);
  }
}
