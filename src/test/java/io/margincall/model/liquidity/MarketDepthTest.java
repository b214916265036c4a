package io.margincall.model.liquidity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarketDepthTest {

  @Test
  void linearDepthIntegratesALinearlyFallingPrice() {
    LinearDepth depth = new LinearDepth(1_000_000, 0.5);
    // 100 units at 2,000 = 200,000 USD of a 1,000,000 book: the price walks down to 80 %;
    // the average price is 90 %: 180,000 USD.
    assertEquals(180_000, depth.proceeds(100, 2000, 0), 1e-6);
    assertEquals(Math.log(0.8), depth.logImpact(100, 2000, 0), 1e-12);
    // Stress halves the depth: 200,000 of 500,000 -> 60 %, proceeds 200,000 - 40,000.
    assertEquals(160_000, depth.proceeds(100, 2000, 1), 1e-6);
    // Beyond the book nothing more is raised.
    assertEquals(500_000, depth.proceeds(1000, 2000, 0), 1e-6);
  }

  @Test
  void constantProductKeepsItsInvariantAfterTheFee() {
    ConstantProductPool pool = new ConstantProductPool(10_000_000, 0.003, 0.3);
    double price = 2000;
    double y = 10_000_000;
    double x = y / price;
    double units = 500;
    double got = pool.proceeds(units, price, 0);
    // (x + u (1 - fee)) (y - proceeds) = x y
    assertEquals(x * y, (x + units * 0.997) * (y - got), 1e-6 * x * y);
    double endPrice = (y - got) / (x + units * 0.997);
    assertEquals(Math.log(endPrice / price), pool.logImpact(units, price, 0), 1e-12);
    assertTrue(got < units * price, "slippage and fee cost something");
    assertTrue(pool.proceeds(units, price, 1) < got, "stress thins the pool");
  }

  @Test
  void linearDepthBuysUpALinearlyRisingPrice() {
    LinearDepth depth = new LinearDepth(1_000_000, 0.5);
    // 100 units at 2,000 = 200,000 USD of a 1,000,000 book: the price walks up to 120 %;
    // the average price is 110 %: 220,000 USD (q + q^2 / (2 D)).
    assertEquals(220_000, depth.cost(100, 2000, 0), 1e-6);
    assertEquals(Math.log(1.2), depth.logImpactOfPurchase(100, 2000, 0), 1e-12);
    // Stress halves the depth: 200,000 of 500,000 -> 140 %, cost 200,000 + 40,000.
    assertEquals(240_000, depth.cost(100, 2000, 1), 1e-6);
  }

  @Test
  void constantProductPurchaseKeepsTheInvariantAfterTheFee() {
    ConstantProductPool pool = new ConstantProductPool(10_000_000, 0.003, 0.3);
    double price = 2000;
    double y = 10_000_000;
    double x = y / price;
    double units = 500;
    double paid = pool.cost(units, price, 0);
    // (x - u) (y + paid (1 - fee)) = x y
    assertEquals(x * y, (x - units) * (y + paid * 0.997), 1e-6 * x * y);
    double endPrice = (y + paid * 0.997) / (x - units);
    assertEquals(Math.log(endPrice / price), pool.logImpactOfPurchase(units, price, 0), 1e-12);
    assertTrue(paid > units * price, "slippage and fee cost something");
    assertTrue(pool.cost(units, price, 1) > paid, "stress thins the pool");
    // More than the pool holds: capped at MAX_TAKE of x, the rest at the last marginal price.
    double capped = pool.cost(2 * x, price, 0);
    assertTrue(capped > 1e9 * x * price && Double.isFinite(capped), "" + capped);
  }

  @Test
  void infiniteDepthIsTheMarketPrice() {
    InfiniteDepth depth = new InfiniteDepth();
    assertEquals(123.0 * 2000, depth.proceeds(123, 2000, 1), 0);
    assertEquals(0, depth.logImpact(1e9, 2000, 1), 0);
  }
}
