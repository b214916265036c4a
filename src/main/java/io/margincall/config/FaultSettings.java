package io.margincall.config;

/**
 * Section {@code faults}: test-only fault injection (not hashed).
 *
 * @param failFirstAttempt every task throws on its first attempt
 * @param haltExecutorOnPartition the executor running this partition halts on attempt 0; -1 = off
 */
public record FaultSettings(boolean failFirstAttempt, int haltExecutorOnPartition) {
  static FaultSettings read(ConfigReader r) {
    return new FaultSettings(r.bool("faults.fail-first-attempt"),
        (int) r.integer("faults.halt-executor-on-partition", -1, 1_000_000));
  }
}
