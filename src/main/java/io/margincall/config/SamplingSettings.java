package io.margincall.config;

import com.typesafe.config.ConfigValueType;

/**
 * Section {@code sampling}: how the paths are drawn (hashed: it changes the sample; not
 * sweepable, like the sample's size and seed).
 *
 * @param antithetic paths in pairs, the second on its partner's price normals negated
 * @param importanceTilt importance sampling: the mean of every normal price shock, in standard
 *     deviations (0: off, or chosen by the pilot when {@code autoTilt})
 * @param autoTilt {@code sampling.importance.tilt = auto}: the tilt is chosen by the
 *     cross-entropy method on a pilot run of {@code pilotPaths} paths before the run
 * @param pilotPaths paths per iteration of that pilot
 * @param jumpIntensityFactor jumps drawn at this multiple of their intensity (1: untilted)
 * @param jumpLogMeanShift log-jumps drawn with their mean moved by this (0: untilted)
 * @param bridgeCrossing {@code sampling.crossing = bridge}: the ideal case by exact bridge
 *     crossing sampling instead of step by step (other draws, the same distribution)
 * @param lastStretch {@code sampling.crossing = last-stretch}: step by step, the last
 *     oracle-delay's steps in one draw where they cannot trigger (other draws, the same
 *     distribution)
 */
public record SamplingSettings(boolean antithetic, double importanceTilt, boolean autoTilt,
                               int pilotPaths, double jumpIntensityFactor,
                               double jumpLogMeanShift, boolean bridgeCrossing,
                               boolean lastStretch) {
  static final String CROSSING = "sampling.crossing";
  static final String TILT = "sampling.importance.tilt";
  static final String PILOT = "sampling.importance.pilot-paths";
  static final String JUMP_FACTOR = "sampling.importance.jump-intensity-factor";
  static final String JUMP_SHIFT = "sampling.importance.jump-log-mean-shift";

  /** Whether any draw is tilted: paths then carry likelihood-ratio weights. */
  public boolean importanceSampled() {
    return importanceTilt != 0 || autoTilt || jumpIntensityFactor != 1 || jumpLogMeanShift != 0;
  }

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
    String tiltAllowed = "a number in [-10, 10], or auto";
    boolean auto = r.present(TILT, tiltAllowed).valueType() == ConfigValueType.STRING
        && "auto".equals(r.raw(TILT).unwrapped());
    double tilt = 0;
    if (auto) {
      r.canonical(TILT, "auto");
    } else {
      tilt = r.number(TILT, v -> v >= -10 && v <= 10, tiltAllowed);
    }
    int pilot = (int) r.integer(PILOT, 100, 1_000_000);
    double factor = r.number(JUMP_FACTOR, v -> v > 0 && v <= 100, "a factor in (0, 100]");
    double shift = r.number(JUMP_SHIFT, v -> v >= -5 && v <= 5, "a log shift in [-5, 5]");
    boolean jumps = price.jumps().perDay() > 0;
    if ((factor != 1 || shift != 0) && !jumps) {
      throw r.invalid(factor != 1 ? JUMP_FACTOR : JUMP_SHIFT, (factor != 1 ? "1" : "0")
          + " with price.jumps.intensity-per-day = 0: there are no jumps to tilt");
    }
    if (shift != 0 && price.jumps().logStd() == 0) {
      throw r.invalid(JUMP_SHIFT, "0 with price.jumps.log-std = 0: a log-jump of one fixed size"
          + " has no density to tilt");
    }
    if (tilt != 0 || auto || factor != 1 || shift != 0) {
      String key = tilt != 0 || auto ? TILT : factor != 1 ? JUMP_FACTOR : JUMP_SHIFT;
      String off = key.equals(JUMP_FACTOR) ? "1" : "0";
      if (!"gbm".equals(price.model())) {
        throw r.invalid(key, off + " with price.model = " + price.model()
            + ": a historical return has no density to tilt");
      }
      if (antithetic) {
        throw r.invalid(key, off + " with sampling.antithetic = true: one variance reduction at a"
            + " time (a pair of tilted paths is not yet a validated estimator)");
      }
    }
    String crossing = r.choice(CROSSING, "steps", "bridge", "last-stretch");
    boolean bridge = "bridge".equals(crossing);
    boolean lastStretch = "last-stretch".equals(crossing);
    if ((bridge || lastStretch) && (antithetic || tilt != 0 || auto || factor != 1 || shift != 0)) {
      throw r.invalid(CROSSING, "steps with antithetic pairs or importance sampling: " + crossing
          + " does not draw every per-step normal to negate or tilt");
    }
    // Off, as before each switch existed: the hash of existing scenarios stays.
    if (!bridge && !lastStretch) {
      r.forget(CROSSING);
    }
    if (!antithetic) {
      r.forget("sampling.antithetic");
    }
    if (!auto) {
      r.forget(PILOT);
    }
    if (factor == 1) {
      r.forget(JUMP_FACTOR);
    }
    if (shift == 0) {
      r.forget(JUMP_SHIFT);
    }
    if (tilt == 0 && !auto) {
      r.forget(TILT);
    }
    return new SamplingSettings(antithetic, tilt, auto, pilot, factor, shift, bridge,
        lastStretch);
  }
}
