package io.margincall.calibration;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The observed information: the Hessian of the negative log-likelihood at its minimum, by
 * central finite differences, and its inverse, the asymptotic covariance of the estimates.
 *
 * <p>Steps are {@code h_j = 1e-4 max(1, |x_j|)} in the internal coordinates, which are scaled to
 * order 1: the truncation error is then of order {@code h^2} relative, and the rounding error of
 * a negative log-likelihood of size {@code F} is about {@code 1e-16 F / h^2}, far below the
 * curvature (of order n) for any sample this project fits.
 */
final class ObservedInformation {
  private ObservedInformation() {}

  /** The Hessian of {@code f} at {@code x} in the coordinates {@code free} (the others fixed). */
  static double[][] hessian(ToDoubleFunction<double[]> f, double[] x, int[] free) {
    int k = free.length;
    double[] h = new double[k];
    for (int a = 0; a < k; a++) {
      h[a] = 1e-4 * Math.max(1, Math.abs(x[free[a]]));
    }
    double f0 = f.applyAsDouble(x);
    double[][] hess = new double[k][k];
    for (int a = 0; a < k; a++) {
      double plus = f.applyAsDouble(shift(x, free[a], h[a], -1, 0));
      double minus = f.applyAsDouble(shift(x, free[a], -h[a], -1, 0));
      hess[a][a] = (plus - 2 * f0 + minus) / (h[a] * h[a]);
      for (int b = 0; b < a; b++) {
        double pp = f.applyAsDouble(shift(x, free[a], h[a], free[b], h[b]));
        double pm = f.applyAsDouble(shift(x, free[a], h[a], free[b], -h[b]));
        double mp = f.applyAsDouble(shift(x, free[a], -h[a], free[b], h[b]));
        double mm = f.applyAsDouble(shift(x, free[a], -h[a], free[b], -h[b]));
        hess[a][b] = (pp - pm - mp + mm) / (4 * h[a] * h[b]);
        hess[b][a] = hess[a][b];
      }
    }
    return hess;
  }

  /** The inverse of a Hessian, or null if it is not positive definite (no proper maximum). */
  static double[][] covariance(double[][] hessian) {
    if (hessian.length == 0) {
      return hessian;
    }
    RealMatrix m = new Array2DRowRealMatrix(hessian);
    try {
      return new CholeskyDecomposition(m, 1e-8, 0).getSolver().getInverse().getData();
    } catch (NonPositiveDefiniteMatrixException e) {
      return null;
    }
  }

  /** d g_i / d x_j by central differences, for the delta method. */
  static double[][] jacobian(java.util.function.Function<double[], double[]> g, double[] x) {
    int m = g.apply(x).length;
    double[][] jac = new double[m][x.length];
    for (int j = 0; j < x.length; j++) {
      double h = 1e-6 * Math.max(1, Math.abs(x[j]));
      double[] plus = g.apply(shift(x, j, h, -1, 0));
      double[] minus = g.apply(shift(x, j, -h, -1, 0));
      for (int i = 0; i < m; i++) {
        jac[i][j] = (plus[i] - minus[i]) / (2 * h);
      }
    }
    return jac;
  }

  private static double[] shift(double[] x, int a, double ha, int b, double hb) {
    double[] y = x.clone();
    y[a] += ha;
    if (b >= 0) {
      y[b] += hb;
    }
    return y;
  }
}
