package io.margincall.spark;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * Prints the progress of the kernel stage at a steady interval: path-points done, rate and ETA.
 * Counts the successful tasks of the first stage that runs the {@link SimulationJob#KERNEL_RDD}
 * (each partition once, however often it was retried); tasks are equal ranges of paths, so
 * that is the share of the work done. Spark's own console progress bar is switched off.
 */
public final class ProgressReporter extends SparkListener implements AutoCloseable {
  private final PrintStream out;
  private SparkSession spark;
  private final long totalWork;
  private final long started = System.nanoTime();
  private final ScheduledExecutorService timer;
  private final BitSet done = new BitSet();
  private int kernelStage = -1;
  private int tasks;
  private boolean finished;

  private ProgressReporter(PrintStream out, long totalWork, int intervalSeconds) {
    this.out = out;
    this.totalWork = totalWork;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "margincall-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::print, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
  }

  /**
   * Starts reporting on {@code out} every {@code intervalSeconds} (0 = never).
   *
   * @param totalWork paths x points
   */
  public static ProgressReporter start(SparkSession spark, PrintStream out, long totalWork,
                                       int intervalSeconds) {
    ProgressReporter reporter = new ProgressReporter(out, totalWork, Math.max(1, intervalSeconds));
    if (intervalSeconds <= 0) {
      reporter.timer.shutdownNow();
    }
    reporter.spark = spark;
    spark.sparkContext().addSparkListener(reporter);
    return reporter;
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted event) {
    StageInfo stage = event.stageInfo();
    if (kernelStage >= 0) {
      return;
    }
    for (var rdd : JavaConverters.seqAsJavaList(stage.rddInfos())) {
      if (SimulationJob.KERNEL_RDD.equals(rdd.name())) {
        kernelStage = stage.stageId();
        tasks = stage.numTasks();
        return;
      }
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
    if (event.stageId() == kernelStage && event.reason() == Success$.MODULE$) {
      done.set(event.taskInfo().index());
    }
  }

  private synchronized void print() {
    if (finished || tasks == 0) {
      return;
    }
    double share = done.cardinality() / (double) tasks;
    double seconds = (System.nanoTime() - started) / 1e9;
    double rate = share * totalWork / seconds;
    String eta = share > 0 ? duration(seconds * (1 - share) / share) : "unknown";
    // A leading ISO-8601 UTC time, as log collectors expect of every line.
    out.printf(Locale.ROOT, "%s margincall: progress %5.1f %% (%,d of %,d path-points), %,.0f /s,"
        + " ETA %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), 100 * share,
        Math.round(share * totalWork), totalWork, rate, eta);
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  @Override
  public void close() {
    synchronized (this) {
      finished = true;
    }
    timer.shutdownNow();
    spark.sparkContext().removeSparkListener(this);
  }
}
