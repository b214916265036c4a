package io.margincall.bench;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.kernel.PathKernel;
import io.margincall.kernel.Scenario;
import io.margincall.protocol.PathOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How well common random numbers pair two sweep points of the ideal case, step by step and by
 * bridge ({@code sampling.crossing}): the paired and unpaired standard errors of the difference
 * in mean bad debt and in P(bad debt), for two points that differ in LT and two that differ in
 * oracle delay (figures in src/docs/performance.md).
 *   java -cp ... io.margincall.bench.CrossingPairs conf/bench/ideal-case.conf PATHS
 */
public final class CrossingPairs {
  private CrossingPairs() {}

  public static void main(String[] args) {
    Path conf = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    String[][] points = {
        {"protocol.liquidation-threshold=0.97", "protocol.liquidation-threshold=0.95"},
        {"oracle.delay=18000", "oracle.delay=12000"}};
    for (String[] pair : points) {
      for (String crossing : new String[] {"steps", "bridge"}) {
        PathKernel a = PathKernel.of(load(conf, crossing, pair[0]));
        PathKernel b = PathKernel.of(load(conf, crossing, pair[1]));
        PathOutcome oa = new PathOutcome();
        PathOutcome ob = new PathOutcome();
        Moments loss = new Moments();
        Moments bad = new Moments();
        for (long path = 0; path < n; path++) {
          a.run(path, oa);
          b.run(path, ob);
          loss.add(oa.badDebt, ob.badDebt);
          bad.add(oa.badDebt > 0 ? 1 : 0, ob.badDebt > 0 ? 1 : 0);
        }
        System.out.printf(Locale.ROOT, "%s vs %s, %s: mean bad debt diff %.3f paired se %.3f"
            + " unpaired se %.3f | P(bad) diff %.5f paired se %.5f unpaired se %.5f%n", pair[0],
            pair[1], crossing, loss.diff(n), loss.pairedSe(n), loss.unpairedSe(n), bad.diff(n),
            bad.pairedSe(n), bad.unpairedSe(n));
      }
    }
  }

  private static Scenario load(Path conf, String crossing, String set) {
    return ScenarioFactory.build(ScenarioSettings.load(conf,
        List.of("sampling.crossing=" + crossing, set)));
  }

  /** Sums of x, y, x - y and their squares over paths. */
  private static final class Moments {
    double x;
    double xx;
    double y;
    double yy;
    double d;
    double dd;

    void add(double a, double b) {
      x += a;
      xx += a * a;
      y += b;
      yy += b * b;
      d += a - b;
      dd += (a - b) * (a - b);
    }

    double diff(int n) {
      return d / n;
    }

    double pairedSe(int n) {
      return se(d, dd, n);
    }

    double unpairedSe(int n) {
      return Math.hypot(se(x, xx, n), se(y, yy, n));
    }

    private static double se(double sum, double squares, int n) {
      double m = sum / n;
      return Math.sqrt((squares / n - m * m) / n);
    }
  }
}
