package io.margincall.model.price;

import io.margincall.model.FdLibm;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;

/**
 * Log-returns of a real price series at the scenario's step, used as the market path: replayed
 * as they happened (every path the same market; oracle, congestion and liquidity stay random),
 * or resampled by the stationary bootstrap (Politis and Romano, "The stationary bootstrap",
 * JASA 1994): blocks of consecutive returns of geometric length with mean {@code L} steps, each
 * starting at a uniformly drawn return, wrapping around at the end. Blocks keep the series'
 * volatility clustering and fat tails.
 *
 * @param source where the returns came from, for messages
 * @param logReturns consecutive log-returns (returns across gaps are left out)
 * @param replay true: replay in order; false: stationary bootstrap
 * @param meanBlockSteps mean block length of the bootstrap, steps (>= 1)
 */
public record HistoricalReturns(String source, double[] logReturns, boolean replay,
                                double meanBlockSteps) implements Serializable {

  public HistoricalReturns {
    if (logReturns.length < 1) {
      throw new IllegalArgumentException(source + ": no returns");
    }
    if (!replay && !(meanBlockSteps >= 1)) {
      throw new IllegalArgumentException("bootstrap mean block length must be >= 1 step");
    }
  }

  /**
   * The returns of {@code series} at {@code stepSeconds} (resampled; finer steps are refused).
   * For a replay the series must have no gap: a replay cannot jump over missing bars.
   */
  public static HistoricalReturns of(PriceSeries series, long stepSeconds, boolean replay,
                                     double meanBlockSteps) {
    PriceSeries s = series.resample(stepSeconds);
    long[] t = s.epochSeconds();
    double[] c = s.closes();
    double[] r = new double[t.length - 1];
    int m = 0;
    for (int i = 0; i + 1 < t.length; i++) {
      if (t[i + 1] - t[i] == stepSeconds) {
        r[m++] = FdLibm.log(c[i + 1] / c[i]);
      } else if (replay) {
        throw new IllegalArgumentException(s.source() + ": a gap from " + Instant.ofEpochSecond(t[i])
            + " to " + Instant.ofEpochSecond(t[i + 1]) + "; a replay needs a window without gaps"
            + " (choose price.series.from / to around it)");
      }
    }
    return new HistoricalReturns(s.source(), Arrays.copyOf(r, m), replay, meanBlockSteps);
  }

  public int size() {
    return logReturns.length;
  }
}
