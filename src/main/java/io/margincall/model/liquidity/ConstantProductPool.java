package io.margincall.model.liquidity;

/**
 * A constant-product AMM (x y = k, Uniswap v2) holding {@code reserveUsd} of USD and the same
 * value of the asset at the market price. Selling u units, of which a {@code fee} share is kept
 * by the pool, fetches {@code y u' / (x + u')}, {@code u' = u (1 - fee)}, and leaves the price at
 * {@code P (x / (x + u'))^2}. In the stress regime the reserves are multiplied by
 * {@code stressMultiplier} (liquidity providers withdraw).
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
    return 2 * Math.log(x / (x + in));
  }

  @Override
  public boolean ideal() {
    return false;
  }
}
