package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.ConfigError;
import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.model.FdLibm;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.LiquidationCosts;
import io.margincall.stats.OutcomeCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A book compressed into cohorts ({@code accounts.cohorts}, {@link AccountBook#cohorts}): each
 * cohort is liquidated as that many identical members. Checked three ways: the compression
 * itself (sums, members, how far a member's trigger moves); exact cohorts against the
 * uncompressed book path by path, where real arithmetic says they agree (identical members under
 * dust and the insurance fund; members scaled by powers of two under scale-free rules); and
 * binned cohorts against the exact book in distribution, paired path by path, within the Monte
 * Carlo standard error of the difference, with a coarse width that the same test detects.
 */
class CohortsTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));
  private static final String QUICKSTART = "conf/quickstart.conf";
  // {collateral, debt, copies}: loans at LTV 0.85 to 0.91 (threshold 0.92), a few small enough
  // for the dust rule to close them.
  private static final double[][] KINDS = {
      {10, 18200, 4}, {3, 5300, 7}, {40, 68000, 2}, {0.5, 880, 9}, {0.06, 105, 3},
      {1, 1600.0123, 3}};  // 3 x (3 D x (1 / 3)) < 3 D: a whole repayment must not fall short

  @Test
  void compressionKeepsTheBookAndMovesNoTriggerByTheWidth() {
    AccountBook book = scenario(List.of("accounts.generated.count=5000")).book();
    double width = 1e-3;
    AccountBook cohorts = book.cohorts(width);
    assertTrue(cohorts.size() < book.size() / 2, cohorts.size() + " cohorts");
    assertEquals(book.size(), cohorts.accountCount());
    assertEquals(book.totalDebt(), cohorts.totalDebt(), 1e-9 * book.totalDebt());
    assertEquals(book.totalCollateral(), cohorts.totalCollateral(),
        1e-9 * book.totalCollateral());
    // Each cohort is the sum of the accounts whose ln(D / c) lies in its bin; its first row is
    // the smallest; its trigger lies between its members' triggers, less than the width away.
    int members = 0;
    for (int j = 0; j < cohorts.size(); j++) {
      double bin = Math.floor(logRatio(cohorts, j) / width);
      double c = 0;
      double d = 0;
      int n = 0;
      int first = Integer.MAX_VALUE;
      for (int i = 0; i < book.size(); i++) {
        if (Math.floor(logRatio(book, i) / width) == bin) {
          c += book.collateral(i);
          d += book.debt(i);
          n++;
          first = Math.min(first, book.sourceRow(i));
          assertTrue(Math.abs(book.logTrigger(i) - cohorts.logTrigger(j)) < width);
        }
      }
      assertEquals(n, cohorts.members(j), "cohort " + j);
      assertEquals(c, cohorts.collateral(j), 1e-9 * c);
      assertEquals(d, cohorts.debt(j), 1e-9 * d);
      assertEquals(first, cohorts.sourceRow(j));
      if (j > 0) {
        assertTrue(cohorts.logTrigger(j) <= cohorts.logTrigger(j - 1), "storage order");
      }
      members += n;
    }
    assertEquals(book.size(), members);
    // Exact cohorts of a continuous book: every account on its own, as it was.
    AccountBook exact = book.cohorts(0);
    assertEquals(book.size(), exact.size());
    for (int i = 0; i < book.size(); i++) {
      assertEquals(1, exact.members(i));
      assertEquals(book.sourceRow(i), exact.sourceRow(i));
    }
    assertTrue(!book.hasCohorts() && exact.hasCohorts());
    // Bins of log debt as well: a cohort's members differ in debt by less than e^0.5.
    AccountBook sized = book.cohorts(width, 0.5);
    assertTrue(sized.size() > cohorts.size() && sized.size() < book.size());
    assertEquals(book.size(), sized.accountCount());
    assertEquals(book.totalDebt(), sized.totalDebt(), 1e-9 * book.totalDebt());
    for (int j = 0; j < sized.size(); j++) {
      double least = Double.POSITIVE_INFINITY;
      double most = 0;
      int n = 0;
      for (int i = 0; i < book.size(); i++) {
        if (Math.floor(logRatio(book, i) / width) == Math.floor(logRatio(sized, j) / width)
            && Math.floor(Math.log(book.debt(i)) / 0.5)
            == Math.floor(Math.log(sized.debt(j) / sized.members(j)) / 0.5)) {
          least = Math.min(least, book.debt(i));
          most = Math.max(most, book.debt(i));
          n++;
        }
      }
      assertEquals(sized.members(j), n, "cohort " + j);
      assertTrue(most / least < Math.exp(0.5), "cohort " + j + ": debts " + least + ", " + most);
    }
  }

  @Test
  void exactModeMergesOnlyIdenticalAccounts() {
    double[] c = {1, 1, 2, 1, 3};
    double[] d = {1000, 1000, 2000, 1000, 1000};
    double[] lt = {0.9, 0.9, 0.9, 0.8, 0.9};
    AccountBook book = AccountBook.of(c, d, lt);
    AccountBook identical = book.cohorts(0, 0);
    assertEquals(4, identical.size());  // rows 0 and 1 merge; 3 has another threshold
    // Identical accounts with another of their trigger between them (rows small, big, small):
    // kept apart, so that the oracle reaches them in the book's order.
    AccountBook between = AccountBook.of(new double[] {1, 2, 1}, new double[] {1000, 2000, 1000},
        new double[] {0.9, 0.9, 0.9});
    assertEquals(3, between.cohorts(0, 0).size());
    assertEquals(1, between.cohorts(0).size());  // the same up to scale: one cohort
    AccountBook upToScale = book.cohorts(0);
    assertEquals(3, upToScale.size());  // rows 0, 1 and 2 share D / c
    int largest = 0;
    for (int j = 0; j < upToScale.size(); j++) {
      largest = Math.max(largest, upToScale.members(j));
      if (upToScale.members(j) == 3) {
        assertEquals(0, upToScale.sourceRow(j));
        assertEquals(4000, upToScale.debt(j));
        assertEquals(4, upToScale.collateral(j));
      }
    }
    assertEquals(3, largest);
    assertEquals(1000, scenario(List.of("accounts.cohorts.mode=exact")).book().size());
  }

  /**
   * Identical accounts under the quickstart's rules (close factor, bonus, dust, the insurance
   * fund and its bonus share), one cohort per kind: the same outcome path by path.
   */
  @Test
  void identicalMembersGiveTheUncompressedOutcome() {
    assertSameOutcomes(List.of(), KINDS, false, 400);
  }

  /**
   * The same under congestion: the keeper's gas fee and minimum profit per member, and each
   * member's transaction submitted at the same step as the others', waiting as long.
   */
  @Test
  void identicalMembersUnderCongestionGiveTheUncompressedOutcome() {
    long[] seen = assertSameOutcomes(List.of("congestion.enabled=true",
        "keeper.min-profit-usd=30", "congestion.shocks.rate-per-day=6",
        "congestion.keeper-bid-gwei=40"), KINDS, false, 400);
    assertTrue(seen[0] > 0 && seen[1] > 0 && seen[2] > 0, "submissions " + seen[0]
        + ", waits " + seen[1] + ", skips " + seen[2] + ": congestion must act to be compared");
  }

  /** Close factor 1: every liquidation repays a member's whole debt, and closes the cohort. */
  @Test
  void aWholeRepaymentClosesTheCohort() {
    assertSameOutcomes(List.of("protocol.close-factor=1", "protocol.dust=0"), KINDS, false, 400);
  }

  /**
   * A market of finite depth with no permanent impact: each member's sale slips on its own size
   * at the step's market, as it would alone.
   */
  @Test
  void identicalMembersSellAsTheyWouldAloneInAFiniteMarket() {
    assertSameOutcomes(List.of("liquidity.model=linear", "liquidity.depth-usd=300000",
        "keeper.min-profit-usd=20"), KINDS, false, 400);
  }

  /**
   * A sweep's account-by-account comparison with its baseline ({@code liquidation_cost_*})
   * counts a cohort's members: identical accounts merged give the uncompressed book's counts.
   */
  @Test
  void aSweepComparesAccountsNotCohorts() {
    long[][] counts = new long[2][];
    for (int merged = 0; merged < 2; merged++) {
      AccountBook book = accounts(KINDS, false);
      if (merged == 1) {
        book = book.cohorts(0, 0);
      }
      Scenario base = scenario(List.of("time.step=60", "price.gbm.volatility=3")).toBuilder()
          .book(book).build();
      Scenario point = scenario(List.of("time.step=60", "price.gbm.volatility=3",
          "oracle.delay=600")).toBuilder().book(book).build();
      PathSimulator a = new PathSimulator(base);
      PathSimulator b = new PathSimulator(point);
      PathOutcome x = PathBatch.sweepOutcome(base, 2);
      PathOutcome y = PathBatch.sweepOutcome(point, 2);
      LiquidationCosts costs = new LiquidationCosts();
      for (long path = 0; path < 300; path++) {
        a.run(path, x);
        b.run(path, y);
        costs.add(y.firstLiquidations(), x.firstLiquidations());
      }
      counts[merged] = new long[] {costs.falsePositives(), costs.prevented(), costs.both(),
          costs.delayed(), costs.advanced(), costs.delayStepsSum()};
    }
    assertEquals(Arrays.toString(counts[0]), Arrays.toString(counts[1]));
    assertTrue(counts[0][2] > 0 && counts[0][3] + counts[0][4] > 0, Arrays.toString(counts[0]));
  }

  /**
   * Each kind {c, D, copies} as that many accounts, interleaved in input order: identical, or
   * scaled by 1, 2, 4, ... when {@code scaled}.
   */
  private static AccountBook accounts(double[][] kinds, boolean scaled) {
    int n = Arrays.stream(kinds).mapToInt(k -> (int) k[2]).sum();
    double[] c = new double[n];
    double[] d = new double[n];
    double[] lt = new double[n];
    int i = 0;
    for (int copy = 0; i < n; copy++) {
      for (double[] k : kinds) {
        if (copy < k[2]) {
          double scale = scaled ? Math.scalb(1.0, copy) : 1;
          c[i] = k[0] * scale;
          d[i] = k[1] * scale;
          lt[i++] = 0.92;
        }
      }
    }
    return AccountBook.of(c, d, lt);
  }

  /**
   * The protocols' incentive rules read one member (Aave v3's USD thresholds and leftover rule,
   * Euler's and Morpho's health-based bonus), with oracle-priced seizure, congestion, a
   * finite-depth market without permanent impact and a dynamic margin: the same outcome path by
   * path.
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "protocol.incentive.model=aave-v3,protocol.seize-price=oracle,congestion.enabled=true,"
          + "keeper.min-profit-usd=30,congestion.shocks.rate-per-day=6,"
          + "congestion.keeper-bid-gwei=40,liquidity.model=linear,liquidity.depth-usd=300000,"
          + "defences.margin.model=realized-volatility,defences.margin.half-life=600",
      "protocol.incentive.model=euler,liquidity.model=linear,liquidity.depth-usd=300000,"
          + "keeper.min-profit-usd=20,congestion.enabled=true,congestion.shocks.rate-per-day=6,"
          + "congestion.keeper-bid-gwei=40",
      "protocol.incentive.model=morpho,protocol.dust=0,oracle.delay=7200,oracle.heartbeat=7200,"
          + "oracle.deviation=0.05,congestion.enabled=true,keeper.min-profit-usd=30,"
          + "congestion.shocks.rate-per-day=6,congestion.keeper-bid-gwei=40",
      "protocol.seize-price=oracle,oracle.delay=7200,oracle.heartbeat=7200,"
          + "oracle.deviation=0.05,liquidity.model=constant-product,keeper.min-profit-usd=20",
  })
  void identicalMembersUnderEachIncentiveRuleGiveTheUncompressedOutcome(String sets) {
    assertSameOutcomes(Arrays.asList(sets.split(",")), KINDS, false, 400);
  }

  /**
   * Exact cohorts of a book whose kinds share a trigger to the bit but not a size (a small loan
   * the dust rule closes whole, and one 1,024 times as big), in input rows small, big, small:
   * liquidated at one step, the insurance fund must see their deposits and losses in the order
   * it would account by account, so the two small loans stay apart (three entries).
   */
  @Test
  void exactCohortsOfOneTriggerKeepTheFundsOrder() {
    double[][] kinds = {{0.1, 170, 2}, {0.1 * 1024, 170 * 1024, 1}};
    assertSameOutcomes(List.of("insurance.balance=0"), kinds, false, 400, 0, 3);
  }

  /** Members scaled by powers of two (the same D / c to the bit), rules that read no size. */
  @Test
  void membersTheSameUpToScaleGiveTheUncompressedOutcome() {
    assertSameOutcomes(List.of("protocol.dust=0"), KINDS, true, 400);
  }

  /**
   * Binned cohorts of the quickstart book against the book itself, on the same paths: the mean
   * bad debt, P(bad debt) and the mean liquidation count agree within four standard errors of
   * the paired difference at a width of 1e-3 (triggers moved by under 0.1 %), and a width of
   * 0.2 moves the count detectably, so the comparison can fail. Under the dust rule only the
   * losses are compared: a cohort applies dust to its mean member, so members smaller than the
   * mean are closed later than on their own, and the count moves (by ~0.5 % here, detected).
   */
  @Test
  void binnedCohortsAgreeWithTheBookWithinTheStandardError() {
    int paths = 2000;
    for (String dust : List.of("protocol.dust=0", "protocol.dust=100")) {
      Scenario book = scenario(List.of("accounts.generated.count=3000", "time.step=60", dust));
      Scenario fine = book.toBuilder().book(book.book().cohorts(1e-3)).build();
      assertTrue(fine.book().size() < book.book().size() / 2, fine.book().size() + " cohorts");
      double[][] exact = outcomes(book, paths);
      double[][] binned = outcomes(fine, paths);
      assertTrue(Arrays.stream(exact[1]).sum() >= 20, "too few bad-debt paths to compare");
      int compared = dust.endsWith("=0") ? 3 : 2;
      for (int k = 0; k < compared; k++) {
        double[] d = paired(binned[k], exact[k]);
        assertTrue(Math.abs(d[0]) <= 4 * d[1], dust + ", statistic " + k + ": difference " + d[0]
            + " against a standard error of " + d[1]);
      }
      if (compared == 3) {
        Scenario coarse = book.toBuilder().book(book.book().cohorts(0.2)).build();
        double[] w = paired(outcomes(coarse, paths)[2], exact[2]);
        assertTrue(Math.abs(w[0]) > 4 * w[1], "a width of 0.2 should move the liquidation"
            + " count: " + w[0] + " +- " + w[1]);
      }
    }
  }

  @Test
  void mechanismsThatActPerTransactionOrPositionAreRefused() {
    for (String other : List.of("perps.source=generated",
        "defences.circuit-breaker.enabled=true",
        "protocol.incentive.model=dutch-auction")) {
      ConfigError e = assertThrows(ConfigError.class,
          () -> ScenarioSettings.load(ROOT.resolve(QUICKSTART),
              List.of("accounts.cohorts.mode=binned", other)));
      assertTrue(e.getMessage().contains("accounts.cohorts.mode"), e.getMessage());
    }
    ConfigError e = assertThrows(ConfigError.class,
        () -> ScenarioSettings.load(ROOT.resolve(QUICKSTART),
            List.of("accounts.cohorts.mode=binned", "accounts.cohorts.log-width=0")));
    assertTrue(e.getMessage().contains("accounts.cohorts.log-width"), e.getMessage());
    // Off is the default and leaves the config hash as it was; on changes it.
    String none = ScenarioSettings.load(ROOT.resolve(QUICKSTART), List.of()).configHash();
    assertEquals(none, ScenarioSettings.load(ROOT.resolve(QUICKSTART),
        List.of("accounts.cohorts.mode=none", "accounts.cohorts.log-width=0.5")).configHash());
    assertTrue(!none.equals(ScenarioSettings.load(ROOT.resolve(QUICKSTART),
        List.of("accounts.cohorts.mode=binned")).configHash()));
    assertEquals(1000, scenario(List.of("accounts.cohorts.mode=binned",
        "accounts.cohorts.log-width=0.01")).book().accountCount());
  }

  /**
   * The book of {@link #accounts} and its exact cohorts (one per kind) must give the same
   * outcome on every path.
   */
  private static long[] assertSameOutcomes(List<String> sets, double[][] kinds, boolean scaled,
                                           int paths) {
    return assertSameOutcomes(sets, kinds, scaled, paths, Double.POSITIVE_INFINITY,
        kinds.length);
  }

  /**
   * As above, merging only accounts whose debts share a bin of {@code sizeLogWidth} (0: equal
   * debts, {@code cohorts(0, 0)}), into {@code entries} cohorts.
   */
  private static long[] assertSameOutcomes(List<String> sets, double[][] kinds, boolean scaled,
                                           int paths, double sizeLogWidth, int entries) {
    List<String> all = new ArrayList<>(sets);
    all.add("time.step=60");
    all.add("price.gbm.volatility=3");
    Scenario base = scenario(all);
    AccountBook book = accounts(kinds, scaled);
    AccountBook cohorts = book.cohorts(0, sizeLogWidth);
    assertEquals(entries, cohorts.size());
    Scenario separate = base.toBuilder().book(book).build();
    Scenario merged = base.toBuilder().book(cohorts).build();
    PathSimulator a = new PathSimulator(separate);
    PathSimulator b = new PathSimulator(merged);
    PathOutcome x = new PathOutcome();
    PathOutcome y = new PathOutcome();
    int bad = 0;
    int liquidated = 0;
    long[] seen = new long[3];
    for (long path = 0; path < paths; path++) {
      a.run(path, x);
      b.run(path, y);
      String at = "path " + path;
      for (OutcomeCount k : OutcomeCount.values()) {
        assertEquals(x.countOf(k), y.countOf(k), at + " " + k);
      }
      assertEquals(x.fundExhausted, y.fundExhausted, at);
      assertEquals(x.submissions, y.submissions, at);
      assertEquals(x.inclusionWaitSteps, y.inclusionWaitSteps, at);
      seen[0] += x.submissions;
      seen[1] += x.inclusionWaitSteps;
      seen[2] += x.countOf(OutcomeCount.UNPROFITABLE_AFTER_FEES);
      assertEquals(x.firstLiquidationStep, y.firstLiquidationStep, at);
      assertEquals(x.firstBadDebtStep, y.firstBadDebtStep, at);
      close(x.badDebt, y.badDebt, at + " bad debt");
      close(x.insuranceDraw, y.insuranceDraw, at + " insurance draw");
      close(x.socializedLoss, y.socializedLoss, at + " socialized loss");
      close(x.horizonShortfall, y.horizonShortfall, at + " horizon shortfall");
      close(x.collateralSeized, y.collateralSeized, at + " collateral seized");
      close(x.debtRepaid, y.debtRepaid, at + " debt repaid");
      if (!scaled) {
        close(x.largestLoss.loss(), y.largestLoss.loss(), at + " largest loss");
      }
      bad += x.badDebt > 0 ? 1 : 0;
      liquidated += x.countOf(OutcomeCount.LIQUIDATIONS) > 0 ? 1 : 0;
    }
    assertTrue(bad >= 10 && liquidated > bad, bad + " bad-debt paths, " + liquidated
        + " with liquidations: too few to compare");
    return seen;
  }

  /** ln(D / c) of entry i, as the compression bins it. */
  private static double logRatio(AccountBook book, int i) {
    return FdLibm.log(book.debt(i) / book.collateral(i));
  }

  private static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
  }

  /** Per path: bad debt, bad-debt indicator, liquidations. */
  private static double[][] outcomes(Scenario s, int paths) {
    PathSimulator sim = new PathSimulator(s);
    PathOutcome o = new PathOutcome();
    double[][] r = new double[3][paths];
    for (int p = 0; p < paths; p++) {
      sim.run(p, o);
      r[0][p] = o.badDebt;
      r[1][p] = o.badDebt > 0 ? 1 : 0;
      r[2][p] = o.countOf(OutcomeCount.LIQUIDATIONS);
    }
    return r;
  }

  /** Mean and standard error of the paired differences a - b. */
  private static double[] paired(double[] a, double[] b) {
    int n = a.length;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += (a[i] - b[i]) / n;
    }
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double e = a[i] - b[i] - mean;
      ss += e * e;
    }
    return new double[] {mean, Math.sqrt(ss / (n - 1) / n)};
  }

  private static Scenario scenario(List<String> sets) {
    return ScenarioFactory.build(ScenarioSettings.load(ROOT.resolve(QUICKSTART), sets));
  }
}
