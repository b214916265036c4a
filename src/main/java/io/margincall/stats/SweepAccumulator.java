package io.margincall.stats;

import java.io.Serializable;

/**
 * The statistics of every point of a sweep, and each point's path-by-path difference to the
 * baseline point, for bad debt and for the bad-debt indicator. Mergeable exactly, like its
 * parts; a partition, a sweep and a whole run merge the same way.
 */
public final class SweepAccumulator implements Mergeable<SweepAccumulator>, Serializable {
  private static final long serialVersionUID = 2L;

  private final BadDebtAccumulator[] points;
  private final PairedDifference[] badDebtDiff;
  private final PairedDifference[] indicatorDiff;
  private final LiquidationCosts[] costs;

  /** An empty accumulator for {@code pointCount} points of a run of {@code expectedPaths}. */
  public SweepAccumulator(int pointCount, long expectedPaths) {
    this(pointCount, expectedPaths, BadDebtAccumulator.UNBOUNDED);
  }

  /**
   * As {@link #SweepAccumulator(int, long)}, each point keeping at most {@code maxTailValues}
   * losses exactly (see {@link BadDebtAccumulator}).
   */
  public SweepAccumulator(int pointCount, long expectedPaths, int maxTailValues) {
    this(pointCount, expectedPaths, maxTailValues, false);
  }

  /**
   * As {@link #SweepAccumulator(int, long, int)}; {@code antithetic}: paths arrive in antithetic
   * pairs (see {@link BadDebtAccumulator}).
   */
  public SweepAccumulator(int pointCount, long expectedPaths, int maxTailValues,
                          boolean antithetic) {
    this(pointCount, expectedPaths, maxTailValues,
        antithetic ? PathSampling.ANTITHETIC : PathSampling.INDEPENDENT);
  }

  /**
   * As {@link #SweepAccumulator(int, long, int)}, for paths drawn as {@code sampling} says (see
   * {@link BadDebtAccumulator}); the sampling is the run's, the same at every point.
   */
  public SweepAccumulator(int pointCount, long expectedPaths, int maxTailValues,
                          PathSampling sampling) {
    points = new BadDebtAccumulator[pointCount];
    badDebtDiff = new PairedDifference[pointCount];
    indicatorDiff = new PairedDifference[pointCount];
    costs = new LiquidationCosts[pointCount];
    for (int p = 0; p < pointCount; p++) {
      points[p] = new BadDebtAccumulator(expectedPaths, maxTailValues, sampling);
      badDebtDiff[p] = new PairedDifference();
      indicatorDiff[p] = new PairedDifference();
      costs[p] = new LiquidationCosts();
    }
  }

  /**
   * Adds one path: its outcome at every point, and which point is the baseline. The paired
   * differences are of weighted values, {@code w_p y_p - w_b y_b}.
   */
  public void add(PathResult[] outcomes, int baseline) {
    // Weighted differences w_p y_p - w_b y_b: the importance-sampling estimate of the mean
    // difference; with weights 1 the multiplications are exact and change no bit.
    PathResult b = outcomes[baseline];
    double base = b.weight() * b.badDebt();
    double baseIndicator = b.weight() * (b.badDebt() > 0 ? 1 : 0);
    for (int p = 0; p < points.length; p++) {
      PathResult o = outcomes[p];
      points[p].add(o);
      badDebtDiff[p].add(o.weight() * o.badDebt() - base);
      indicatorDiff[p].add(o.weight() * (o.badDebt() > 0 ? 1 : 0) - baseIndicator);
      if (LiquidationCosts.comparable(o.firstLiquidations(), b.firstLiquidations())) {
        costs[p].add(o.firstLiquidations(), b.firstLiquidations());
      }
    }
  }

  @Override
  public void merge(SweepAccumulator other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a SweepAccumulator with itself");
    }
    if (other.points.length != points.length) {
      throw new IllegalArgumentException("cannot merge sweeps of " + points.length + " and "
          + other.points.length + " points");
    }
    for (int p = 0; p < points.length; p++) {
      points[p].merge(other.points[p]);
      badDebtDiff[p].merge(other.badDebtDiff[p]);
      indicatorDiff[p].merge(other.indicatorDiff[p]);
      costs[p].merge(other.costs[p]);
    }
  }

  public int pointCount() {
    return points.length;
  }

  public BadDebtAccumulator point(int p) {
    return points[p];
  }

  /** Point p minus the baseline, path by path: bad debt per path, USD. */
  public PairedDifference badDebtDifference(int p) {
    return badDebtDiff[p];
  }

  /** Point p minus the baseline, path by path: the indicator of bad debt > 0. */
  public PairedDifference badDebtIndicatorDifference(int p) {
    return indicatorDiff[p];
  }

  /**
   * Point p against the baseline, account by account on each path: liquidations it adds,
   * prevents, delays or advances. Empty when the outcomes did not record first liquidations.
   */
  public LiquidationCosts liquidationCosts(int p) {
    return costs[p];
  }
}
