package io.margincall.protocol;

import io.margincall.model.random.ZigguratNormal;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A synthetic account book: collateral value log-normal around a median, leverage uniform in a
 * range. An account of value V (USD at the initial price) and leverage L holds {@code V / S0}
 * units of collateral and owes {@code V (1 - 1/L)}.
 */
public final class GeneratedBook {
  private GeneratedBook() {}

  /**
   * @param rng the stream the book is drawn from (the run's book stream, so the same seed gives
   *     the same book)
   */
  public static AccountBook draw(UniformRandomProvider rng, int count, double initialPrice,
                                 double medianUsd, double logSigma, double leverageMin,
                                 double leverageMax, double threshold) {
    ZigguratNormal normal = new ZigguratNormal(rng);
    double[] collateral = new double[count];
    double[] debt = new double[count];
    double[] lt = new double[count];
    for (int i = 0; i < count; i++) {
      double value = medianUsd * StrictMath.exp(logSigma * normal.sample());
      double leverage = leverageMin + (leverageMax - leverageMin) * rng.nextDouble();
      collateral[i] = value / initialPrice;
      debt[i] = value * (1 - 1 / leverage);
      lt[i] = threshold;
    }
    return AccountBook.of(collateral, debt, lt);
  }
}
