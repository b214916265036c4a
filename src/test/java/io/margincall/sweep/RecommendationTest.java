package io.margincall.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.stats.BadDebtAccumulator;
import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.OutcomeCount;
import io.margincall.stats.PathResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationTest {

  /** A summary of n paths, k of which have bad debt 1000. */
  private static BadDebtSummary summary(int n, int k) {
    BadDebtAccumulator acc = new BadDebtAccumulator(n);
    for (int i = 0; i < n; i++) {
      double loss = i < k ? 1000 : 0;
      acc.add(new PathResult() {
        public double badDebt() { return loss; }
        public double insuranceDraw() { return 0; }
        public double socializedLoss() { return loss; }
        public boolean fundExhausted() { return loss > 0; }
        public double horizonShortfall() { return 0; }
        public long countOf(OutcomeCount c) { return c == OutcomeCount.LIQUIDATIONS ? 1 : 0; }
        public double amountOf(io.margincall.stats.OutcomeAmount a) { return 0; }
        public int firstBadDebtStep() { return 1; }
        public long submissions() { return 0; }
        public long inclusionWaitSteps() { return 0; }
        public double meanOracleGap() { return 0; }
        public double minMarketToOracle() { return 0; }
      });
    }
    return acc.summarize(12);
  }

  @Test
  void picksTheLargestValueWhoseUpperBoundMeetsTheTargetPerGroup() {
    // Threshold (LT) axis x delay axis. Bad-debt counts of 10,000 paths.
    int[][] counts = {{0, 2, 40}, {0, 50, 300}};  // [delay][lt]
    List<Object> lts = List.of(0.8, 0.85, 0.9);
    List<Object> delays = List.of(0L, 600L);
    List<Recommendation.Candidate> candidates = new ArrayList<>();
    int point = 0;
    for (int d = 0; d < 2; d++) {
      for (int l = 0; l < 3; l++) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("oracle.delay", delays.get(d));
        values.put("protocol.liquidation-threshold", lts.get(l));
        candidates.add(new Recommendation.Candidate(point++, values, summary(10_000, counts[d][l]), 0));
      }
    }
    Map<String, List<Object>> axes = new LinkedHashMap<>();
    axes.put("oracle.delay", delays);
    axes.put("protocol.liquidation-threshold", lts);
    Target target = Target.parse("P(bad debt) <= 0.001");
    List<Recommendation.Choice> choices = Recommendation.recommend(candidates,
        List.of("oracle.delay", "protocol.liquidation-threshold"), axes,
        "protocol.liquidation-threshold", true, target);
    assertEquals(2, choices.size());
    // delay 0: 2/10000 has Wilson upper bound 7.3e-4 <= 1e-3: LT 0.85; 40/10000 does not.
    assertEquals("oracle.delay=0", choices.get(0).group());
    assertEquals(0.85, choices.get(0).value());
    assertTrue(choices.get(0).met() && choices.get(0).high() <= 0.001);
    // delay 600: only LT 0.8 (0 bad paths) meets it.
    assertEquals(0.8, choices.get(1).value());
    // Preferring the smallest value gives 0.8 in both groups.
    List<Recommendation.Choice> min = Recommendation.recommend(candidates,
        List.of("oracle.delay", "protocol.liquidation-threshold"), axes,
        "protocol.liquidation-threshold", false, target);
    assertEquals(0.8, min.get(0).value());
    // A target nothing meets: no value, and the closest point's figures.
    List<Recommendation.Choice> none = Recommendation.recommend(candidates,
        List.of("oracle.delay", "protocol.liquidation-threshold"), axes,
        "protocol.liquidation-threshold", true, Target.parse("P(bad debt) <= 0.0001"));
    assertFalse(none.get(1).met());
    assertNull(none.get(1).value());
  }

  @Test
  void targetsParseAndRejectWithAHint() {
    Target t = Target.parse("ES99 <= 0.1 * insurance");
    assertEquals("es_99", t.metric());
    assertTrue(t.relativeToInsurance());
    assertEquals(25_000, t.bound(250_000), 1e-9);
    assertEquals("p_bad_debt", Target.parse("p_bad_debt<=1e-3").metric());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Target.parse("ES98 <= 3"));
    assertTrue(e.getMessage().contains("unknown metric"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Target.parse("P(bad debt) < 0.1"));
  }
}
