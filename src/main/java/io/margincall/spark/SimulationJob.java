package io.margincall.spark;

import io.margincall.kernel.PathBatch;
import io.margincall.kernel.PathSimulator;
import io.margincall.kernel.Scenario;
import io.margincall.stats.BadDebtAccumulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a scenario's paths on Spark: path indices are split into contiguous ranges, one per
 * partition; each task runs the kernel over its range into one {@link BadDebtAccumulator}; the
 * accumulators are merged with {@code treeReduce}. No row per path or per step exists, and the
 * driver holds only merged statistics. Because every path's stream depends only on (seed, path)
 * and the merge is exact, the result has the same bits for any partitioning or retry.
 */
public final class SimulationJob {
  private SimulationJob() {}

  /**
   * @param partitions number of ranges; 0 = 4 x the default parallelism (capped by paths)
   */
  public static BadDebtAccumulator run(SparkSession spark, Scenario scenario, long paths,
                                       int partitions) {
    return run(spark, scenario, paths, partitions, FaultInjection.none());
  }

  /** As {@link #run(SparkSession, Scenario, long, int)}, with test-only faults. */
  public static BadDebtAccumulator run(SparkSession spark, Scenario scenario, long paths,
                                       int partitions, FaultInjection faults) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = partitions > 0 ? partitions : 4 * jsc.defaultParallelism();
    slices = (int) Math.max(1, Math.min(slices, paths));
    List<long[]> ranges = ranges(paths, slices);
    Broadcast<Scenario> shared = jsc.broadcast(scenario);
    try {
      return jsc.parallelize(ranges, slices)
          .mapPartitions(it -> {
            faults.beforeTask();
            BadDebtAccumulator acc = new BadDebtAccumulator(paths);
            PathSimulator kernel = new PathSimulator(shared.value());
            while (it.hasNext()) {
              long[] range = it.next();
              PathBatch.simulate(kernel, range[0], range[1], acc);
            }
            return Collections.singletonList(acc).iterator();
          })
          .treeReduce((a, b) -> {
            a.merge(b);
            return a;
          });
    } finally {
      shared.destroy();
    }
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
