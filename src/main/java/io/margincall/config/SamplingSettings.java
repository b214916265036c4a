package io.margincall.config;

/**
 * Section {@code sampling}: how the paths are drawn (hashed: it changes the sample; not
 * sweepable, like the sample's size and seed).
 *
 * @param antithetic paths in pairs, the second on its partner's price normals negated
 * @param importanceTilt importance sampling: the mean of every normal price shock, in standard
 *     deviations (0: off)
 * @param bridgeCrossing {@code sampling.crossing = bridge}: the ideal case by exact bridge
 *     crossing sampling instead of step by step (other draws, the same distribution)
 */
public record SamplingSettings(boolean antithetic, double importanceTilt, boolean bridgeCrossing) {
  static final String CROSSING = "sampling.crossing";
  static final String TILT = "sampling.importance.tilt";

  static SamplingSettings read(ConfigReader r, PriceSettings price, RunSettings run) {
    boolean antithetic = r.bool("sampling.antithetic");
    if (antithetic && !"gbm".equals(price.model())) {
      throw r.invalid("sampling.antithetic", "false with price.model = " + price.model()
          + ": a historical path has no normal shocks to negate");
    }
    if (antithetic && run.paths() % 2 != 0) {
      throw r.invalid("sampling.antithetic", "false with an odd run.paths (" + run.paths()
          + "): antithetic paths come in pairs");
    }
    double tilt = r.number(TILT, v -> v >= -10 && v <= 10, "a number in [-10, 10]");
    if (tilt != 0) {
      if (!"gbm".equals(price.model())) {
        throw r.invalid(TILT, "0 with price.model = " + price.model()
            + ": a historical return has no density to tilt");
      }
      if (!"normal".equals(price.innovations())) {
        throw r.invalid(TILT, "0 with price.innovations = " + price.innovations()
            + ": only normal shocks are tilted (their likelihood ratio is exp(-theta z + theta^2/2))");
      }
      if (antithetic) {
        throw r.invalid(TILT, "0 with sampling.antithetic = true: one variance reduction at a"
            + " time (a pair of tilted paths is not yet a validated estimator)");
      }
    }
    boolean bridge = "bridge".equals(r.choice(CROSSING, "steps", "bridge"));
    if (bridge && (antithetic || tilt != 0)) {
      throw r.invalid(CROSSING, "steps with antithetic pairs or importance sampling: the bridge"
          + " draws no per-step normals to negate or tilt");
    }
    // Off, as before each switch existed: the hash of existing scenarios stays.
    if (!bridge) {
      r.forget(CROSSING);
    }
    if (!antithetic) {
      r.forget("sampling.antithetic");
    }
    if (tilt == 0) {
      r.forget("sampling.importance.");
    }
    return new SamplingSettings(antithetic, tilt, bridge);
  }
}
