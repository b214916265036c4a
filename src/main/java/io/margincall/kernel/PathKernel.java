package io.margincall.kernel;

import io.margincall.protocol.PathOutcome;

/** Simulates one path of a scenario into an outcome; one instance per task, reused per path. */
public interface PathKernel {
  void run(long path, PathOutcome out);

  /**
   * The kernel for a scenario: one step loop for every book ({@link PathSimulator}), or the
   * exact bridge sampler of the ideal case when the scenario asks for it.
   */
  static PathKernel of(Scenario scenario) {
    return scenario.bridgeCrossing() ? new BridgeCrossingKernel(scenario)
        : new PathSimulator(scenario);
  }

  /** Why {@code scenario} cannot use the exact bridge sampler of the ideal case, or null. */
  static String bridgeUnsupported(Scenario scenario) {
    return BridgeCrossingKernel.unsupported(scenario);
  }

  /** Why {@code sampling.crossing = last-stretch} is refused for this scenario, or null. */
  static String lastStretchUnsupported(Scenario scenario) {
    return LastStretch.refusal(scenario);
  }
}
