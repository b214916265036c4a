package io.margincall.protocol;

import io.margincall.model.random.ZigguratNormal;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A synthetic perpetual-futures book: each position is long with probability
 * {@code longShare} (else short: the long/short imbalance), its notional at entry log-normal
 * around a median, its leverage uniform in a range, its entry price log-normal around the
 * initial price (dispersion 0: every position opened at the initial price). A position of
 * notional N and leverage L has size {@code N / E} units and margin {@code N / L}; its
 * maintenance rate is that of the first tier whose notional bound is at least N (venues' risk
 * limits: larger positions keep more margin), the last tier's beyond.
 */
public final class GeneratedPerpBook {
  private GeneratedPerpBook() {}

  /**
   * @param rng the stream the book is drawn from (the run's book stream)
   * @param tiers the maintenance rate by notional
   */
  public static PerpBook draw(UniformRandomProvider rng, int count, double initialPrice,
                              double longShare, double medianNotionalUsd, double logSigma,
                              double leverageMin, double leverageMax, double entryDispersion,
                              MaintenanceTiers tiers) {
    ZigguratNormal normal = new ZigguratNormal(rng);
    double[] margin = new double[count];
    double[] size = new double[count];
    double[] entry = new double[count];
    double[] mm = new double[count];
    for (int i = 0; i < count; i++) {
      boolean isLong = rng.nextDouble() < longShare;
      double notional = medianNotionalUsd * StrictMath.exp(logSigma * normal.sample());
      double leverage = leverageMin + (leverageMax - leverageMin) * rng.nextDouble();
      entry[i] = initialPrice * StrictMath.exp(entryDispersion * normal.sample());
      size[i] = (isLong ? 1 : -1) * notional / entry[i];
      margin[i] = notional / leverage;
      mm[i] = tiers.rateFor(notional);
    }
    return PerpBook.of(margin, size, entry, mm);
  }
}
