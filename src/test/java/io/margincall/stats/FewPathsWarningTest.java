package io.margincall.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The summary names the figures that rest on fewer than 50 paths with bad debt. */
class FewPathsWarningTest {

  private static BadDebtSummary run(int paths, int withBadDebt) {
    BadDebtAccumulator acc = new BadDebtAccumulator(paths);
    for (int i = 0; i < paths; i++) {
      acc.add(new LossOnly(i < withBadDebt ? 100.0 + i : 0.0));
    }
    return acc.summarize(12);
  }

  @Test
  void countsThePathsEachLevelRestsOn() {
    // 20,000 paths, 300 with bad debt: the worst 1,000 / 200 / 20 hold 300 / 200 / 20 of them.
    BadDebtSummary s = run(20_000, 300);
    assertEquals(300, s.pathsWithBadDebt());
    assertEquals(300, s.tailPaths(950));
    assertEquals(200, s.tailPaths(990));
    assertEquals(20, s.tailPaths(999));
    assertEquals("var_999/es_999 (20)", s.fewPathsWarning());
  }

  @Test
  void namesEveryFigureOnFewPaths() {
    BadDebtSummary s = run(2000, 12);
    assertEquals("p_bad_debt (12), var_95/es_95 (12), var_99/es_99 (12), var_999/es_999 (2)",
        s.fewPathsWarning());
    assertEquals("", run(100_000, 5000).fewPathsWarning());
  }
}
