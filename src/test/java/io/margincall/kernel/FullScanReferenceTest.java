package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.GeneratedBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.OutcomeCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kernel against a deliberately naive reference of the same rules (src/docs/model.md):
 * prices and the oracle in price space, every account checked every step, the eligible ones
 * liquidated in descending order of their current trigger. No frontier, no heap, no log
 * triggers: if the kernel's shortcuts skip or mis-order an account, counts differ. Counts must
 * match exactly; amounts to 1e-6 relative (the two compute in different spaces).
 */
class FullScanReferenceTest {

  @ParameterizedTest(name = "cf={0} bonus={1} {2} delay={3} dev={4} hb={5} dust={6}")
  @CsvSource({
      "1.0, 0.0,  MARKET, 90,  0,     0,  0.0",
      "0.5, 0.05, MARKET, 30,  0.005, 30, 50",
      "0.5, 0.10, ORACLE, 30,  0.005, 30, 50",
      "0.2, 0.08, MARKET, 120, 0,     0,  0",
      "0.3, 0.0,  MARKET, 0,   0,     0,  0",
      "0.5, 0.05, ORACLE, 0,   0,     0,  0",
  })
  void kernelMatchesAFullScanOfTheBook(double closeFactor, double bonus, SeizePricing pricing,
                                       int delay, double deviation, int heartbeat, double dust) {
    double s0 = 2000;
    AccountBook book = GeneratedBook.draw(PathStreams.stream(5, 0, PathStreams.ACCOUNT_BOOK),
        200, s0, 50_000, 1.0, 1.5, 12, 0.93);
    double fund0 = 100_000;
    double share = 0.2;
    int steps = 720;
    GeometricBrownianMotion gbm = GeometricBrownianMotion.of(0, 2.0, 120);
    Scenario scenario = Scenario.builder().seed(99).steps(steps).stepSeconds(120).initialPrice(s0)
        .price(gbm).oracle(new OracleRules(delay, deviation, heartbeat)).book(book)
        .liquidation(new LiquidationRules(closeFactor, bonus, dust, pricing))
        .insurance(new InsuranceRules(fund0, share)).build();
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    int n = book.size();
    long totalLiquidations = 0;
    for (long path = 0; path < 400; path++) {
      kernel.run(path, out);

      ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(
          PathStreams.stream(99, path, PathStreams.PRICE));
      double[] logPrice = new double[steps + 1];
      logPrice[0] = Math.log(s0);
      for (int t = 1; t <= steps; t++) {
        logPrice[t] = gbm.nextLogPrice(logPrice[t - 1], z.sample());
      }
      double[] c = new double[n];
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        c[i] = book.collateral(i);
        d[i] = book.debt(i);
      }
      double fund = fund0;
      double bad = 0;
      double draw = 0;
      int liquidations = 0;
      int stale = 0;
      double posted = s0;
      int lastPost = 0;
      for (int t = 1; t <= steps; t++) {
        double market = Math.exp(logPrice[t]);
        double source = t >= delay ? Math.exp(logPrice[t - delay]) : s0;
        if (Math.abs(source / posted - 1) >= deviation || (heartbeat > 0 && t - lastPost >= heartbeat)) {
          posted = source;
          lastPost = t;
        }
        double oracle = posted;
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (d[i] > 0 && c[i] * oracle * book.threshold(i) < d[i]) {
            eligible.add(i);
          }
        }
        final double[] cc = c;
        final double[] dd = d;
        eligible.sort(Comparator.<Integer>comparingDouble(i -> -dd[i] / (cc[i] * book.threshold(i)))
            .thenComparingInt(i -> i));
        for (int i : eligible) {
          liquidations++;
          if (c[i] * market < d[i]) {
            stale++;
          }
          double repay = closeFactor * d[i];
          if (d[i] - repay <= dust) {
            repay = d[i];
          }
          double value = pricing == SeizePricing.ORACLE ? oracle : market;
          double seized = repay * (1 + bonus) / value;
          if (seized > c[i]) {
            seized = c[i];
            repay = c[i] * value / (1 + bonus);
          }
          c[i] -= seized;
          d[i] -= repay;
          fund += share * bonus * repay;
          if (d[i] > 0 && c[i] * market < d[i]) {
            double loss = d[i] - c[i] * market;
            bad += loss;
            double paid = Math.min(fund, loss);
            fund -= paid;
            draw += paid;
            c[i] = 0;
            d[i] = 0;
          }
        }
      }
      String where = "path " + path;
      assertEquals(liquidations, out.countOf(OutcomeCount.LIQUIDATIONS), where + ": liquidations");
      assertEquals(stale, out.countOf(OutcomeCount.STALE_ORACLE_LIQUIDATIONS),
          where + ": stale-oracle liquidations");
      assertEquals(bad, out.badDebt, 1e-6 * Math.max(1, bad), where + ": bad debt");
      assertEquals(draw, out.insuranceDraw, 1e-6 * Math.max(1, draw), where + ": insurance draw");
      totalLiquidations += liquidations;
    }
    assertTrue(totalLiquidations > 100, "the case should liquidate: " + totalLiquidations);
  }
}
