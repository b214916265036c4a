package io.margincall.kernel;

import io.margincall.protocol.PathOutcome;

/** Simulates one path of a scenario into an outcome; one instance per task, reused per path. */
public interface PathKernel {
  void run(long path, PathOutcome out);

  /** The kernel for a scenario: one step loop for every book ({@link PathSimulator}). */
  static PathKernel of(Scenario scenario) {
    return new PathSimulator(scenario);
  }
}
