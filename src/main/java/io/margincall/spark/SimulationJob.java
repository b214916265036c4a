package io.margincall.spark;

import io.margincall.protocol.LargestLoss;
import io.margincall.protocol.PathOutcome;
import io.margincall.kernel.PathBatch;
import io.margincall.kernel.PathSample;
import io.margincall.kernel.PathKernel;
import io.margincall.kernel.Scenario;
import io.margincall.stats.BadDebtAccumulator;
import io.margincall.stats.OutcomeCount;
import io.margincall.stats.PathSampling;
import io.margincall.stats.SweepAccumulator;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs the paths of one scenario, or of every point of a sweep, on Spark.
 *
 * <p>Path indices are split into contiguous ranges, one per partition. A task runs every point
 * of a path one after the other, on the same path index and so the same random numbers (common
 * random numbers: differences between points are policy, not noise), into one
 * {@link SweepAccumulator}; the driver merges the accumulators as they arrive ({@code treeReduce}
 * beyond {@link #DIRECT_MERGE_MAX} partitions). No row per step
 * exists, and the driver holds only merged statistics; the sampled per-path rows, if any, are
 * written by the executors. Each path's streams depend only on (seed, path) and the merge is
 * exact, so the result has the same bits for any partitioning, executor count or retry.
 */
public final class SimulationJob {
  /** Name of the RDD whose tasks run the kernel; the progress reporter counts its tasks. */
  public static final String KERNEL_RDD = "margincall-kernel";

  /**
   * Most task results the driver merges itself: 64 results of at most 65,536 tail values (the
   * default bound, 8 bytes each) are 32 MiB a point, the order of what treeReduce over 2,000
   * partitions sends it (~45 results).
   */
  static final int DIRECT_MERGE_MAX = 64;

  private SimulationJob() {}

  /** What a task returns: its statistics and its sampled per-path rows. */
  static final class TaskResult implements Serializable {
    private static final long serialVersionUID = 1L;
    final SweepAccumulator statistics;
    final List<Row> rows;

    TaskResult(SweepAccumulator statistics, List<Row> rows) {
      this.statistics = statistics;
      this.rows = rows;
    }
  }

  /** The merged statistics, and the per-path rows (to write, then {@link #release}). */
  public static final class Result {
    private final SweepAccumulator statistics;
    private final JavaRDD<Row> pathRows;
    private final JavaRDD<TaskResult> cached;

    Result(SweepAccumulator statistics, JavaRDD<Row> pathRows, JavaRDD<TaskResult> cached) {
      this.statistics = statistics;
      this.pathRows = pathRows;
      this.cached = cached;
    }

    public SweepAccumulator statistics() {
      return statistics;
    }

    /** Per-path rows without provenance ({@link #PATH_COLUMNS}); null when none are kept. */
    public JavaRDD<Row> pathRows() {
      return pathRows;
    }

    /** Frees the cached task results. */
    public void release() {
      if (cached != null) {
        cached.unpersist(false);
      }
    }
  }

  /** Column names of the per-path rows, in order (types: see RunTables.pathsSchema). */
  public static final List<String> PATH_COLUMNS = List.of("point", "path", "bad_debt",
      "insurance_draw", "socialized_loss", "fund_exhausted", "liquidations", "failed_oracle_stale",
      "failed_unprofitable_fees", "failed_unprofitable_slippage", "failed_not_included",
      "first_bad_debt_step",
      "horizon_shortfall", "min_market_to_oracle", "oracle_outage_steps", "largest_loss_kind",
      "largest_loss_account", "largest_loss_step", "largest_loss_usd",
      "largest_loss_liquidation_price", "largest_loss_bankruptcy_price", "largest_loss_mark",
      "largest_loss_market", "weight");

  /** One scenario: the statistics of all its paths. */
  public static BadDebtAccumulator run(SparkSession spark, Scenario scenario, long paths,
                                       int partitions) {
    return run(spark, scenario, paths, partitions, FaultInjection.none());
  }

  /** As {@link #run(SparkSession, Scenario, long, int)}, with test-only faults. */
  public static BadDebtAccumulator run(SparkSession spark, Scenario scenario, long paths,
                                       int partitions, FaultInjection faults) {
    return runSweep(spark, List.of(scenario), 0, paths, partitions, faults, PathSample.none(),
        BadDebtAccumulator.UNBOUNDED).statistics().point(0);
  }

  /**
   * Every point of a sweep on the same paths.
   *
   * @param points the scenarios of the points (same seed, same time grid)
   * @param baseline index of the point the others are compared with
   * @param partitions number of path ranges; 0 = enough for both cores and a steady progress
   *     report: max(4 x default parallelism, min(64, paths x points / 25,000))
   * @param maxTailValues most losses each point keeps exactly ({@link BadDebtAccumulator});
   *     every partition's accumulator gets the same, so the merged result does not depend on
   *     the partitioning
   */
  public static Result runSweep(SparkSession spark, List<Scenario> points, int baseline,
                                long paths, int partitions, FaultInjection faults,
                                PathSample sample, int maxTailValues) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = partitions > 0 ? partitions : defaultPartitions(jsc, paths, points.size());
    slices = (int) Math.max(1, Math.min(slices, paths));
    boolean antithetic = points.get(0).antithetic();
    PathSampling sampling = points.get(0).sampling();
    List<long[]> ranges = antithetic ? pairRanges(paths, slices) : ranges(paths, slices);
    Broadcast<List<Scenario>> shared = jsc.broadcast(new ArrayList<>(points));
    int pointCount = points.size();
    JavaRDD<TaskResult> results = jsc.parallelize(ranges, slices)
        .mapPartitions(it -> {
          faults.beforeTask();
          List<Scenario> scenarios = shared.value();
          PathKernel[] kernels = new PathKernel[pointCount];
          PathOutcome[] outcomes = new PathOutcome[pointCount];
          for (int p = 0; p < pointCount; p++) {
            kernels[p] = PathKernel.of(scenarios.get(p));
            outcomes[p] = PathBatch.sweepOutcome(scenarios.get(p), pointCount);
          }
          SweepAccumulator acc = new SweepAccumulator(pointCount, paths, maxTailValues,
              sampling);
          List<Row> rows = new ArrayList<>();
          while (it.hasNext()) {
            long[] range = it.next();
            for (long path = range[0]; path < range[1]; path++) {
              for (int p = 0; p < pointCount; p++) {
                kernels[p].run(path, outcomes[p]);
              }
              acc.add(outcomes, baseline);
              if (sample.mode() != PathSample.Mode.NONE) {
                for (int p = 0; p < pointCount; p++) {
                  if (sample.keep(path, outcomes[p].badDebt)) {
                    rows.add(row(p, path, outcomes[p]));
                  }
                }
              }
            }
          }
          return Collections.singletonList(new TaskResult(acc, rows)).iterator();
        })
        .setName(KERNEL_RDD);
    boolean keepRows = sample.mode() != PathSample.Mode.NONE;
    if (keepRows) {
      // Kept for the second job that writes the rows; if evicted, it is recomputed, with the
      // same bits.
      results.persist(StorageLevel.MEMORY_AND_DISK_SER());
    }
    JavaRDD<SweepAccumulator> statistics = results.map(r -> r.statistics);
    // Up to DIRECT_MERGE_MAX results the driver merges each as it arrives: one stage, no
    // shuffle (a shuffle stage costs ~1 s of CPU in a short run: performance.md, "Spark's fixed
    // cost and start-up"). Beyond it treeReduce merges on the executors first, so the driver
    // never receives more than ~sqrt(partitions) results. The merge is exact, so both give the
    // same bits.
    SweepAccumulator merged = slices <= DIRECT_MERGE_MAX
        ? statistics.reduce(SimulationJob::merge)
        : statistics.treeReduce(SimulationJob::merge);
    JavaRDD<Row> rows = keepRows ? results.flatMap(r -> r.rows.iterator()) : null;
    return new Result(merged, rows, keepRows ? results : null);
  }

  private static SweepAccumulator merge(SweepAccumulator a, SweepAccumulator b) {
    a.merge(b);
    return a;
  }

  private static Row row(int point, long path, PathOutcome o) {
    LargestLoss w = o.largestLoss;
    return RowFactory.create(point, path, o.badDebt, o.insuranceDraw, o.socializedLoss,
        o.fundExhausted, perPath(o, OutcomeCount.LIQUIDATIONS),
        perPath(o, OutcomeCount.STALE_ORACLE_LIQUIDATIONS),
        perPath(o, OutcomeCount.UNPROFITABLE_AFTER_FEES),
        perPath(o, OutcomeCount.UNPROFITABLE_AFTER_SLIPPAGE),
        perPath(o, OutcomeCount.NOT_INCLUDED_IN_TIME), o.firstBadDebtStep, o.horizonShortfall,
        o.minMarketToOracle, o.oracleOutageSteps, w.kindName(), w.account(), w.step(), w.loss(),
        w.liquidationPrice(), w.bankruptcyPrice(), w.mark(), w.market(), o.weight);
  }

  /** A count of one path, as the paths table's {@code int} column holds it. */
  private static int perPath(PathOutcome o, OutcomeCount c) {
    return (int) o.countOf(c);
  }

  static int defaultPartitions(JavaSparkContext jsc, long paths, int points) {
    return defaultPartitions(jsc.defaultParallelism(), paths, points);
  }

  /**
   * max(4 x parallelism, path-points / 25,000), the second at most {@link #DIRECT_MERGE_MAX}:
   * both cores busy to the end, a steady progress report, and few enough results for the
   * driver to merge them directly (more tasks cost ~30 ms of CPU each in a short run, most of
   * it compiling Spark's per-task code: performance.md).
   */
  static int defaultPartitions(int parallelism, long paths, int points) {
    long forProgress = Math.min(DIRECT_MERGE_MAX, (paths * points + 24_999) / 25_000);
    return (int) Math.max(4L * parallelism, forProgress);
  }

  /**
   * As {@link #ranges}, every range starting on an even path, so that no antithetic pair
   * (2k, 2k + 1) is split between tasks ({@code paths} is even).
   */
  static List<long[]> pairRanges(long paths, int slices) {
    List<long[]> out = new ArrayList<>(slices);
    for (long[] pairRange : ranges(paths / 2, slices)) {
      out.add(new long[] {2 * pairRange[0], 2 * pairRange[1]});
    }
    return out;
  }

  /** The paths split into {@code slices} contiguous ranges [start, end) of near-equal size. */
  static List<long[]> ranges(long paths, int slices) {
    List<long[]> out = new ArrayList<>(slices);
    for (int k = 0; k < slices; k++) {
      long start = paths * k / slices;
      long end = paths * (k + 1) / slices;
      out.add(new long[] {start, end});
    }
    return out;
  }
}
