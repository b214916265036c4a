package io.margincall.model.price;

/**
 * A market price process in log space, advanced one time step at a time.
 *
 * <p>The random shock is an argument (as in QuantLib's {@code evolve}), so a process is a
 * deterministic function of its shocks: tests pass fixed shocks, and the kernel owns the streams.
 */
public interface PriceProcess {

  /**
   * The log price one step after {@code logPrice}, given a standard normal shock {@code z}.
   */
  double nextLogPrice(double logPrice, double z);
}
