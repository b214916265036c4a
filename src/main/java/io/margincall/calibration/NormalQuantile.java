package io.margincall.calibration;

import io.margincall.model.FdLibm;
import org.apache.commons.math3.special.Erf;

/**
 * The standard normal quantile, accurate far into the tail.
 *
 * <p>Commons Math computes {@code Phi^-1(p)} as {@code sqrt(2) erfInv(2p - 1)}, which loses every
 * digit once {@code p < 1e-16}; a crash return under a thin-tailed model has a probability far
 * below that. Here small {@code p} are solved by Newton's method on {@code ln Phi(z) = ln p},
 * with {@code Phi} from {@code erfc} (accurate in the tail), from the asymptotic start
 * {@code -sqrt(-2 ln p)}.
 */
final class NormalQuantile {
  private NormalQuantile() {}

  /** The z with {@code Phi(z) = p}, for a lower-tail probability {@code p <= 0.5}. */
  static double lower(double p) {
    if (!(p > 0)) {
      p = Double.MIN_NORMAL;
    }
    if (p > 1e-3) {
      return -Math.sqrt(2) * Erf.erfcInv(2 * p);
    }
    double target = FdLibm.log(p);
    double z = -Math.sqrt(-2 * target);
    for (int i = 0; i < 50; i++) {
      double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
      double pdf = StrictMath.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
      double step = (FdLibm.log(cdf) - target) * cdf / pdf;
      z -= step;
      if (Math.abs(step) < 1e-14 * Math.max(1, Math.abs(z))) {
        break;
      }
    }
    return z;
  }
}
