package io.margincall.model.price;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.io.PriceSeriesCsv;
import io.margincall.kernel.PathStreams;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Historical replay and the stationary bootstrap against the series they come from. */
class HistoricalReturnsTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));
  private static final Path ETH_5M =
      ROOT.resolve("data-samples/prices/eth_usdt_binance_5m_2020-02-10_2020-03-31.csv");

  private static PriceSeries blackThursday() {
    return PriceSeriesCsv.read(ETH_5M, PriceSeriesCsv.GapPolicy.ALLOW)
        .between(1583971200L, 1584057900L);  // 2020-03-12T00:00Z .. 2020-03-13T00:05Z
  }

  @Test
  void replayWalksTheSeriesExactly() {
    PriceSeries day = blackThursday();
    HistoricalReturns h = HistoricalReturns.of(day, 300, true, 1);
    assertEquals(day.size() - 1, h.size());
    MarketModel model = new MarketModel(GeometricBrownianMotion.of(0, 0.8, 300), 0, null, null,
        null, h);
    MarketPath path = model.newPath();
    path.reset(PathStreams.stream(1, 0, PathStreams.PRICE), null, null);
    double x = Math.log(100);
    for (int t = 0; t < h.size(); t++) {
      x = path.next(x);
      // Scaled to start at 100: the price path is 100 x close_t / close_0.
      assertEquals(100 * day.close(t + 1) / day.close(0), Math.exp(x), 1e-9 * Math.exp(x), "t=" + t);
    }
  }

  @Test
  void replayRefusesAWindowWithAGapAndAFinerStep() {
    PriceSeries february = PriceSeriesCsv.read(ETH_5M, PriceSeriesCsv.GapPolicy.ALLOW)
        .between(1582070400L, 1582156800L);  // 2020-02-19, with its 70-bar outage
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HistoricalReturns.of(february, 300, true, 1));
    assertTrue(e.getMessage().contains("a replay needs a window without gaps"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> HistoricalReturns.of(blackThursday(), 60, true, 1));
    assertTrue(e.getMessage().contains("finer than the series resolution"), e.getMessage());
  }

  /**
   * Bootstrapped paths reproduce the sample's return variance and the lag-1 autocorrelation of
   * absolute returns (volatility clustering), which an i.i.d. resample would destroy. Each step
   * of the stationary bootstrap is a uniform draw from the sample (so moments match), and a
   * pair of consecutive steps is a consecutive pair of the sample (circularly) unless a block
   * starts between them, with probability 1/L, when the two are independent: so, measured
   * against the sample's own mean and variance of |r|, the expected lag-1 autocorrelation is
   * (1 - 1/L) times the sample's circular one, exactly. Estimated over 400 independent paths of
   * the series' length; tolerance 4 standard errors of the mean over paths.
   */
  @Test
  void bootstrapKeepsVarianceAndVolatilityClustering() {
    PriceSeries all = PriceSeriesCsv.read(ETH_5M, PriceSeriesCsv.GapPolicy.ALLOW);
    double blockSteps = 48;  // four hours of 5-minute returns
    HistoricalReturns h = HistoricalReturns.of(all, 300, false, blockSteps);
    double[] r = h.logReturns();
    double sampleVar = variance(r);
    double absMean = 0;
    for (double v : r) {
      absMean += Math.abs(v);
    }
    absMean /= r.length;
    double absVar = 0;
    for (double v : r) {
      absVar += (Math.abs(v) - absMean) * (Math.abs(v) - absMean);
    }
    absVar /= r.length;
    double sampleAcf = 0;
    for (int i = 0; i < r.length; i++) {
      double prev = r[i == 0 ? r.length - 1 : i - 1];
      sampleAcf += (Math.abs(r[i]) - absMean) * (Math.abs(prev) - absMean);
    }
    sampleAcf /= r.length * absVar;
    assertTrue(sampleAcf > 0.2, "the sample should cluster: " + sampleAcf);

    MarketModel model = new MarketModel(GeometricBrownianMotion.of(0, 0.8, 300), 0, null, null,
        null, h);
    MarketPath path = model.newPath();
    int paths = 400;
    double[] vars = new double[paths];
    double[] acfs = new double[paths];
    double[] iidAcfs = new double[paths];
    for (int p = 0; p < paths; p++) {
      path.reset(PathStreams.stream(7, p, PathStreams.PRICE), null, null);
      double[] x = new double[r.length];
      double level = 0;
      for (int t = 0; t < r.length; t++) {
        double next = path.next(level);
        x[t] = next - level;
        level = next;
      }
      vars[p] = variance(x);
      double c = 0;
      for (int t = 1; t < x.length; t++) {
        c += (Math.abs(x[t]) - absMean) * (Math.abs(x[t - 1]) - absMean);
      }
      acfs[p] = c / ((x.length - 1) * absVar);
      // An i.i.d. resample of the same returns, for contrast: its clustering is gone.
      var rng = PathStreams.stream(8, p, PathStreams.PRICE);
      double[] iid = new double[r.length];
      for (int t = 0; t < r.length; t++) {
        iid[t] = r[rng.nextInt(r.length)];
      }
      iidAcfs[p] = absAutocorrelation(iid);
    }
    double meanVar = mean(vars);
    assertEquals(sampleVar, meanVar, 4 * sd(vars, meanVar) / Math.sqrt(paths), "variance");
    double meanAcf = mean(acfs);
    assertEquals(sampleAcf * (1 - 1 / blockSteps), meanAcf, 4 * sd(acfs, meanAcf) / Math.sqrt(paths),
        "lag-1 autocorrelation of |r|");
    assertTrue(Math.abs(mean(iidAcfs)) < 0.05, "i.i.d. resampling loses the clustering");
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double variance(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }

  private static double sd(double[] x, double m) {
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  private static double absAutocorrelation(double[] x) {
    double[] a = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      a[i] = Math.abs(x[i]);
    }
    double m = mean(a);
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      den += (a[i] - m) * (a[i] - m);
      if (i > 0) {
        num += (a[i] - m) * (a[i - 1] - m);
      }
    }
    return num / den;
  }
}
