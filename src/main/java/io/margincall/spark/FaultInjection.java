package io.margincall.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;

/**
 * Test-only faults that a correct job survives with unchanged output: a task failing on its
 * first attempt, and an executor JVM halting while it runs a given partition. Both act on
 * attempt 0 only, so the retry succeeds (SPEC 7: faults by setting, not by timing).
 *
 * @param failFirstAttempt every task throws on its first attempt
 * @param haltOnPartition the executor running this partition's first attempt halts; -1 = off
 */
public record FaultInjection(boolean failFirstAttempt, int haltOnPartition) implements Serializable {

  public static FaultInjection none() {
    return new FaultInjection(false, -1);
  }

  /** Called at the start of every task. */
  void beforeTask() {
    TaskContext task = TaskContext.get();
    if (task == null || task.attemptNumber() > 0) {
      return;
    }
    if (haltOnPartition >= 0 && task.partitionId() == haltOnPartition) {
      System.err.println("margincall fault injection: halting this executor on partition "
          + haltOnPartition + ", attempt 0");
      Runtime.getRuntime().halt(86);
    }
    if (failFirstAttempt) {
      throw new IllegalStateException("margincall fault injection: partition "
          + task.partitionId() + " fails its first attempt");
    }
  }
}
