package io.margincall.model.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OracleFeedTest {
  private static final double[] MARKET = {
      Math.log(100), Math.log(101), Math.log(99), Math.log(99.2), Math.log(98),
      Math.log(105), Math.log(104.9), Math.log(104.8), Math.log(104.7), Math.log(104.6)};

  private static double[] feed(OracleRules rules) {
    OracleFeed feed = rules.newFeed();
    feed.reset(MARKET[0]);
    double[] seen = new double[MARKET.length];
    seen[0] = MARKET[0];
    for (int t = 1; t < MARKET.length; t++) {
      seen[t] = feed.update(t, MARKET[t]);
    }
    return seen;
  }

  @Test
  void idealOraclePostsTheMarketEveryStep() {
    assertEquals(java.util.Arrays.toString(MARKET), java.util.Arrays.toString(feed(OracleRules.ideal())));
  }

  @Test
  void delayShowsThePriceOfDStepsAgoAndTheInitialPriceBefore() {
    for (int d = 1; d <= 4; d++) {
      double[] seen = feed(new OracleRules(d, 0, 0));
      for (int t = 1; t < MARKET.length; t++) {
        assertEquals(t >= d ? MARKET[t - d] : MARKET[0], seen[t], 0.0, "d=" + d + " t=" + t);
      }
    }
  }

  @Test
  void deviationThresholdPostsOnlyLargeEnoughMoves() {
    // 1.5 %: 101 (+1 %) is not posted, 99 (-1 % from 100) not, 98 (-2 %) is, 105 (+7.1 %) is,
    // then the drift to 104.6 (-0.38 %) is not.
    double[] seen = feed(new OracleRules(0, 0.015, 0));
    double[] expected = {100, 100, 100, 100, 98, 105, 105, 105, 105, 105};
    for (int t = 0; t < expected.length; t++) {
      assertEquals(Math.log(expected[t]), seen[t], 1e-12, "t=" + t);
    }
  }

  @Test
  void heartbeatForcesAPostWithoutAMove() {
    double[] seen = feed(new OracleRules(0, 0.5, 3));
    double[] expected = {100, 100, 100, 99.2, 99.2, 99.2, 104.9, 104.9, 104.9, 104.6};
    for (int t = 0; t < expected.length; t++) {
      assertEquals(Math.log(expected[t]), seen[t], 1e-12, "t=" + t);
    }
  }

  @Test
  void rejectsRulesOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> new OracleRules(-1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new OracleRules(0, 1.0, 0));
    assertThrows(IllegalArgumentException.class, () -> new OracleRules(0, -0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> new OracleRules(0, 0, -5));
  }
}
