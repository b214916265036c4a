package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.model.liquidity.LinearDepth;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.AuctionRules;
import io.margincall.protocol.AuctionRules.Curve;
import io.margincall.protocol.GeneratedBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dutch auctions through the kernel: with the auction made ideal it is the fixed ideal rule
 * path by path, bit for bit; with slippage, a minimum profit, a lagging oracle and a tight limit
 * on debt in auction, every path still conserves debt and collateral.
 */
class DutchAuctionKernelTest {
  private static final double S0 = 2000;
  private static final double DT = 120;

  private static AccountBook book(double threshold) {
    return GeneratedBook.draw(PathStreams.stream(5, 0, PathStreams.ACCOUNT_BOOK), 300, S0,
        50_000, 1.0, 1.5, 12, threshold);
  }

  private static Scenario.Builder market(AccountBook book, OracleRules oracle) {
    return Scenario.builder().seed(99).steps(720).stepSeconds(DT).initialPrice(S0)
        .price(GeometricBrownianMotion.of(0, 2.0, DT)).oracle(oracle).book(book);
  }

  @Test
  void anIdealAuctionIsTheIdealRulePathByPath() {
    // buf 1, no penalty, no incentive, no limit, no reset: the auction asks the oracle price,
    // which is the market's, and the keeper takes it at once (SPEC 2.7's liquidation).
    AuctionRules ideal = new AuctionRules(Curve.LINEAR, 1, 1e9, 90, 1, 1e11, 0, 0, 0, 1, 1e18,
        1e18);
    // LT 0.99: a 1 % cushion, which the market gaps through now and then (bad debt to compare).
    AccountBook book = book(0.99);
    PathSimulator fixed = new PathSimulator(market(book, OracleRules.ideal())
        .liquidation(LiquidationRules.ideal()).insurance(InsuranceRules.none()).build());
    PathSimulator auctions = new PathSimulator(market(book, OracleRules.ideal())
        .liquidation(new LiquidationRules(1, 0, 0, SeizePricing.MARKET, null, ideal))
        .insurance(InsuranceRules.none()).build());
    PathOutcome a = new PathOutcome();
    PathOutcome b = new PathOutcome();
    long liquidations = 0;
    int withBadDebt = 0;
    for (long path = 0; path < 300; path++) {
      fixed.run(path, a);
      auctions.run(path, b);
      assertEquals(a.badDebt, b.badDebt, "path " + path);
      assertEquals(a.debtRepaid, b.debtRepaid, 1e-9 * book.totalDebt(), "path " + path);
      assertEquals(a.countOf(OutcomeCount.LIQUIDATIONS), b.countOf(OutcomeCount.LIQUIDATIONS));
      assertEquals(b.countOf(OutcomeCount.LIQUIDATIONS), b.countOf(OutcomeCount.AUCTION_TAKES));
      assertEquals(0, b.countOf(OutcomeCount.AUCTIONS_RESET));
      liquidations += a.countOf(OutcomeCount.LIQUIDATIONS);
      withBadDebt += a.badDebt > 0 ? 1 : 0;
    }
    assertTrue(liquidations > 1000 && withBadDebt > 10, liquidations + " " + withBadDebt);
  }

  /**
   * Under auctions the bulk-skip shortcuts are off (model.md, "Dutch auctions"): asked for, the
   * kernel takes none and gives the bits of visiting every account, on the benchmark scenario
   * (every mechanism on) with a limit that keeps vaults waiting.
   */
  @Test
  void auctionsTakeNoBulkSkip() {
    Scenario scenario = ScenarioFactory.build(ScenarioSettings.load(
        Path.of(System.getProperty("margincall.basedir", "."), "conf/bench/million-paths.conf"),
        List.of("time.step=60", "time.horizon=86400", "accounts.generated.count=300",
            "protocol.incentive.model=dutch-auction",
            "protocol.incentive.dutch-auction.hole-per-asset-usd=1000000")));
    PathSimulator asked = new PathSimulator(scenario, true);
    PathSimulator full = new PathSimulator(scenario, false);
    PathOutcome a = new PathOutcome();
    PathOutcome b = new PathOutcome();
    long throttled = 0;
    for (long path = 0; path < 60; path++) {
      asked.run(path, a);
      full.run(path, b);
      BulkSkipTest.assertSameBits(b, a, "path " + path);
      throttled += a.countOf(OutcomeCount.AUCTIONS_THROTTLED);
    }
    assertTrue(throttled > 0, "vaults waited for room");
    assertEquals(0, asked.bulkSkipped());
  }

  @Test
  void everyAuctionedPathConservesDebtAndCollateral() {
    AuctionRules auction = new AuctionRules(Curve.STAIR_STEP, 1.1, 3600, 120, 0.98, 600, 0.6,
        50, 0.001, 1.13, 1e18, 3e6);
    AccountBook book = book(0.93);
    double fund = 100_000;
    Scenario scenario = market(book, new OracleRules(30, 0.005, 30))
        .liquidation(new LiquidationRules(1, 0, 500, SeizePricing.MARKET, null, auction))
        .insurance(new InsuranceRules(fund, 0.2)).depth(new LinearDepth(5e6, 1)).minProfitUsd(20)
        .build();
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    long throttled = 0;
    long resets = 0;
    int withBadDebt = 0;
    for (long path = 0; path < 400; path++) {
      kernel.run(path, out);
      double tolerance = 1e-9 * Math.max(1, out.badDebt);
      assertEquals(out.badDebt, out.insuranceDraw + out.socializedLoss, tolerance,
          "path " + path + ": bad debt = draw + socialized");
      double[] auctions = kernel.auctionBalancesAfterPath();
      double lost = 0;
      double debtGone = 0;
      for (int i = 0; i < book.size(); i++) {
        double after = kernel.collateralAfterPath(i);
        assertTrue(after >= 0 && after <= book.collateral(i), "path " + path + " account " + i);
        assertTrue(kernel.debtAfterPath(i) >= 0, "path " + path + " account " + i);
        lost += book.collateral(i) - after;
        debtGone += book.debt(i) - kernel.debtAfterPath(i);
      }
      assertTrue(out.collateralSeized <= lost + 1e-9 * book.totalCollateral(), "seized <= held");
      assertEquals(lost, out.collateralSeized + auctions[0] + auctions[1],
          1e-9 * book.totalCollateral(),
          "path " + path + ": barked = bought by keepers + given back + still in auction");
      double shortfall = out.badDebt - out.amountOf(OutcomeAmount.KEEPER_INCENTIVES);
      assertEquals(debtGone, out.debtRepaid + shortfall + auctions[2], 1e-9 * book.totalDebt(),
          "path " + path + ": barked debt = repaid + bad debt (less incentives) + still due");
      throttled += out.countOf(OutcomeCount.AUCTIONS_THROTTLED);
      resets += out.countOf(OutcomeCount.AUCTIONS_RESET);
      withBadDebt += shortfall > 0 ? 1 : 0;
    }
    assertTrue(throttled > 0 && resets > 0 && withBadDebt > 0,
        "the run exercises the limit, resets and losses: " + throttled + " " + resets + " "
            + withBadDebt);
  }
}
