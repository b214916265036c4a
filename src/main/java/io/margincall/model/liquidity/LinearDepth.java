package io.margincall.model.liquidity;

import io.margincall.model.FdLibm;

/**
 * Linear price impact: selling a notional q (USD at the pre-trade price) walks the marginal price
 * down linearly, {@code P (1 - x / depth)} after x USD, so the sale fetches
 * {@code q - q^2 / (2 depth)} and leaves the price at {@code P (1 - q / depth)}; beyond
 * {@code q = depth} the book is empty and nothing more is raised. In the stress regime the depth
 * is multiplied by {@code stressMultiplier} (thinner books in a crash).
 *
 * <p>Buying is the mirror: a purchase of notional q walks the marginal price up linearly,
 * {@code P (1 + x / depth)} after x USD, so it costs {@code q + q^2 / (2 depth)} and leaves the
 * price at {@code P (1 + q / depth)}; the ask side has no end.
 *
 * @param depthUsd notional that would take the price to zero, USD (> 0)
 * @param stressMultiplier depth multiplier in the stress regime, in (0, 1] usually
 */
public record LinearDepth(double depthUsd, double stressMultiplier) implements MarketDepth {

  public LinearDepth {
    if (!(depthUsd > 0) || !(stressMultiplier > 0)) {
      throw new IllegalArgumentException("linear depth needs depth > 0 and a stress multiplier > 0");
    }
  }

  private double depth(int regime) {
    return regime == 1 ? depthUsd * stressMultiplier : depthUsd;
  }

  @Override
  public double proceeds(double units, double price, int regime) {
    double d = depth(regime);
    double q = Math.min(units * price, d);
    return q - q * q / (2 * d);
  }

  @Override
  public double logImpact(double units, double price, int regime) {
    double x = Math.min(units * price / depth(regime), 1 - 1e-12);
    return FdLibm.log1p(-x);  // Math.log1p's bits, without its JNI call
  }

  @Override
  public double cost(double units, double price, int regime) {
    double q = units * price;
    return q + q * q / (2 * depth(regime));
  }

  @Override
  public double logImpactOfPurchase(double units, double price, int regime) {
    return FdLibm.log1p(units * price / depth(regime));
  }

  @Override
  public boolean ideal() {
    return false;
  }
}
