package io.margincall.kernel;

import io.margincall.model.price.ImportanceTilt;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeCount;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The automatic importance-sampling tilt ({@code sampling.importance.tilt = auto}): the
 * cross-entropy method (Rubinstein and Kroese, "The Cross-Entropy Method", 2004) on small pilot
 * runs, fitting the mean theta of the normal price shocks to the paths with bad debt.
 *
 * <p>Each iteration runs {@code pilotPaths} paths at the current theta and picks the elite: the
 * paths with bad debt if at least {@link #ELITE} of them have it (the event is reached), else
 * the {@link #ELITE} share of paths closest to it (bad debt, then most liquidations, then the
 * lowest mean shock: the multi-level form for an event too rare to see at first). The next
 * theta is the likelihood-ratio-weighted maximum-likelihood mean of the elite's shocks,
 * {@code sum w_i S_i / sum w_i n_i} (S_i the sum of path i's n_i shocks, w_i its likelihood
 * ratio to the untilted law). It stops once the event is reached (after that update) or after
 * {@link #MAX_ITERATIONS}. The intermediate levels push prices down: a book that fails on a
 * rise (short perps) needs the manual tilt.
 *
 * <p>The pilot draws from path indices of its own, far beyond any run's ({@link #PILOT_BASE}),
 * so the run's paths are untouched and the chosen theta is the same for the same config: the
 * run that follows is an importance-sampled run at a fixed tilt, unbiased whatever theta is.
 */
public final class CrossEntropyTilt {
  /** The share of the pilot's paths in the elite. */
  public static final double ELITE = 0.1;
  public static final int MAX_ITERATIONS = 8;
  /** The first path index of the pilot's streams: beyond run.paths' limit of 10^9. */
  static final long PILOT_BASE = 1L << 50;

  private CrossEntropyTilt() {}

  /**
   * The tilt chosen, the iterations it took, and whether the last pilot reached the event
   * (at least {@link #ELITE} of its paths with bad debt).
   */
  public record Choice(double tilt, int iterations, boolean reached, long eventPaths) {}

  /** Chooses the drift tilt for {@code scenario} (its jump tilt, if any, is kept as given). */
  public static Choice choose(Scenario scenario, int pilotPaths) {
    if (pilotPaths < 10) {
      throw new IllegalArgumentException("a pilot needs at least 10 paths, got " + pilotPaths);
    }
    ImportanceTilt given = scenario.tilt();
    double theta = given.drift();
    int eliteSize = (int) Math.ceil(ELITE * pilotPaths);
    PathOutcome out = new PathOutcome();
    for (int it = 1; it <= MAX_ITERATIONS; it++) {
      Scenario pilot = scenario.toBuilder().tilt(new ImportanceTilt(theta,
          given.jumpIntensityFactor(), given.jumpLogMeanShift())).build();
      PathSimulator kernel = new PathSimulator(pilot, true, true);
      double[] badDebt = new double[pilotPaths];
      long[] liquidations = new long[pilotPaths];
      double[] shockSum = new double[pilotPaths];
      long[] shockCount = new long[pilotPaths];
      double[] logWeight = new double[pilotPaths];
      long events = 0;
      long first = PILOT_BASE + (long) (it - 1) * pilotPaths;
      for (int i = 0; i < pilotPaths; i++) {
        kernel.run(first + i, out);
        badDebt[i] = out.badDebt();
        liquidations[i] = out.countOf(OutcomeCount.LIQUIDATIONS);
        shockSum[i] = kernel.shockSum();
        shockCount[i] = kernel.shockCount();
        logWeight[i] = kernel.logLikelihoodRatio();
        events += badDebt[i] > 0 ? 1 : 0;
      }
      boolean reached = events >= eliteSize;
      Integer[] order = new Integer[pilotPaths];
      for (int i = 0; i < pilotPaths; i++) {
        order[i] = i;
      }
      // Closest to bad debt first; the index last, so the order is total and reproducible.
      Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -badDebt[i])
          .thenComparingLong(i -> -liquidations[i])
          .thenComparingDouble(i -> shockSum[i] / Math.max(1, shockCount[i]))
          .thenComparingInt(i -> i));
      int n = reached ? (int) events : eliteSize;
      double maxLog = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        maxLog = Math.max(maxLog, logWeight[order[k]]);
      }
      double sum = 0;
      double count = 0;
      for (int k = 0; k < n; k++) {  // weights scaled by exp(-maxLog): the ratio is the same
        int i = order[k];
        double w = StrictMath.exp(logWeight[i] - maxLog);
        sum += w * shockSum[i];
        count += w * shockCount[i];
      }
      if (count > 0) {
        theta = Math.max(-10, Math.min(10, sum / count));
      }
      if (reached || it == MAX_ITERATIONS) {
        return new Choice(theta, it, reached, events);
      }
    }
    throw new AssertionError("unreachable");
  }
}
