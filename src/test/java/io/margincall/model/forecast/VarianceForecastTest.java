package io.margincall.model.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The forecasts recomputed independently on a fixed return series: the EWMA as its explicit
 * weighted sum, GARCH(1,1)'s one-step variance unrolled into its sum of past squared returns
 * and its h-step variance as the sum of the k-step expectations iterated one step at a time.
 */
class VarianceForecastTest {
  // A calm stretch, a crash with a rebound, and calm again (log returns per step).
  private static final double[] R = {0.001, -0.002, 0.0015, -0.001, 0.0, -0.03, -0.05, 0.02,
      -0.04, 0.01, 0.002, -0.001, 0.0005, 0.001, -0.0015};
  private static final double V0 = 1e-6;

  @Test
  void ewmaIsItsWeightedSumOfSquaredReturns() {
    double halfLife = 4;
    EwmaVariance ewma = EwmaVariance.ofHalfLife(halfLife);
    double lambda = Math.pow(0.5, 1 / halfLife);
    assertEquals(lambda, ewma.lambda(), 1e-15);
    ewma.reset(V0);
    for (int n = 1; n <= R.length; n++) {
      ewma.observe(R[n - 1]);
      double expected = Math.pow(lambda, n) * V0;
      for (int k = 1; k <= n; k++) {
        expected += (1 - lambda) * Math.pow(lambda, n - k) * R[k - 1] * R[k - 1];
      }
      assertEquals(expected, ewma.nextStep(), 1e-13 * expected, "after " + n + " returns");
      assertEquals(12 * expected, ewma.over(12), 1e-12 * expected);
    }
    // A return of 5 % after a calm: half its weight goes in after halfLife steps (1 - lambda^4).
    ewma.reset(0);
    for (int k = 0; k < 4; k++) {
      ewma.observe(k == 0 ? 0.05 : 0);
    }
    assertEquals(0.0025 * (1 - lambda) * Math.pow(lambda, 3), ewma.nextStep(), 1e-18);
  }

  @Test
  void garchOneStepIsItsUnrolledSum() {
    double alpha = 0.12;
    double beta = 0.8;
    double longRun = 4e-6;
    Garch11Forecast g = Garch11Forecast.of(alpha, beta, longRun);
    double omega = longRun * (1 - alpha - beta);
    assertEquals(omega, g.omega(), 1e-20);
    g.reset(V0);
    for (int n = 1; n <= R.length; n++) {
      g.observe(R[n - 1]);
      // h(n+1) = omega sum_{j<n} beta^j + alpha sum_k beta^(n-k) r_k^2 + beta^n h(1)
      double expected = Math.pow(beta, n) * V0;
      for (int j = 0; j < n; j++) {
        expected += omega * Math.pow(beta, j);
      }
      for (int k = 1; k <= n; k++) {
        expected += alpha * Math.pow(beta, n - k) * R[k - 1] * R[k - 1];
      }
      assertEquals(expected, g.nextStep(), 1e-13 * expected, "after " + n + " returns");
    }
  }

  @Test
  void garchHorizonIsTheSumOfIteratedExpectations() {
    Garch11Forecast g = Garch11Forecast.of(0.1, 0.85, 2e-6);
    g.reset(V0);
    for (double r : R) {
      g.observe(r);
      for (int h : new int[] {1, 2, 7, 60, 1000}) {
        // E h(t+k+1) = omega + (alpha + beta) E h(t+k): iterate and add up.
        double e = g.nextStep();
        double sum = 0;
        for (int k = 0; k < h; k++) {
          sum += e;
          e = g.omega() + 0.95 * e;
        }
        assertEquals(sum, g.over(h), 1e-11 * sum, "h = " + h);
      }
    }
    // Far out, the forecast per step is the long-run variance, plus what the excess of the next
    // step's over it adds up to, (h(t+1) - vbar) / (1 - phi), spread over the horizon.
    double excess = (g.nextStep() - 2e-6) / 0.05;
    assertEquals(2e-6 + excess / 1e9, g.over(1_000_000_000) / 1e9, 1e-9 * 2e-6);
  }

  @Test
  void gasEwmaIsItsWeightedSum() {
    EwmaLevel gas = new EwmaLevel(10);
    double lambda = Math.pow(0.5, 0.1);
    gas.reset(30);
    double[] y = {30, 80, 400, 350, 60, 30};
    double expected = 30;
    for (double v : y) {
      gas.observe(v);
      expected = lambda * expected + (1 - lambda) * v;
    }
    double sum = Math.pow(lambda, y.length) * 30;
    for (int k = 0; k < y.length; k++) {
      sum += (1 - lambda) * Math.pow(lambda, y.length - 1 - k) * y[k];
    }
    assertEquals(sum, gas.forecast(), 1e-12 * sum);
    assertEquals(expected, gas.forecast(), 1e-12 * sum);
  }

  @Test
  void badParametersAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Garch11Forecast.of(0.2, 0.8, 1e-6));
    assertEquals(true, e.getMessage().contains("alpha + beta < 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EwmaVariance.ofHalfLife(0));
    assertThrows(IllegalArgumentException.class, () -> Garch11Forecast.of(0.1, 0.8, 0));
  }
}
