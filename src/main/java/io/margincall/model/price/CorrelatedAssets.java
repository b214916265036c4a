package io.margincall.model.price;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Several collateral assets, each a GBM with its own drift and volatility, their shocks
 * correlated through the Cholesky factor of a correlation matrix: {@code x = L e}, e independent
 * normals (asset 0 first, from the price stream), so {@code corr(x_a, x_b) = rho_ab}.
 *
 * @param names asset names (asset 0 is the main one, {@code price.*})
 * @param initial initial prices, USD
 * @param logDrift per-step {@code (mu - sigma^2/2) dt} of each asset
 * @param logVolatility per-step {@code sigma sqrt(dt)} of each asset
 * @param cholesky lower-triangular L with {@code L L' = rho}, row-major k x k
 */
public record CorrelatedAssets(String[] names, double[] initial, double[] logDrift,
                               double[] logVolatility, double[] cholesky) implements Serializable {

  public int size() {
    return names.length;
  }

  /**
   * The lower Cholesky factor of a correlation matrix (row-major k x k), accepting positive
   * semi-definite matrices (a zero pivot gives a zero column).
   *
   * @throws IllegalArgumentException naming the first row where the matrix is not symmetric, not a
   *     correlation matrix, or not positive semi-definite
   */
  public static double[] cholesky(double[] rho, int k) {
    for (int a = 0; a < k; a++) {
      if (Math.abs(rho[a * k + a] - 1) > 1e-12) {
        throw new IllegalArgumentException("diagonal entry (" + a + ", " + a + ") is " + rho[a * k + a]
            + ", not 1");
      }
      for (int b = 0; b < k; b++) {
        double v = rho[a * k + b];
        if (!(Math.abs(v) <= 1) || Math.abs(v - rho[b * k + a]) > 1e-12) {
          throw new IllegalArgumentException("entry (" + a + ", " + b + ") = " + v
              + " must be in [-1, 1] and equal to entry (" + b + ", " + a + ")");
        }
      }
    }
    double[] l = new double[k * k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b <= a; b++) {
        double sum = rho[a * k + b];
        for (int m = 0; m < b; m++) {
          sum -= l[a * k + m] * l[b * k + m];
        }
        if (a == b) {
          if (sum < -1e-10) {
            throw new IllegalArgumentException("not positive semi-definite: the pivot of row " + a
                + " is " + sum + " < 0 (some correlations contradict each other)");
          }
          l[a * k + a] = Math.sqrt(Math.max(0, sum));
        } else {
          l[a * k + b] = l[b * k + b] > 1e-12 ? sum / l[b * k + b] : 0;
          if (l[b * k + b] <= 1e-12 && Math.abs(sum) > 1e-10) {
            throw new IllegalArgumentException("not positive semi-definite at row " + a);
          }
        }
      }
    }
    return l;
  }

  @Override
  public String toString() {
    return "CorrelatedAssets" + Arrays.toString(names);
  }
}
