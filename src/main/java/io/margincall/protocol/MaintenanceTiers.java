package io.margincall.protocol;

import java.io.Serializable;

/**
 * Maintenance margin rate by notional tier (venues' risk limits): a position's rate is that of
 * the first tier whose bound is at least its notional, the last tier's beyond.
 *
 * @param notionalUsd upper notional bound of each tier, ascending, USD
 * @param rate maintenance rate of each tier, in [0, 1)
 */
public record MaintenanceTiers(double[] notionalUsd, double[] rate) implements Serializable {

  public MaintenanceTiers {
    if (notionalUsd.length == 0 || notionalUsd.length != rate.length) {
      throw new IllegalArgumentException("maintenance tiers need one rate per notional bound");
    }
  }

  /** The maintenance rate of a position of this notional, USD. */
  public double rateFor(double notional) {
    for (int k = 0; k < notionalUsd.length; k++) {
      if (notional <= notionalUsd[k]) {
        return rate[k];
      }
    }
    return rate[rate.length - 1];
  }
}
