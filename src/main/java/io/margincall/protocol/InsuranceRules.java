package io.margincall.protocol;

import java.io.Serializable;

/**
 * The insurance fund: it absorbs bad debt up to its balance, and what it cannot absorb is
 * socialized loss (borne by lenders / liquidity providers). It may receive a share of each
 * liquidation bonus.
 *
 * @param initialBalanceUsd balance at the start of every path, USD, {@code >= 0}
 * @param bonusShare fraction of each liquidation bonus ({@code bonus * repaid}) paid into the
 *     fund, in [0, 1]
 */
public record InsuranceRules(double initialBalanceUsd, double bonusShare) implements Serializable {

  public InsuranceRules {
    if (!(initialBalanceUsd >= 0) || Double.isInfinite(initialBalanceUsd)) {
      throw new IllegalArgumentException(
          "insurance fund balance must be finite and >= 0 USD, got " + initialBalanceUsd);
    }
    if (!(bonusShare >= 0 && bonusShare <= 1)) {
      throw new IllegalArgumentException("insurance bonus share must be in [0, 1], got " + bonusShare);
    }
  }

  /** No fund: every dollar of bad debt is socialized. */
  public static InsuranceRules none() {
    return new InsuranceRules(0.0, 0.0);
  }
}
