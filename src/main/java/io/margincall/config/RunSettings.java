package io.margincall.config;

/**
 * Section {@code run}: what is run, not how it is modelled.
 *
 * @param name the scenario's name, written to every output row (not hashed)
 * @param paths number of Monte Carlo paths
 * @param seed seed of every random stream
 * @param partitions Spark partitions, 0 = 4 x the default parallelism (not hashed)
 */
public record RunSettings(String name, long paths, long seed, int partitions) {
  static RunSettings read(ConfigReader r) {
    return new RunSettings(r.string("run.name"),
        // The exact loss tail keeps ~5 % of the paths per point in memory: 1e9 paths is 400 MB.
        r.integer("run.paths", 1, 1_000_000_000L),
        r.integer("run.seed", Long.MIN_VALUE, Long.MAX_VALUE),
        (int) r.integer("run.partitions", 0, 1_000_000));
  }
}
