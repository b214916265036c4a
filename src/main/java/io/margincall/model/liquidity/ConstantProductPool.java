package io.margincall.model.liquidity;

import io.margincall.model.FdLibm;

/**
 * A constant-product AMM (x y = k, Uniswap v2) holding {@code reserveUsd} of USD and the same
 * value of the asset at the market price. Selling u units, of which a {@code fee} share is kept
 * by the pool, fetches {@code y u' / (x + u')}, {@code u' = u (1 - fee)}, and leaves the price at
 * {@code P (x / (x + u'))^2}. In the stress regime the reserves are multiplied by
 * {@code stressMultiplier} (liquidity providers withdraw).
 *
 * <p>Buying u units out of the pool is the other direction: it costs {@code y u / ((x - u) (1 -
 * fee))} (the fee on what is paid in) and leaves the price at {@code P (x / (x - u))^2}. The pool
 * cannot deliver what it does not hold: it sells at most {@link #MAX_TAKE} of its asset
 * reserve, at a marginal price already 10^12 times the market's, and the rest of a purchase is
 * paid at that last price.
 *
 * @param reserveUsd USD reserve of the pool (> 0)
 * @param fee swap fee, in [0, 1)
 * @param stressMultiplier reserve multiplier in the stress regime (> 0)
 */
public record ConstantProductPool(double reserveUsd, double fee, double stressMultiplier)
    implements MarketDepth {

  public ConstantProductPool {
    if (!(reserveUsd > 0) || !(fee >= 0 && fee < 1) || !(stressMultiplier > 0)) {
      throw new IllegalArgumentException("an AMM needs reserve > 0, fee in [0, 1) and a stress "
          + "multiplier > 0");
    }
  }

  private double reserve(int regime) {
    return regime == 1 ? reserveUsd * stressMultiplier : reserveUsd;
  }

  @Override
  public double proceeds(double units, double price, int regime) {
    double y = reserve(regime);
    double x = y / price;
    double in = units * (1 - fee);
    return y * in / (x + in);
  }

  @Override
  public double logImpact(double units, double price, int regime) {
    double x = reserve(regime) / price;
    double in = units * (1 - fee);
    return 2 * FdLibm.log(x / (x + in));
  }

  /** The largest share of the asset reserve a purchase can take. */
  public static final double MAX_TAKE = 1 - 1e-6;

  @Override
  public double cost(double units, double price, int regime) {
    double y = reserve(regime);
    double x = y / price;
    double out = Math.min(units, MAX_TAKE * x);
    double cost = y * out / ((x - out) * (1 - fee));
    if (out < units) {  // the rest at the last marginal price the pool quoted
      double last = price * (x / (x - out)) * (x / (x - out)) / (1 - fee);
      cost += (units - out) * last;
    }
    return cost;
  }

  @Override
  public double logImpactOfPurchase(double units, double price, int regime) {
    double x = reserve(regime) / price;
    double out = Math.min(units, MAX_TAKE * x);
    return 2 * FdLibm.log(x / (x - out));
  }

  @Override
  public boolean ideal() {
    return false;
  }
}
