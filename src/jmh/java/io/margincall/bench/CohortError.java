package io.margincall.bench;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.kernel.PathKernel;
import io.margincall.kernel.Scenario;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What binned cohorts ({@code accounts.cohorts}) cost in accuracy and save in time: runs a
 * scenario's book as it is and compressed at each width given, on the same paths (common random
 * numbers), on one thread, and prints per width the mean bad debt, P(bad debt), the mean
 * liquidation count, each with the paired difference from the
 * uncompressed book and its standard error, and the thread CPU time per path-step of each.
 *
 * <p>Usage: {@code CohortError SCENARIO.conf PATHS WIDTH[/SIZE-WIDTH][,...] [key=value ...]}:
 * each width a log-width of the triggers' bins, optionally with a log-width of the debts' bins
 * (as {@code AccountBook.cohorts(double, double)}: 0 equal debts only; none: any size).
 */
public final class CohortError {
  private CohortError() {}

  public static void main(String[] args) {
    List<String> sets = new ArrayList<>();
    for (int k = 3; k < args.length; k++) {
      sets.add(args[k]);
    }
    int paths = Integer.parseInt(args[1]);
    Scenario book = ScenarioFactory.build(ScenarioSettings.load(Path.of(args[0]), sets));
    double[][] exact = run(book, paths);
    System.out.printf(Locale.ROOT, "%s, %,d paths, %,d accounts%n", args[0], paths,
        book.book().accountCount());
    System.out.printf(Locale.ROOT, "%-10s %8s %14s %14s %11s %11s %12s %12s %11s%n", "width",
        "cohorts", "mean bad debt", "diff +- se", "P(bad)", "diff +- se", "liquidations",
        "diff +- se", "cpu ns/step");
    print("none", book.book().size(), exact, exact);
    for (String w : args[2].split(",")) {
      String[] widths = w.split("/");
      AccountBook compressed = book.book().cohorts(Double.parseDouble(widths[0]),
          widths.length > 1 ? Double.parseDouble(widths[1]) : Double.POSITIVE_INFINITY);
      Scenario cohorts = book.toBuilder().book(compressed).build();
      print(w, cohorts.book().size(), run(cohorts, paths), exact);
    }
  }

  private static void print(String width, int size, double[][] r, double[][] exact) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s %,8d", width, size));
    String[] formats = {" %14.2f %14s", " %11.5f %11s", " %12.1f %12s"};
    String[] diffs = {"%+.2f+-%.2f", "%+.5f+-%.5f", "%+.1f+-%.1f"};
    for (int k = 0; k < 3; k++) {
      double[] d = paired(r[k], exact[k]);
      line.append(String.format(Locale.ROOT, formats[k], mean(r[k]),
          String.format(Locale.ROOT, diffs[k], d[0], d[1])));
    }
    line.append(String.format(Locale.ROOT, " %11.1f", r[3][0]));
    System.out.println(line);
  }

  /** Per path: bad debt, bad-debt indicator, liquidations; r[3][0]: CPU ns per path-step. */
  private static double[][] run(Scenario s, int paths) {
    PathKernel kernel = PathKernel.of(s);
    PathOutcome out = new PathOutcome();
    for (long path = 0; path < Math.min(paths, 200); path++) {
      kernel.run(1_000_000_000L + path, out);  // warm-up
    }
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    double[][] r = new double[4][paths];
    for (int p = 0; p < paths; p++) {
      kernel.run(p, out);
      r[0][p] = out.badDebt;
      r[1][p] = out.badDebt > 0 ? 1 : 0;
      r[2][p] = out.countOf(OutcomeCount.LIQUIDATIONS);
    }
    r[3][0] = (threads.getCurrentThreadCpuTime() - cpu) / (double) paths / s.steps();
    return r;
  }

  private static double mean(double[] a) {
    double m = 0;
    for (double x : a) {
      m += x / a.length;
    }
    return m;
  }

  /** Mean and standard error of the paired differences a - b. */
  private static double[] paired(double[] a, double[] b) {
    int n = a.length;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = a[i] - b[i];
    }
    double m = mean(d);
    double ss = 0;
    for (double x : d) {
      ss += (x - m) * (x - m);
    }
    return new double[] {m, Math.sqrt(ss / (n - 1) / n)};
  }
}
