package io.margincall.model.liquidity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invariants every {@link MarketDepth} promises, checked for every implementation on the
 * same inputs (as Commons RNG's {@code ContinuousSamplersList} runs one test over every sampler).
 * The liquidation engine's bulk-skip certificates rely on the first: a sale never fetches more
 * than the market price, so a liquidation unprofitable before slippage is unprofitable after;
 * its mirror holds for purchases (closing shorts): never less than the market price.
 *
 * <p>Tolerance: the certificates widen their bounds by 1e-12 relative
 * ({@code LiquidationEngine.CERTIFICATE_MARGIN}); a depth may exceed {@code units x price} by at
 * most a few rounding errors of its own arithmetic, bounded here by {@link #ROUNDING} = 1e-14
 * relative, a hundred times inside the certificates' margin.
 */
class MarketDepthContractTest {
  static final double ROUNDING = 1e-14;

  static Stream<MarketDepth> everyDepth() {
    return Stream.of(
        new InfiniteDepth(),
        new LinearDepth(5_000_000, 0.25),
        new LinearDepth(1_000, 1.0),
        new LinearDepth(1e12, 0.5),
        new ConstantProductPool(20_000_000, 0.003, 0.3),
        new ConstantProductPool(1_000, 0.0, 1.0),
        new ConstantProductPool(1e12, 0.01, 0.5));
  }

  @ParameterizedTest
  @MethodSource("everyDepth")
  void aSaleNeverFetchesMoreAndAPurchaseNeverCostsLessThanTheMarketPrice(MarketDepth depth) {
    SplittableRandom random = new SplittableRandom(20261204);
    List<Double> edgeUnits = List.of(0.0, Double.MIN_NORMAL, 1e-300, 1e-12, 1.0, 1e9, 1e30);
    for (int k = 0; k < 200_000; k++) {
      double units = k < edgeUnits.size() ? edgeUnits.get(k)
          : Math.exp(random.nextDouble(-30, 30));
      double price = Math.exp(random.nextDouble(-15, 15));
      int regime = random.nextInt(2);
      double proceeds = depth.proceeds(units, price, regime);
      double atMarket = units * price;
      String where = depth + ": " + units + " units at " + price + " in regime " + regime;
      assertTrue(proceeds >= 0, where + ": proceeds " + proceeds + " < 0");
      assertTrue(proceeds <= atMarket * (1 + ROUNDING),
          where + ": proceeds " + proceeds + " > units x price " + atMarket);
      double logImpact = depth.logImpact(units, price, regime);
      assertTrue(logImpact <= 0, where + ": a sale raised the price, log impact " + logImpact);
      double cost = depth.cost(units, price, regime);
      assertTrue(cost >= atMarket * (1 - ROUNDING),
          where + ": a purchase cost " + cost + " < units x price " + atMarket);
      double logImpactUp = depth.logImpactOfPurchase(units, price, regime);
      assertTrue(logImpactUp >= 0, where + ": a purchase lowered the price, " + logImpactUp);
      if (depth.ideal()) {
        assertTrue(proceeds == atMarket && logImpact == 0 && cost == atMarket && logImpactUp == 0,
            where + ": the ideal depth moved");
      }
    }
  }
}
