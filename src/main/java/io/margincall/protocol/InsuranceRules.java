package io.margincall.protocol;

import java.io.Serializable;

/**
 * The insurance fund and what stands behind it: the fund absorbs bad debt up to its balance;
 * for perps, auto-deleveraging comes next ({@link PerpRules}); what is left is a deficit, which
 * a {@link Backstop} may cover after a delay (Aave v3.3's deficit and Umbrella); the rest is
 * socialized loss, borne by lenders as a pro-rata haircut of their deposits (or by every trader
 * for perps).
 *
 * @param initialBalanceUsd balance at the start of every path, USD, {@code >= 0}
 * @param bonusShare fraction of each liquidation bonus ({@code bonus * repaid}) paid into the
 *     fund, in [0, 1] (Aave's {@code liquidationProtocolFee}, here not taken from the
 *     liquidator's bonus)
 * @param feeShare fraction of each perp liquidation fee paid into the fund, in [0, 1] (the rest
 *     stays with the venue); 1 before this setting existed
 * @param backstop covers deficits after a delay, or {@link Backstop#none()}
 */
public record InsuranceRules(double initialBalanceUsd, double bonusShare, double feeShare,
                             Backstop backstop) implements Serializable {

  /**
   * A capital pool that covers a deficit (bad debt beyond the fund and ADL) {@code delaySteps}
   * steps after it is realised, up to {@code capacityUsd} per path. A deficit due after the
   * horizon is not covered on the path and stays socialized.
   *
   * @param capacityUsd what it can cover on one path, USD, {@code >= 0} (0: no backstop)
   * @param delaySteps steps from a deficit to its cover, {@code >= 0}
   */
  public record Backstop(double capacityUsd, int delaySteps) implements Serializable {
    public Backstop {
      if (!(capacityUsd >= 0) || Double.isInfinite(capacityUsd)) {
        throw new IllegalArgumentException(
            "backstop capacity must be finite and >= 0 USD, got " + capacityUsd);
      }
      if (delaySteps < 0) {
        throw new IllegalArgumentException("backstop delay must be >= 0 steps, got " + delaySteps);
      }
    }

    /** No backstop: every deficit is socialized. */
    public static Backstop none() {
      return new Backstop(0, 0);
    }
  }

  /** A fund without a backstop whose fund takes every perp liquidation fee. */
  public InsuranceRules(double initialBalanceUsd, double bonusShare) {
    this(initialBalanceUsd, bonusShare, 1, Backstop.none());
  }

  public InsuranceRules {
    if (!(initialBalanceUsd >= 0) || Double.isInfinite(initialBalanceUsd)) {
      throw new IllegalArgumentException(
          "insurance fund balance must be finite and >= 0 USD, got " + initialBalanceUsd);
    }
    if (!(bonusShare >= 0 && bonusShare <= 1)) {
      throw new IllegalArgumentException("insurance bonus share must be in [0, 1], got " + bonusShare);
    }
    if (!(feeShare >= 0 && feeShare <= 1)) {
      throw new IllegalArgumentException("insurance fee share must be in [0, 1], got " + feeShare);
    }
    if (backstop == null) {
      backstop = Backstop.none();
    }
  }

  /** No fund: every dollar of bad debt is socialized. */
  public static InsuranceRules none() {
    return new InsuranceRules(0.0, 0.0);
  }
}
