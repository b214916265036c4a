package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.liquidity.InfiniteDepth;
import io.margincall.protocol.FundingRules;
import io.margincall.model.liquidity.LinearDepth;
import io.margincall.model.liquidity.MarketDepth;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.price.GeometricBrownianMotion;
import io.margincall.model.price.HistoricalReturns;
import io.margincall.model.price.MarketModel;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.InsuranceRules;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.PerpBook;
import io.margincall.protocol.PerpPosition;
import io.margincall.protocol.PerpRules;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Perpetual futures: long and short positions, their liquidation, and the loss waterfall. */
class PerpetualFuturesTest {
  private static final AccountBook NO_LOANS =
      AccountBook.of(new double[0], new double[0], new double[0]);

  static Scenario perps(long seed, MarketModel market, int steps, double dt, double s0,
                        OracleRules oracle, PerpBook book, PerpRules rules, double fund,
                        MarketDepth depth, double permanentImpact) {
    return new Scenario(seed, steps, dt, s0, market, oracle, NO_LOANS, LiquidationRules.ideal(),
        new InsuranceRules(fund, 0), depth, permanentImpact, 0, null, null, book, rules);
  }

  /**
   * With funding and ADL ideal and one position, the liquidation frequency of a long (trigger H
   * below the start) and of a short (trigger above it) is the probability that the discretely
   * monitored GBM crosses H, as in {@link BarrierHittingTest}: for the short, the mirror formula
   * {@code P(max X > b) = P(min(-X) < -b)} with the drift negated, and the Broadie-Glasserman-Kou
   * shift moving the barrier away from the start. Tolerance: 4 binomial standard errors.
   */
  @ParameterizedTest(name = "side={0} sigma={1} delay={2}")
  @CsvSource({
      "1, 0.8, 0",
      "-1, 0.8, 0",
      "1, 1.5, 12",
      "-1, 1.5, 12",
  })
  void liquidationFrequencyMatchesTheBarrierFormulaOnBothSides(int side, double sigma,
                                                                int delay) {
    int paths = 20_000;
    int steps = 1440;
    double dt = 60;
    double s0 = 2000;
    double yearsPerStep = dt / GeometricBrownianMotion.SECONDS_PER_YEAR;
    double horizonYears = (steps - delay) * yearsPerStep;
    double trigger = s0 * Math.exp(-side * sigma * Math.sqrt(horizonYears));
    double mm = 0.05;
    double size = side * 2.0;
    // Margin M with (E - M / s) / (1 - mm sgn s) = trigger, entry at the start.
    double margin = size * (s0 - trigger * (1 - mm * side));
    assertEquals(trigger, PerpPosition.triggerPrice(margin, size, s0, mm), 1e-9 * trigger);
    PerpBook book = PerpBook.of(new double[] {margin}, new double[] {size}, new double[] {s0},
        new double[] {mm});
    Scenario scenario = perps(101, MarketModel.of(GeometricBrownianMotion.of(0, sigma, dt)),
        steps, dt, s0, new OracleRules(delay, 0, 0), book, PerpRules.ideal(), 0,
        new InfiniteDepth(), 0);
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    long liquidated = 0;
    for (long path = 0; path < paths; path++) {
      kernel.run(path, out);
      liquidated += out.countOf(OutcomeCount.LIQUIDATIONS);
    }
    double estimate = liquidated / (double) paths;
    double nu = -0.5 * sigma * sigma;
    double b = Math.log(trigger / s0) * side;  // < 0 in the walk's own direction
    double shift = -BarrierHittingTest.BETA * sigma * Math.sqrt(yearsPerStep);
    double expected = BarrierHittingTest.continuousHit(b + shift, side * nu, sigma, horizonYears);
    double se = Math.sqrt(expected * (1 - expected) / paths);
    assertEquals(expected, estimate, 4 * se,
        "P(liquidation): closed form " + expected + ", Monte Carlo " + estimate + ", se " + se);
  }

  /**
   * A book of shorts under the mirror image of a path gives the same liquidations and losses as
   * the book of longs under the path. The mirror is arithmetic, {@code P' = 2 S0 - P} (a
   * replayed series), and each short mirrors a long: entry {@code 2 S0 - E}, the same margin
   * and size; then the equity {@code M - q (P' - E')} equals the long's {@code M + q (P - E)} at
   * every step, and so does the loss of a market close. With maintenance rate 0 (the
   * maintenance margin {@code mm |s| P} is not mirror-symmetric) the liquidation steps and
   * counts are equal exactly; the amounts to rounding (1e-9 relative: the two compute through
   * different log-returns). No liquidation fee either: a share of the closed notional is not
   * mirror-symmetric.
   */
  @Test
  void shortsUnderTheMirroredPathLoseWhatLongsLose() {
    int steps = 600;
    double s0 = 2000;
    SplittableRandom random = new SplittableRandom(7);
    double[] price = new double[steps + 1];
    double[] mirror = new double[steps + 1];
    price[0] = s0;
    mirror[0] = s0;
    for (int t = 1; t <= steps; t++) {
      double next;
      do {
        next = price[t - 1] * Math.exp(0.01 * random.nextGaussian() - 0.0004);
      } while (!(next > 0.05 * s0 && next < 1.95 * s0));
      price[t] = next;
      mirror[t] = 2 * s0 - next;
    }
    int n = 40;
    double[] margin = new double[n];
    double[] size = new double[n];
    double[] entry = new double[n];
    double[] mirroredEntry = new double[n];
    for (int i = 0; i < n; i++) {
      entry[i] = s0 * (0.9 + 0.2 * random.nextDouble());
      mirroredEntry[i] = 2 * s0 - entry[i];
      size[i] = 0.5 + 3 * random.nextDouble();
      margin[i] = size[i] * entry[i] / (2 + 18 * random.nextDouble());
    }
    double[] zero = new double[n];
    PerpBook longs = PerpBook.of(margin, size, entry, zero);
    PerpBook shorts = PerpBook.of(margin, negate(size), mirroredEntry, zero);
    PathOutcome a = run(longs, price, s0);
    PathOutcome b = run(shorts, mirror, s0);
    assertTrue(a.countOf(OutcomeCount.LIQUIDATIONS) > 10 && a.badDebt > 0, "the case needs liquidations and losses");
    assertEquals(a.countOf(OutcomeCount.LIQUIDATIONS), b.countOf(OutcomeCount.LIQUIDATIONS));
    assertEquals(a.firstLiquidationStep, b.firstLiquidationStep);
    assertEquals(a.firstBadDebtStep, b.firstBadDebtStep);
    assertEquals(a.countOf(OutcomeCount.STALE_ORACLE_LIQUIDATIONS), b.countOf(OutcomeCount.STALE_ORACLE_LIQUIDATIONS));
    assertEquals(a.badDebt, b.badDebt, 1e-9 * a.badDebt);
    assertEquals(a.insuranceDraw, b.insuranceDraw, 1e-9 * a.badDebt);
    assertEquals(a.socializedLoss, b.socializedLoss, 1e-9 * a.badDebt);
    assertEquals(a.horizonShortfall, b.horizonShortfall, 1e-9 * Math.max(1, a.horizonShortfall));
  }

  private static PathOutcome run(PerpBook book, double[] price, double s0) {
    double[] r = new double[price.length - 1];
    for (int t = 0; t < r.length; t++) {
      r[t] = Math.log(price[t + 1] / price[t]);
    }
    MarketModel market = new MarketModel(GeometricBrownianMotion.of(0, 0.5, 60), 0, null, null,
        null, new HistoricalReturns("test", r, true, 1));
    Scenario scenario = perps(3, market, r.length, 60, s0, new OracleRules(5, 0, 0), book,
        new PerpRules(0, PerpRules.AdlRanking.OFF), 20_000, new InfiniteDepth(), 0);
    PathOutcome out = new PathOutcome();
    new PathSimulator(scenario).run(0, out);
    return out;
  }

  private static double[] negate(double[] x) {
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] = -y[i];
    }
    return y;
  }

  /**
   * A mixed book of longs and shorts through a volatile market with thin liquidity, permanent
   * impact (closing shorts lifts the price, so squeezes cascade), a small fund and ADL: on every
   * path the loss beyond margin is paid by the fund, covered by ADL or socialized, to rounding
   * ({@code loss = draw + ADL + socialized}), and ADL never closes more of the other side than
   * it holds. Each ranking must have deleveraged on some path, or the check proves little.
   */
  @ParameterizedTest
  @EnumSource(value = PerpRules.AdlRanking.class)
  void everyLossIsPaidByTheFundAdlOrSociety(PerpRules.AdlRanking ranking) {
    PerpBook book = mixedBook(300, 11);
    double[] oi = book.openInterest();
    Scenario scenario = perps(17, MarketModel.of(GeometricBrownianMotion.of(0, 2.5, 60)), 1440,
        60, 2000, new OracleRules(3, 0, 0), book, new PerpRules(0.005, ranking), 5_000,
        new LinearDepth(3_000_000, 1), 0.3);
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    long adlEvents = 0;
    long losses = 0;
    for (long path = 0; path < 200; path++) {
      kernel.run(path, out);
      double tolerance = 1e-9 * Math.max(1, out.badDebt);
      assertEquals(out.badDebt, out.insuranceDraw + out.amountOf(OutcomeAmount.ADL_COVERED) + out.socializedLoss, tolerance,
          "path " + path);
      // A perps-only book: all of its bad debt is the perps' (the same sums, the same order).
      assertEquals(out.badDebt, out.amountOf(OutcomeAmount.PERP_BAD_DEBT), "path " + path);
      assertTrue(out.insuranceDraw <= 5_000 + out.amountOf(OutcomeAmount.PERP_LIQUIDATION_FEES) + 1e-6, "path " + path);
      if (ranking == PerpRules.AdlRanking.OFF) {
        assertEquals(0, out.countOf(OutcomeCount.ADL_EVENTS));
        assertEquals(0, out.amountOf(OutcomeAmount.ADL_COVERED));
      }
      double open = 0;
      for (int i = 0; i < book.size(); i++) {
        double after = kernel.perpSizeAfterPath(i);
        assertTrue(after == 0 || Math.signum(after) == Math.signum(book.positionSize(i))
            && Math.abs(after) <= Math.abs(book.positionSize(i)), "path " + path + " position " + i);
        open += Math.abs(after);
      }
      assertTrue(open <= oi[0] + oi[1]);
      adlEvents += out.countOf(OutcomeCount.ADL_EVENTS);
      losses += out.badDebt > 0 ? 1 : 0;
    }
    assertTrue(losses > 20, "the case needs losses: " + losses);
    if (ranking != PerpRules.AdlRanking.OFF) {
      assertTrue(adlEvents > 5, "the case needs ADL: " + adlEvents);
    }
  }

  static PerpBook mixedBook(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] margin = new double[n];
    double[] size = new double[n];
    double[] entry = new double[n];
    double[] mm = new double[n];
    for (int i = 0; i < n; i++) {
      entry[i] = 2000 * (0.97 + 0.06 * random.nextDouble());
      size[i] = (random.nextDouble() < 0.6 ? 1 : -1) * (1 + 20 * random.nextDouble());
      double leverage = 2 + 48 * random.nextDouble();
      margin[i] = Math.abs(size[i]) * entry[i] / leverage;
      mm[i] = random.nextDouble() < 0.5 ? 0.005 : 0.01;
    }
    return PerpBook.of(margin, size, entry, mm);
  }

  /**
   * One long, three shorts, a falling market, no fund and a book too thin to close the long
   * without a loss: ADL closes shorts at the long's bankruptcy price. Each ranking picks its
   * own first counterparty; the notional deleveraged is exactly the units taken times the
   * bankruptcy price (no counterparty is closed at a worse price than it is owed), and the loss
   * is covered in full as the shorts hold enough.
   */
  @ParameterizedTest
  @CsvSource({
      "PNL, 3",            // the largest unrealised profit: the biggest short, highest entry
      "PNL_LEVERAGE, 2",   // profit share x effective leverage: the thinly margined short
  })
  void adlClosesTheBestRankedShortAtTheBankruptcyPrice(PerpRules.AdlRanking ranking,
                                                        int firstHit) {
    double s0 = 2000;
    double[] margin = {400, 2_000, 300, 20_000};
    double[] size = {10, -1, -5, -30};
    double[] entry = {s0, 2050, 2010, 2060};
    double[] mm = {0.01, 0.01, 0.01, 0.01};
    PerpBook book = PerpBook.of(margin, size, entry, mm);
    // A steady fall of ~30 % over the day: sigma 0, drift -130 per year at 60 s steps.
    Scenario scenario = perps(1, MarketModel.of(GeometricBrownianMotion.of(-130, 0, 60)), 1440,
        60, s0, new OracleRules(0, 0, 0), book, new PerpRules(0, ranking), 0,
        new LinearDepth(400_000, 1), 0);
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    kernel.run(0, out);
    assertEquals(1, out.countOf(OutcomeCount.ADL_EVENTS), "one bankrupt long");
    assertTrue(out.badDebt > 0);
    assertEquals(out.badDebt, out.amountOf(OutcomeAmount.ADL_COVERED), 1e-9 * out.badDebt, "the shorts cover it all");
    double bankruptcy = PerpPosition.bankruptcyPrice(margin[0], size[0], entry[0]);
    double unitsTaken = 0;
    for (int i = 1; i < 4; i++) {
      unitsTaken += Math.abs(size[i]) - Math.abs(kernel.perpSizeAfterPath(i));
    }
    assertEquals(unitsTaken * bankruptcy, out.amountOf(OutcomeAmount.ADL_NOTIONAL), 1e-9 * out.amountOf(OutcomeAmount.ADL_NOTIONAL));
    assertTrue(Math.abs(kernel.perpSizeAfterPath(firstHit)) < Math.abs(size[firstHit]),
        "position " + firstHit + " is deleveraged first");
    assertTrue(unitsTaken <= size[0], "ADL takes at most the bankrupt position's size");
  }

  /**
   * Funding in closed form: a constant price, a book of L = 30 long and S = 10 short units too
   * well margined to fail; every interval the rate is {@code clamp(k (L - S) / (L + S))}, the
   * longs' index grows by {@code r P} and the shorts' by {@code r P L / S}, so after j payments
   * {@code F_long = j r P} and the book's funding sums to zero.
   */
  @Test
  void fundingFollowsTheImbalanceAndSumsToZero() {
    double s0 = 2000;
    PerpBook book = PerpBook.of(new double[] {1e6, 1e6, 1e6}, new double[] {20, 10, -10},
        new double[] {s0, s0, s0}, new double[] {0.01, 0.01, 0.01});
    FundingRules funding = new FundingRules(480, 0.003, 0.01);
    Scenario scenario = perps(5, MarketModel.of(GeometricBrownianMotion.of(0, 0, 60)), 1440, 60,
        s0, new OracleRules(0, 0, 0), book, new PerpRules(0, PerpRules.AdlRanking.OFF, funding), 0,
        new InfiniteDepth(), 0);
    PathSimulator kernel = new PathSimulator(scenario);
    PathOutcome out = new PathOutcome();
    kernel.run(0, out);
    double rate = 0.003 * (30 - 10) / 40.0;
    PerpIndex index = perpIndex(kernel);
    assertEquals(3 * rate * s0, index.fundingIndexAfterPath(PerpBook.LONG), 1e-9);
    assertEquals(3 * rate * s0 * 3, index.fundingIndexAfterPath(PerpBook.SHORT), 1e-9);
    double[] paid = kernel.perpFundingAfterPath();
    assertEquals(30 * 3 * rate * s0 * 2, paid[1], 1e-6, "gross: longs pay, shorts receive");
    assertEquals(0, paid[0], 1e-9 * paid[1], "net");
    assertEquals(0, out.countOf(OutcomeCount.LIQUIDATIONS));
  }

  /**
   * With liquidations, ADL and funding together, every path's funding sums to zero over the
   * book (to rounding, 1e-9 of the gross): what the open interest paid at each payment is what
   * the positions, booked as they close, in part by ADL or at the horizon, accrued. A long-heavy
   * book pays funding, which lifts the longs' triggers: a long is never liquidated later than
   * without funding, and on some paths earlier.
   */
  @Test
  void fundingIsZeroSumAndBringsLongLiquidationsForward() {
    PerpBook book = mixedBook(200, 23);
    PerpRules withFunding = new PerpRules(0.005, PerpRules.AdlRanking.PNL_LEVERAGE,
        new FundingRules(60, 0.01, 0.005));
    MarketModel market = MarketModel.of(GeometricBrownianMotion.of(0, 2.0, 60));
    PathSimulator funded = new PathSimulator(perps(29, market, 1440, 60, 2000,
        new OracleRules(2, 0, 0), book, withFunding, 2_000, new LinearDepth(5_000_000, 1), 0.2));
    PathOutcome a = new PathOutcome();
    int adl = 0;
    int paidPaths = 0;
    for (long path = 0; path < 100; path++) {
      funded.run(path, a);
      double[] paid = funded.perpFundingAfterPath();
      // (A cascade can empty one side before the first payment: then nothing is paid.)
      paidPaths += paid[1] > 0 ? 1 : 0;
      assertEquals(0, paid[0], 1e-9 * paid[1], "path " + path + ": net funding");
      adl += a.countOf(OutcomeCount.ADL_EVENTS);
    }
    assertTrue(adl > 0, "the case should deleverage: " + adl);
    assertTrue(paidPaths > 50, "funding should be paid on most paths: " + paidPaths);

    // One long against one short (both well away from each other's trigger), no impact, no
    // ADL: funding only moves the long's trigger up.
    PerpBook pair = PerpBook.of(new double[] {4_000, 1e6}, new double[] {10, -2},
        new double[] {2000, 2000}, new double[] {0.01, 0.01});
    PathSimulator plain = new PathSimulator(perps(31, market, 1440, 60, 2000,
        new OracleRules(0, 0, 0), pair, PerpRules.ideal(), 0, new InfiniteDepth(), 0));
    PathSimulator paying = new PathSimulator(perps(31, market, 1440, 60, 2000,
        new OracleRules(0, 0, 0), pair, new PerpRules(0, PerpRules.AdlRanking.OFF,
            new FundingRules(60, 0.01, 0.005)), 0, new InfiniteDepth(), 0));
    PathOutcome p = new PathOutcome();
    PathOutcome q = new PathOutcome();
    int earlier = 0;
    for (long path = 0; path < 2_000; path++) {
      plain.run(path, p);
      paying.run(path, q);
      if (p.firstLiquidationStep >= 0) {
        assertTrue(q.firstLiquidationStep >= 0 && q.firstLiquidationStep <= p.firstLiquidationStep,
            "path " + path + ": " + q.firstLiquidationStep + " vs " + p.firstLiquidationStep);
      }
      earlier += q.countOf(OutcomeCount.LIQUIDATIONS) > p.countOf(OutcomeCount.LIQUIDATIONS)
          || q.firstLiquidationStep >= 0 && q.firstLiquidationStep < p.firstLiquidationStep ? 1 : 0;
    }
    assertTrue(earlier > 10, "funding should bring liquidations forward: " + earlier);
  }

  /**
   * Large positions closed in chunks of at most 20,000 USD of notional, one chunk per position
   * per step: the waterfall still balances on every path, liquidations never exceed steps x
   * positions, positions are only ever reduced, whole closes liquidate each position at most
   * once, and chunking liquidates more often than closing whole positions.
   */
  @Test
  void largePositionsCloseInChunks() {
    PerpBook book = mixedBook(60, 41);
    MarketModel market = MarketModel.of(GeometricBrownianMotion.of(0, 2.0, 60));
    PathSimulator whole = new PathSimulator(perps(43, market, 1440, 60, 2000,
        new OracleRules(2, 0, 0), book, new PerpRules(0.005, PerpRules.AdlRanking.PNL), 3_000,
        new LinearDepth(2_000_000, 1), 0.2));
    PathSimulator chunked = new PathSimulator(perps(43, market, 1440, 60, 2000,
        new OracleRules(2, 0, 0), book, new PerpRules(0.005, PerpRules.AdlRanking.PNL,
            FundingRules.none(), 20_000), 3_000, new LinearDepth(2_000_000, 1), 0.2));
    PathOutcome a = new PathOutcome();
    PathOutcome b = new PathOutcome();
    long wholeLiquidations = 0;
    long chunkLiquidations = 0;
    for (long path = 0; path < 200; path++) {
      whole.run(path, a);
      chunked.run(path, b);
      assertEquals(b.badDebt, b.insuranceDraw + b.amountOf(OutcomeAmount.ADL_COVERED) + b.socializedLoss,
          1e-9 * Math.max(1, b.badDebt), "path " + path);
      assertTrue(b.countOf(OutcomeCount.LIQUIDATIONS) <= 1440L * book.size(), "path " + path);
      for (int i = 0; i < book.size(); i++) {
        double after = chunked.perpSizeAfterPath(i);
        assertTrue(after == 0 || Math.signum(after) == Math.signum(book.positionSize(i))
            && Math.abs(after) <= Math.abs(book.positionSize(i)), "path " + path + " position " + i);
      }
      assertTrue(a.countOf(OutcomeCount.LIQUIDATIONS) <= book.size(), "whole closes: one liquidation per position");
      wholeLiquidations += a.countOf(OutcomeCount.LIQUIDATIONS);
      chunkLiquidations += b.countOf(OutcomeCount.LIQUIDATIONS);
    }
    assertTrue(chunkLiquidations > wholeLiquidations,
        "chunks: " + chunkLiquidations + " liquidations vs " + wholeLiquidations);
  }

  /**
   * Under congestion a perp liquidation waits for inclusion as a loan's does: with a keeper bid
   * below the gas price, every liquidation is submitted and lands 6 steps later (two doublings of
   * 3 steps), so the first liquidation comes at least 6 steps after it does without congestion,
   * the submissions are counted,
   * and the waterfall still balances. With a wait beyond the keeper's limit nothing is submitted
   * and nothing is liquidated.
   */
  @Test
  void perpLiquidationsWaitForInclusionUnderCongestion() {
    PerpBook book = mixedBook(100, 53);
    MarketModel market = MarketModel.of(GeometricBrownianMotion.of(0, 1.5, 12));
    // Gas at 100 gwei (no noise), bid 25: two doublings at 3 steps each, a 6-step wait.
    io.margincall.model.gas.CongestionRules slow = new io.margincall.model.gas.CongestionRules(
        100, 1, 0, 0, 1, 0, 1, 1, 0, 0, 3, 25, 1000, 100);
    io.margincall.model.gas.CongestionRules stuck = new io.margincall.model.gas.CongestionRules(
        100, 1, 0, 0, 1, 0, 1, 1, 0, 0, 3, 25, 1000, 2);
    Scenario base = perps(61, market, 3600, 12, 2000, new OracleRules(0, 0, 0), book,
        new PerpRules(0.005, PerpRules.AdlRanking.PNL), 50_000, new InfiniteDepth(), 0);
    PathSimulator instant = new PathSimulator(base);
    PathSimulator waiting = new PathSimulator(base.toBuilder().congestion(slow).build());
    PathSimulator never = new PathSimulator(base.toBuilder().congestion(stuck).build());
    PathOutcome a = new PathOutcome();
    PathOutcome b = new PathOutcome();
    PathOutcome c = new PathOutcome();
    int later = 0;
    for (long path = 0; path < 100; path++) {
      instant.run(path, a);
      waiting.run(path, b);
      never.run(path, c);
      if (a.firstLiquidationStep >= 0 && b.firstLiquidationStep >= 0) {
        // Until the first liquidation the two paths are the same market and mark, and nothing
        // lands sooner than its 6-step wait.
        assertTrue(b.firstLiquidationStep >= a.firstLiquidationStep + 6,
            "path " + path + ": " + b.firstLiquidationStep + " vs " + a.firstLiquidationStep);
        later++;
      }
      assertTrue(b.submissions >= b.countOf(OutcomeCount.LIQUIDATIONS), "path " + path);
      assertEquals(b.badDebt, b.insuranceDraw + b.amountOf(OutcomeAmount.ADL_COVERED)
          + b.socializedLoss, 1e-9 * Math.max(1, b.badDebt), "path " + path);
      assertEquals(0, c.countOf(OutcomeCount.LIQUIDATIONS), "path " + path);
      assertEquals(0, c.submissions, "path " + path);
      if (a.countOf(OutcomeCount.LIQUIDATIONS) > 0) {
        assertTrue(c.countOf(OutcomeCount.NOT_INCLUDED_IN_TIME) > 0, "path " + path);
      }
    }
    assertTrue(later > 20, "the case needs liquidations: " + later);
  }

  private static PerpIndex perpIndex(PathSimulator kernel) {
    try {
      var field = PathSimulator.class.getDeclaredField("perps");
      field.setAccessible(true);
      return (PerpIndex) field.get(kernel);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
