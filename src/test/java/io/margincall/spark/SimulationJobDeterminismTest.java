package io.margincall.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.kernel.PathBatch;
import io.margincall.kernel.Scenario;
import io.margincall.stats.BadDebtAccumulator;
import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.OutcomeCount;
import io.margincall.stats.SummaryFingerprint;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Same seed and config give the same summary bits whatever the partitioning and the number of
 * local cores, and the same as the kernel run in one JVM without Spark.
 */
class SimulationJobDeterminismTest {

  static String fingerprint(BadDebtSummary s) {
    return SummaryFingerprint.of(s);
  }

  @Test
  void summaryBitsDoNotDependOnPartitionsOrCores() {
    Path conf = Path.of(System.getProperty("margincall.basedir", "."), "conf", "quickstart.conf");
    ScenarioSettings settings = ScenarioSettings.load(conf,
        List.of("run.paths=3000", "time.step=60", "oracle.delay=1800"));
    Scenario scenario = ScenarioFactory.build(settings);
    BadDebtSummary reference = PathBatch.simulateAll(scenario, settings.run().paths())
        .summarize(settings.time().stepSeconds());
    assertTrue(reference.badDebt().estimate() > 0, "the case should have bad debt");
    String expected = fingerprint(reference);

    for (String master : List.of("local[1]", "local[2]")) {
      SparkSession spark = SparkSessions.create(master, "determinism " + master);
      try {
        assertEquals(master, spark.sparkContext().master(), "a session from another test leaked");
        // 100: more than SimulationJob.DIRECT_MERGE_MAX, merged by treeReduce
        for (int partitions : new int[] {1, 7, 100}) {
          BadDebtAccumulator acc = SimulationJob.run(spark, scenario, settings.run().paths(),
              partitions);
          assertEquals(expected, fingerprint(acc.summarize(settings.time().stepSeconds())),
              master + " with " + partitions + " partitions");
        }
      } finally {
        spark.stop();
      }
    }
  }

  /**
   * The bounded-memory tail (statistics.exact-tail-max-values far below what 3,000 paths need):
   * every partition's accumulator keeps the same summary kind, so the bits do not depend on
   * the partitioning either, and equal one accumulator fed every path in one JVM.
   */
  @Test
  void boundedTailBitsDoNotDependOnPartitions() {
    Path conf = Path.of(System.getProperty("margincall.basedir", "."), "conf", "quickstart.conf");
    ScenarioSettings settings = ScenarioSettings.load(conf,
        List.of("run.paths=3000", "time.step=60", "oracle.delay=1800",
            "statistics.exact-tail-max-values=20"));
    int bound = settings.statistics().exactTailMaxValues();
    Scenario scenario = ScenarioFactory.build(settings);
    BadDebtAccumulator reference = new BadDebtAccumulator(settings.run().paths(), bound);
    PathBatch.simulate(io.margincall.kernel.PathKernel.of(scenario), 0, settings.run().paths(),
        reference);
    BadDebtSummary summary = reference.summarize(settings.time().stepSeconds());
    assertTrue(!summary.tailExact() && summary.tail()[0].esError() > 0,
        "the case should need the bins: " + java.util.Arrays.toString(summary.tail()));
    String expected = fingerprint(summary);
    SparkSession spark = SparkSessions.create("local[2]", "bounded tail");
    try {
      for (int partitions : new int[] {1, 4, 7, 100}) {
        BadDebtAccumulator acc = SimulationJob.runSweep(spark, List.of(scenario), 0,
            settings.run().paths(), partitions, FaultInjection.none(),
            io.margincall.kernel.PathSample.none(), bound).statistics().point(0);
        assertEquals(expected, fingerprint(acc.summarize(settings.time().stepSeconds())),
            partitions + " partitions");
      }
    } finally {
      spark.stop();
    }
  }

  /** Antithetic pairs are never split between tasks, so any partitioning gives the same bits. */
  @Test
  void antitheticBitsDoNotDependOnPartitions() {
    ScenarioSettings settings = quickstart("run.paths=1002", "time.step=60",
        "oracle.delay=1800", "sampling.antithetic=true");
    Scenario scenario = ScenarioFactory.build(settings);
    String expected = fingerprint(PathBatch.simulateAll(scenario, settings.run().paths())
        .summarize(settings.time().stepSeconds()));
    assertSameBitsOnPartitions("antithetic", settings, scenario, expected);
  }

  /**
   * Importance-sampled paths carry weights other than 1; the weighted sums merge exactly, so
   * any partitioning gives the same bits, and the weights reach the Spark job's statistics.
   */
  @Test
  void importanceSampledBitsDoNotDependOnPartitions() {
    ScenarioSettings settings = quickstart("run.paths=1000", "time.step=60",
        "oracle.delay=1800", "sampling.importance.tilt=-0.01");
    Scenario scenario = ScenarioFactory.build(settings);
    var reference = PathBatch.simulateAll(scenario, settings.run().paths())
        .summarize(settings.time().stepSeconds());
    assertTrue(reference.effectivePaths() < settings.run().paths(), "weighted paths");
    assertSameBitsOnPartitions("importance", settings, scenario, fingerprint(reference));
  }

  /**
   * Dutch auctions carry state from step to step (running auctions, the debt in auction), all
   * of it per path: any partitioning gives the same bits.
   */
  @Test
  void dutchAuctionBitsDoNotDependOnPartitions() {
    ScenarioSettings settings = quickstart("run.paths=1000", "time.step=60",
        "oracle.delay=1800", "protocol.incentive.model=dutch-auction",
        "protocol.incentive.dutch-auction.hole-per-asset-usd=2000000",
        "liquidity.model=linear", "keeper.min-profit-usd=10");
    Scenario scenario = ScenarioFactory.build(settings);
    var reference = PathBatch.simulateAll(scenario, settings.run().paths())
        .summarize(settings.time().stepSeconds());
    assertTrue(reference.count(OutcomeCount.AUCTION_TAKES) > 0
        && reference.count(OutcomeCount.AUCTIONS_THROTTLED) > 0, "auctions taken and throttled");
    assertSameBitsOnPartitions("dutch-auction", settings, scenario, fingerprint(reference));
  }

  /** conf/quickstart.conf with the given overrides. */
  private static ScenarioSettings quickstart(String... overrides) {
    Path conf = Path.of(System.getProperty("margincall.basedir", "."), "conf", "quickstart.conf");
    return ScenarioSettings.load(conf, List.of(overrides));
  }

  /** The Spark job on local[2] with 1 and 7 partitions gives the {@code expected} summary. */
  private static void assertSameBitsOnPartitions(String name, ScenarioSettings settings,
                                                 Scenario scenario, String expected) {
    SparkSession spark = SparkSessions.create("local[2]", name);
    try {
      for (int partitions : new int[] {1, 7}) {
        BadDebtAccumulator acc = SimulationJob.run(spark, scenario, settings.run().paths(),
            partitions);
        assertEquals(expected, fingerprint(acc.summarize(settings.time().stepSeconds())),
            partitions + " partitions");
      }
    } finally {
      spark.stop();
    }
  }

  /**
   * The default partitioning: 4 tasks a core at least, one per 25,000 path-points for the
   * progress report, but no more than the driver merges directly (a treeReduce's shuffle stage
   * costs more than the kernel of a short run).
   */
  @Test
  void defaultPartitionsStayWithinTheDirectMerge() {
    assertEquals(8, SimulationJob.defaultPartitions(2, 100_000, 1));
    assertEquals(40, SimulationJob.defaultPartitions(2, 1_000_000, 1));
    assertEquals(SimulationJob.DIRECT_MERGE_MAX, SimulationJob.defaultPartitions(2, 4_000_000, 1));
    assertEquals(SimulationJob.DIRECT_MERGE_MAX, SimulationJob.defaultPartitions(2, 1_000_000, 9));
    assertEquals(400, SimulationJob.defaultPartitions(100, 4_000_000, 1));
  }

  /** Every task fails its first attempt and is retried (local[2,4] allows 4 attempts). */
  @Test
  void retriedTasksChangeNoBit() {
    Path conf = Path.of(System.getProperty("margincall.basedir", "."), "conf", "quickstart.conf");
    ScenarioSettings settings = ScenarioSettings.load(conf,
        List.of("run.paths=1000", "time.step=60", "oracle.delay=1800"));
    Scenario scenario = ScenarioFactory.build(settings);
    String expected = fingerprint(PathBatch.simulateAll(scenario, settings.run().paths())
        .summarize(settings.time().stepSeconds()));
    SparkSession spark = SparkSessions.create("local[2,4]", "retries");
    try {
      assertEquals("local[2,4]", spark.sparkContext().master());
      BadDebtAccumulator acc = SimulationJob.run(spark, scenario, settings.run().paths(), 5,
          new FaultInjection(true, -1));
      assertEquals(expected, fingerprint(acc.summarize(settings.time().stepSeconds())));
    } finally {
      spark.stop();
    }
  }

  @Test
  void aFailureOnEveryAttemptFailsTheJob() {
    Path conf = Path.of(System.getProperty("margincall.basedir", "."), "conf", "quickstart.conf");
    ScenarioSettings settings = ScenarioSettings.load(conf, List.of("run.paths=100"));
    Scenario scenario = ScenarioFactory.build(settings);
    // local[1] allows one attempt: the injected failure must surface, not be swallowed.
    SparkSession spark = SparkSessions.create("local[1]", "no retries");
    try {
      org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> SimulationJob.run(
          spark, scenario, settings.run().paths(), 2, new FaultInjection(true, -1)));
    } finally {
      spark.stop();
    }
  }

  @Test
  void rangesCoverEveryPathOnce() {
    List<long[]> ranges = SimulationJob.ranges(1003, 7);
    long next = 0;
    for (long[] r : ranges) {
      assertEquals(next, r[0]);
      assertTrue(r[1] >= r[0]);
      next = r[1];
    }
    assertEquals(1003, next);
    next = 0;
    for (long[] r : SimulationJob.pairRanges(1004, 7)) {
      assertEquals(next, r[0]);
      assertEquals(0, r[0] % 2, "a range starts on an even path");
      next = r[1];
    }
    assertEquals(1004, next);
  }
}
