package io.margincall.config;

/**
 * Section {@code sampling}: how the paths are drawn (hashed: it changes the sample; not
 * sweepable, like the sample's size and seed).
 *
 * @param antithetic paths in pairs, the second on its partner's price normals negated
 */
public record SamplingSettings(boolean antithetic) {
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
    if (!antithetic) {
      // Independent paths, as before the switch existed: the hash of existing scenarios stays.
      r.forget("sampling.");
    }
    return new SamplingSettings(antithetic);
  }
}
