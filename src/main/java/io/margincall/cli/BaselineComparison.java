package io.margincall.cli;

import io.margincall.io.PointStatistics;
import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.LiquidationCosts;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The sweep's second table: what each point buys and costs against the baseline, path by path
 * on the same random numbers: the paired change in P(bad debt) and in mean bad debt with their
 * paired 95 % intervals, and the users it liquidates that the baseline did not, those it spares,
 * how much later it liquidates the others, and what keepers earn.
 */
final class BaselineComparison {
  private static final double Z95 = 1.959963984540054;

  private BaselineComparison() {}

  static void print(PrintStream out, List<PointStatistics> points) {
    out.printf(Locale.ROOT, "  vs baseline, same paths (paired 95%% intervals; accounts per path):%n");
    out.printf(Locale.ROOT, "  %-5s %-30s %-34s %10s %10s %9s %12s%n", "point",
        "P(bad debt) change", "mean bad debt change, USD", "false pos.", "prevented",
        "delay", "keeper USD");
    for (PointStatistics q : points) {
      BadDebtSummary r = q.summary();
      double keepers = r.keeperRevenueMean();
      if (q.point() == q.baseline()) {
        out.printf(Locale.ROOT, "  %-5d %-30s %-34s %10s %10s %9s %,12.2f%n", q.point(),
            "baseline", "", "", "", "", keepers);
        continue;
      }
      String p = String.format(Locale.ROOT, "%+.5f [%+.5f, %+.5f]", q.pBadDebtDiff(),
          q.pBadDebtDiff() - Z95 * q.pBadDebtDiffSe(), q.pBadDebtDiff() + Z95 * q.pBadDebtDiffSe());
      String m = String.format(Locale.ROOT, "%+,.2f [%+,.2f, %+,.2f]", q.badDebtDiff(),
          q.badDebtDiff() - Z95 * q.badDebtDiffSe(), q.badDebtDiff() + Z95 * q.badDebtDiffSe());
      LiquidationCosts k = q.liquidationCosts();
      if (k == null) {  // another book: its accounts are not the baseline's
        out.printf(Locale.ROOT, "  %-5d %-30s %-34s %10s %10s %9s %,12.2f%n", q.point(), p, m,
            "-", "-", "-", keepers);
        continue;
      }
      double n = k.paths();
      out.printf(Locale.ROOT, "  %-5d %-30s %-34s %10.3f %10.3f %9s %,12.2f%n", q.point(), p, m,
          k.falsePositives() / n, k.prevented() / n,
          k.both() == 0 ? "-" : String.format(Locale.ROOT, "%+.2f", k.meanDelaySteps()), keepers);
    }
    out.printf(Locale.ROOT, "  (false pos.: accounts liquidated here, not at the baseline; prevented:"
        + " the reverse; delay: mean steps later of the first liquidation of accounts liquidated at"
        + " both, - when none; false pos. and prevented -: another book, not compared)%n");
  }
}
