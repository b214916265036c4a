package io.margincall.kernel;

import io.margincall.protocol.PathOutcome;

/** Simulates one path of a scenario into an outcome; one instance per task, reused per path. */
public interface PathKernel {
  void run(long path, PathOutcome out);

  /** The kernel for a scenario: the trigger-ordered one, or the cross-margin one. */
  static PathKernel of(Scenario scenario) {
    return scenario.crossMargin() == null ? new PathSimulator(scenario)
        : new CrossMarginSimulator(scenario);
  }
}
