package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.gas.CongestionRules;
import io.margincall.model.liquidity.LinearDepth;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.MarketModel;
import io.margincall.protocol.FundingRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.PerpBook;
import io.margincall.protocol.PerpKeeperReward;
import io.margincall.protocol.PerpRules;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import org.junit.jupiter.api.Test;

/**
 * Perp positions closed by outside keepers for a reward: the keeper's profit check under
 * congestion, and where the reward comes from. The gas market here has no noise: 100 gwei,
 * 1,000,000 gas units at a gas token of 1,000 USD, so every close costs the keeper exactly
 * 100 USD, and its bid (1,000 gwei) is above the gas price, so nothing waits for inclusion.
 */
class PerpKeeperRewardTest {
  private static final CongestionRules GAS_100_USD = new CongestionRules(
      100, 1, 0, 0, 1, 0, 1, 1, 1_000_000, 1_000, 3, 1_000, 1_000, 100);

  private static Scenario scenario(PerpKeeperReward reward) {
    PerpBook book = PerpetualFuturesTest.mixedBook(150, 71);
    MarketModel market = MarketModel.of(GeometricBrownianMotion.of(0, 2.0, 60));
    return PerpetualFuturesTest.perps(73, market, 1440, 60, 2000, new OracleRules(2, 0, 0), book,
            new PerpRules(0.005, PerpRules.AdlRanking.OFF, FundingRules.none(), 0, reward),
            1e9, new LinearDepth(5_000_000, 1), 0.2)
        .toBuilder().congestion(GAS_100_USD).build();
  }

  /**
   * A keeper paid 150 USD per close against a 100 USD gas cost closes exactly what the venue's
   * engine closes, at the same steps and prices (the reward is paid at the close, so it moves no
   * trigger, and ADL is off), and earns 150 USD per liquidation. The reward comes out of the
   * positions' equity before the fee: per close, the loss beyond margin grows and the fee
   * shrinks by at most the reward together (1e-6 USD: rounding of sums of ~1e6 USD amounts).
   */
  @Test
  void aKeeperPaidAboveItsGasClosesWhatTheVenueCloses() {
    PathSimulator venue = new PathSimulator(scenario(null));
    PathSimulator keepers = new PathSimulator(scenario(new PerpKeeperReward(0, 150, 150)));
    PathOutcome v = new PathOutcome();
    PathOutcome k = new PathOutcome();
    long liquidations = 0;
    long losses = 0;
    double extraLoss = 0;
    for (long path = 0; path < 100; path++) {
      venue.run(path, v);
      keepers.run(path, k);
      assertEquals(v.countOf(OutcomeCount.LIQUIDATIONS), k.countOf(OutcomeCount.LIQUIDATIONS),
          "path " + path);
      assertEquals(v.firstLiquidationStep, k.firstLiquidationStep, "path " + path);
      assertEquals(0, k.countOf(OutcomeCount.UNPROFITABLE_AFTER_FEES), "path " + path);
      assertEquals(150.0 * k.countOf(OutcomeCount.LIQUIDATIONS),
          k.amountOf(OutcomeAmount.PERP_KEEPER_REWARDS), 1e-9, "path " + path);
      assertEquals(0, v.amountOf(OutcomeAmount.PERP_KEEPER_REWARDS), "path " + path);
      // The reward comes out of the equity first: a bankrupt position's loss beyond margin
      // grows by it, a solvent one's fee can only shrink; never more than the rewards paid.
      double moreLoss = k.amountOf(OutcomeAmount.PERP_BAD_DEBT)
          - v.amountOf(OutcomeAmount.PERP_BAD_DEBT);
      double lessFees = v.amountOf(OutcomeAmount.PERP_LIQUIDATION_FEES)
          - k.amountOf(OutcomeAmount.PERP_LIQUIDATION_FEES);
      double paid = k.amountOf(OutcomeAmount.PERP_KEEPER_REWARDS);
      assertTrue(moreLoss >= -1e-6 && lessFees >= -1e-6 && moreLoss + lessFees <= paid + 1e-6,
          "path " + path + ": loss +" + moreLoss + ", fees -" + lessFees + ", rewards " + paid);
      extraLoss += moreLoss;
      assertEquals(k.badDebt, k.insuranceDraw + k.socializedLoss, 1e-9 * Math.max(1, k.badDebt),
          "path " + path);
      liquidations += k.countOf(OutcomeCount.LIQUIDATIONS);
      losses += v.badDebt > 0 ? 1 : 0;
    }
    assertTrue(liquidations > 500 && losses > 10,
        "the case needs closes and losses: " + liquidations + ", " + losses);
    assertTrue(extraLoss > 150 * 10, "bankrupt closes must have paid rewards: " + extraLoss);
  }

  /**
   * A keeper paid 50 USD against a 100 USD gas cost takes no close: every eligible position is
   * skipped (counted unprofitable after fees), stays open while it is solvent at the market, and
   * the venue closes it itself, unpaid, once it is bankrupt; so nothing is liquidated, no reward
   * is paid, and the loss beyond margin is at least the venue's (its closes come later).
   */
  @Test
  void aKeeperPaidBelowItsGasTakesNothingAndTheVenueClosesTheBankrupt() {
    PathSimulator venue = new PathSimulator(scenario(null));
    PathSimulator keepers = new PathSimulator(scenario(new PerpKeeperReward(0, 50, 50)));
    PathOutcome v = new PathOutcome();
    PathOutcome k = new PathOutcome();
    long closeOuts = 0;
    long worse = 0;
    for (long path = 0; path < 100; path++) {
      venue.run(path, v);
      keepers.run(path, k);
      assertEquals(0, k.countOf(OutcomeCount.LIQUIDATIONS), "path " + path);
      assertEquals(0, k.amountOf(OutcomeAmount.PERP_KEEPER_REWARDS), "path " + path);
      assertTrue(k.countOf(OutcomeCount.UNPROFITABLE_AFTER_FEES)
          >= k.countOf(OutcomeCount.PROTOCOL_CLOSE_OUTS), "path " + path);
      if (v.countOf(OutcomeCount.LIQUIDATIONS) > 0) {
        assertTrue(k.countOf(OutcomeCount.UNPROFITABLE_AFTER_FEES) > 0, "path " + path);
      }
      assertEquals(k.badDebt, k.insuranceDraw + k.socializedLoss, 1e-9 * Math.max(1, k.badDebt),
          "path " + path);
      closeOuts += k.countOf(OutcomeCount.PROTOCOL_CLOSE_OUTS);
      worse += k.badDebt + k.horizonShortfall > v.badDebt + v.horizonShortfall ? 1 : 0;
    }
    assertTrue(closeOuts > 100, "the case needs bankrupt positions: " + closeOuts);
    assertTrue(worse > 10, "skipped closes should cost something: " + worse);
  }
}
