package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel's bulk settlement of skipped liquidations (quiet steps, certified skips) against
 * the same kernel visiting every eligible account with the full rules: every field of every
 * path's outcome must have the same bits. The variants reach each branch: liquidators blocked by
 * the fee (market- and oracle-priced seizure, with and without a native gas price), by slippage
 * (AMM, thin linear book), waiting for inclusion and not included in time (low bids, gas
 * shocks), with no fee at all (congestion off), TWAP, a close factor of 1, each protocol's
 * incentive rule (whose repayment and bonus move with the oracle while an account waits), and a
 * dynamic margin that moves every trigger between steps (reactive, and predictive with governance
 * limits and a loosening below 1). Each must have used the shortcut (and the margin must have
 * moved), or the comparison would prove nothing.
 */
class BulkSkipTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "as-is",
      "protocol.seize-price=oracle",
      "liquidity.model=constant-product",
      "congestion.enabled=false",
      "congestion.shocks.rate-per-day=6,congestion.keeper-bid-gwei=40,congestion.max-wait=120",
      "congestion.keeper-bid-gwei=30,congestion.max-wait=600",
      "liquidity.model=infinite",
      "keeper.min-profit-usd=0,protocol.bonus=0.02",
      "oracle.twap-window=600,oracle.security-hold=0",
      "protocol.close-factor=1",
      "congestion.native-price-usd=3000,protocol.dust=0",
      "liquidity.depth-usd=2000000,keeper.min-profit-usd=50,congestion.enabled=false",
      "protocol.seize-price=oracle,oracle.delay=600,protocol.bonus=0.01",
      "protocol.incentive.model=aave-v3",
      "protocol.incentive.model=aave-v3,protocol.seize-price=oracle,protocol.bonus=0.01",
      "protocol.incentive.model=euler",
      "protocol.incentive.model=euler,protocol.seize-price=oracle,oracle.delay=600",
      "protocol.incentive.model=morpho,protocol.seize-price=oracle",
      "protocol.incentive.model=euler,defences.margin.model=realized-volatility,"
          + "defences.margin.reference-volatility=0.5",
      "defences.margin.model=realized-volatility,defences.margin.reference-volatility=0.5",
      "defences.margin.model=predictive,defences.margin.gas.weight=1,"
          + "defences.margin.min-update-delay=600,defences.margin.max-update-change=0.02,"
          + "defences.margin.min-factor=0.95,defences.margin.reference-volatility=0.6",
      // Cohorts: the certificates are one member's, the counts all members'.
      "accounts.cohorts.mode=binned,accounts.cohorts.log-width=0.01,"
          + "accounts.cohorts.size-log-width=1",
      "accounts.cohorts.mode=binned,accounts.cohorts.log-width=0.03,"
          + "accounts.cohorts.size-log-width=0,congestion.shocks.rate-per-day=6,"
          + "congestion.keeper-bid-gwei=40,congestion.max-wait=120",
      "accounts.cohorts.mode=binned,accounts.cohorts.log-width=0.01,"
          + "protocol.incentive.model=aave-v3,keeper.min-profit-usd=30",
  })
  void bulkSettlementGivesTheSameBitsAsVisitingEveryAccount(String sets) {
    List<String> all = new ArrayList<>(List.of("time.step=60", "time.horizon=86400",
        "accounts.generated.count=300"));
    if (!sets.equals("as-is")) {
      all.addAll(Arrays.asList(sets.split(",")));
    }
    Scenario scenario = ScenarioFactory.build(
        ScenarioSettings.load(ROOT.resolve("conf/bench/million-paths.conf"), all));
    PathSimulator bulk = new PathSimulator(scenario, true);
    PathSimulator full = new PathSimulator(scenario, false);
    PathOutcome a = new PathOutcome();
    PathOutcome b = new PathOutcome();
    long skips = 0;
    long marginMoves = 0;
    for (long path = 0; path < 150; path++) {
      bulk.run(path, a);
      full.run(path, b);
      assertSameBits(b, a, "path " + path);
      skips += a.countOf(OutcomeCount.UNPROFITABLE_AFTER_FEES)
          + a.countOf(OutcomeCount.NOT_INCLUDED_IN_TIME) + a.submissions;
      marginMoves += a.countOf(OutcomeCount.MARGIN_UPDATES);
    }
    assertEquals(sets.contains("defences.margin"), marginMoves > 0, "margin moves: " + marginMoves);
    assertTrue(skips > 0, "the variant should skip liquidations");
    assertTrue(bulk.bulkSkipped() > 0, "the shortcut was never taken");
    assertEquals(0, full.bulkSkipped());
  }

  static void assertSameBits(PathOutcome expected, PathOutcome actual, String where) {
    double[] e = fields(expected);
    double[] x = fields(actual);
    for (int k = 0; k < e.length; k++) {
      assertEquals(Double.doubleToRawLongBits(e[k]), Double.doubleToRawLongBits(x[k]),
          where + ", field " + k + ": " + e[k] + " vs " + x[k]);
    }
  }

  /** Every field of the outcome, then every count and every amount. */
  private static double[] fields(PathOutcome o) {
    double[] scalars = {o.badDebt, o.insuranceDraw, o.socializedLoss, o.fundExhausted ? 1 : 0,
        o.horizonShortfall, o.firstBadDebtStep, o.collateralSeized, o.debtRepaid,
        o.firstLiquidationStep, o.meanOracleGap, o.oracleOutageSteps, o.submissions,
        o.inclusionWaitSteps, o.oraclePosts, o.minMarketToOracle};
    double[] all = Arrays.copyOf(scalars,
        scalars.length + OutcomeCount.size() + OutcomeAmount.size());
    for (OutcomeCount c : OutcomeCount.values()) {
      all[scalars.length + c.ordinal()] = o.countOf(c);
    }
    for (OutcomeAmount m : OutcomeAmount.values()) {
      all[scalars.length + OutcomeCount.size() + m.ordinal()] = o.amountOf(m);
    }
    return all;
  }
}
