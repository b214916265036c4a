package io.margincall.model.liquidity;

/** The ideal market: any size sells at the market price, nothing moves. */
public final class InfiniteDepth implements MarketDepth {
  private static final long serialVersionUID = 1L;

  @Override
  public double proceeds(double units, double price, int regime) {
    return units * price;
  }

  @Override
  public double logImpact(double units, double price, int regime) {
    return 0;
  }

  @Override
  public double cost(double units, double price, int regime) {
    return units * price;
  }

  @Override
  public double logImpactOfPurchase(double units, double price, int regime) {
    return 0;
  }

  @Override
  public boolean ideal() {
    return true;
  }
}
