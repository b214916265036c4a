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
  void securityHoldShowsAPostedValueHoldStepsLater() {
    // Posts every step (deviation 0); hold 3: the protocol reads the market of 3 steps ago.
    double[] seen = feed(new OracleRules(0, 0, 0, 3, 0, 0, 0));
    for (int t = 1; t < MARKET.length; t++) {
      assertEquals(t >= 3 ? MARKET[t - 3] : MARKET[0], seen[t], 0.0, "t=" + t);
    }
  }

  @Test
  void twapIsTheGeometricMeanOfTheLastWindow() {
    double[] seen = feed(new OracleRules(0, 0, 0, 0, 4, 0, 0));
    for (int t = 1; t < MARKET.length; t++) {
      double sum = 0;
      for (int k = t - 3; k <= t; k++) {
        sum += k >= 1 ? MARKET[k] : MARKET[0];
      }
      assertEquals(sum / 4, seen[t], 1e-12, "t=" + t);
    }
  }

  /**
   * Outages start with probability q per step that is up and last ceil(X) steps, X exponential:
   * a renewal cycle is a geometric run of (1 - q) / q up steps then an outage of mean length
   * L = E[ceil X] = 1 / (1 - exp(-1 / mean)), so the long-run share of steps down is
   * L / (L + (1 - q) / q). Standard error from the spread over independent paths.
   */
  @Test
  void outagesSuppressPostsForTheirShareOfTime() {
    double q = 0.002;
    double mean = 50;
    OracleRules rules = new OracleRules(0, 0, 0, 0, 0, q, mean);
    OracleFeed feed = rules.newFeed();
    int paths = 100;
    int steps = 50_000;
    double[] share = new double[paths];
    for (int p = 0; p < paths; p++) {
      feed.reset(0, io.margincall.kernel.PathStreams.stream(3, p, io.margincall.kernel.PathStreams.ORACLE));
      for (int t = 1; t <= steps; t++) {
        feed.update(t, 0.001 * t);
      }
      share[p] = feed.outageSteps() / (double) steps;
      assertEquals(steps - feed.outageSteps(), feed.posts(), "deviation 0 posts whenever up");
    }
    double m = java.util.Arrays.stream(share).average().orElseThrow();
    double sd = Math.sqrt(java.util.Arrays.stream(share).map(x -> (x - m) * (x - m)).sum() / (paths - 1));
    double length = 1 / -Math.expm1(-1 / mean);
    double expected = length / (length + (1 - q) / q);
    assertEquals(expected, m, 4 * sd / Math.sqrt(paths), "share in outage");
  }

  @Test
  void aCongestedPushIsPostedWhenIncluded() {
    OracleFeed feed = OracleRules.ideal().newFeed();
    feed.reset(MARKET[0]);
    // Step 1: the push of 101 waits 2 steps; nothing else is submitted meanwhile.
    assertEquals(MARKET[0], feed.update(1, MARKET[1], 2), 0.0);
    assertEquals(MARKET[0], feed.update(2, MARKET[2], 2), 0.0);
    // Step 3: 101 is included; one oracle transaction per block, so nothing else is submitted.
    assertEquals(MARKET[1], feed.update(3, MARKET[3], 0), 0.0);
    // Step 4: 98 is submitted and waits one step; step 5 includes it.
    assertEquals(MARKET[1], feed.update(4, MARKET[4], 1), 0.0);
    assertEquals(MARKET[4], feed.update(5, MARKET[5], 0), 0.0);
    // Step 6: free again, and no congestion: 104.8 is submitted and included at once.
    assertEquals(MARKET[6], feed.update(6, MARKET[6], 0), 0.0);
  }

  /**
   * Congested pushes with a security hold, against a reference written from the rules
   * (src/docs/model.md): deviation 0 submits whenever no push is pending; a push waits its
   * inclusion delay; a step includes at most one push (the next is submitted the step after);
   * the protocol reads the last value included at least {@code hold} steps ago. Random waits of
   * 0-3 steps over 300 steps: every read must match, so no value is lost in the hold queue.
   */
  @Test
  void holdAfterCongestedInclusionsMatchesAReference() {
    int hold = 3;
    OracleFeed feed = new OracleRules(0, 0, 0, hold, 0, 0, 0).newFeed();
    feed.reset(0);
    java.util.Random random = new java.util.Random(4);
    java.util.List<double[]> included = new java.util.ArrayList<>();  // {step, value}
    double pendingValue = 0;
    int pendingAt = 0;
    for (int t = 1; t < 300; t++) {
      double market = 0.001 * t;
      int delay = random.nextInt(4);
      boolean includedNow = false;
      if (pendingAt > 0 && t >= pendingAt) {
        included.add(new double[] {t, pendingValue});
        pendingAt = 0;
        includedNow = true;
      }
      if (!includedNow && pendingAt == 0) {
        if (delay == 0) {
          included.add(new double[] {t, market});
        } else {
          pendingValue = market;
          pendingAt = t + delay;
        }
      }
      double expected = 0;
      for (double[] inclusion : included) {
        if (inclusion[0] <= t - hold) {
          expected = inclusion[1];
        }
      }
      assertEquals(expected, feed.update(t, market, delay), 0.0, "t=" + t);
    }
    assertEquals(included.size(), feed.posts());
  }

  @Test
  void rejectsRulesOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> new OracleRules(-1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new OracleRules(0, 1.0, 0));
    assertThrows(IllegalArgumentException.class, () -> new OracleRules(0, -0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> new OracleRules(0, 0, -5));
  }
}
