package io.margincall.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.SweepPlan;
import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.PairedDifference;
import io.margincall.stats.SummaryFingerprint;
import io.margincall.stats.SweepAccumulator;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every point of a sweep sees the same random numbers per path. */
class CommonRandomNumbersTest {
  @TempDir
  Path dir;

  private SweepAccumulator run(String axes, SweepPlan[] planOut) throws IOException {
    return QuickstartSweep.run(dir, "run.paths = 4000\ntime.step = 60\n" + axes, planOut);
  }


  @Test
  void identicalPointsGiveIdenticalStatistics() throws IOException {
    SweepPlan[] plan = new SweepPlan[1];
    SweepAccumulator acc = run("sweep.axes.oracle.delay = [1800, 600, 1800]\n", plan);
    double dt = plan[0].points().get(0).settings().time().stepSeconds();
    String first = SummaryFingerprint.of(acc.point(0).summarize(dt));
    assertEquals(first, SummaryFingerprint.of(acc.point(2).summarize(dt)));
    assertTrue(!first.equals(SummaryFingerprint.of(acc.point(1).summarize(dt))),
        "a different delay should change something");
    assertTrue(acc.point(0).summarize(dt).badDebt().estimate() > 0, "the case needs bad debt");
    PairedDifference same = acc.badDebtDifference(2);
    assertEquals(0.0, same.mean(), 0.0);
    assertEquals(0.0, same.standardError(), 0.0);
  }

  /**
   * A small policy change (oracle delay 30 vs 31 minutes) on common random numbers: the paths
   * that make bad debt are nearly the same at both points, so the paired standard error of the
   * difference in mean bad debt must be far below the unpaired one, sqrt(se_a^2 + se_b^2).
   * "Far": under a third, i.e. a correlation between the points' losses above 1 - 1/18 = 0.94
   * (measured: 4.0 against 27.5 with these 4,000 paths, a seventh).
   */
  @Test
  void pairedStandardErrorIsFarBelowTheUnpairedOne() throws IOException {
    SweepPlan[] plan = new SweepPlan[1];
    SweepAccumulator acc = run("sweep.axes.oracle.delay = [1800, 1860]\n", plan);
    double dt = plan[0].points().get(0).settings().time().stepSeconds();
    BadDebtSummary a = acc.point(0).summarize(dt);
    BadDebtSummary b = acc.point(1).summarize(dt);
    double unpaired = Math.hypot(a.meanBadDebtStdErr(), b.meanBadDebtStdErr());
    PairedDifference d = acc.badDebtDifference(1);
    assertEquals(b.meanBadDebt() - a.meanBadDebt(), d.mean(), 1e-9 * Math.abs(b.meanBadDebt()) + 1e-9);
    assertTrue(unpaired > 0, "the case needs bad debt");
    assertTrue(d.standardError() < unpaired / 3,
        "paired s.e. " + d.standardError() + " vs unpaired " + unpaired);
  }
}
