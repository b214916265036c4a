package io.margincall.kernel;

import io.margincall.model.gas.CongestionRules;
import io.margincall.model.gas.GasMarket;
import io.margincall.protocol.PathOutcome;
import io.margincall.stats.OutcomeCount;

/**
 * The liquidator's transactions under congestion: at each step where liquidations are tried it
 * reads one gas price, which fixes the inclusion wait of a liquidation submitted at that step;
 * a submission whose wait would exceed the keeper's limit is not made ("not included in time").
 * Shared by every account index of a kernel; each index keeps its accounts' pending inclusion
 * steps ({@code pendingUntil}, 0: nothing pending).
 */
final class Keeper {
  private final CongestionRules congestion;
  private final GasMarket gas;
  // The inclusion wait of a liquidation submitted at the current step.
  private int wait;

  /** @param gas the kernel's gas market, or null: no congestion (every transaction lands now) */
  Keeper(CongestionRules congestion, GasMarket gas) {
    this.congestion = congestion;
    this.gas = gas;
  }

  /** Whether congestion is modelled (else every liquidation is included at once). */
  boolean congested() {
    return gas != null;
  }

  /** A step's liquidations begin: one gas price for all of them. */
  void startStep() {
    if (gas != null) {
      wait = gas.keeperWait();
    }
  }

  /** The inclusion wait of a liquidation submitted at this step, steps. */
  int waitSteps() {
    return wait;
  }

  /** The longest wait the keeper accepts, steps. */
  int maxWaitSteps() {
    return congestion.maxWaitSteps();
  }

  /**
   * Whether the liquidation transaction of account i is on chain at step t: submitted now with
   * no wait, or submitted earlier and its wait is over. A new submission whose wait would exceed
   * the keeper's limit is not made.
   */
  boolean included(int[] pendingUntil, int i, int t, PathOutcome out) {
    return included(pendingUntil, i, t, out, 1);
  }

  /**
   * As {@link #included(int[], int, int, PathOutcome)} for a cohort of {@code members}
   * identical accounts ({@code AccountBook.cohorts}): each member's transaction is submitted at
   * the same step as the others', so reads the same gas price and waits as long; the
   * submissions, waits and misses are counted once per member.
   */
  boolean included(int[] pendingUntil, int i, int t, PathOutcome out, int members) {
    if (pendingUntil[i] > 0) {
      if (t < pendingUntil[i]) {
        return false;
      }
      boolean landsNow = t == pendingUntil[i];
      pendingUntil[i] = 0;
      if (landsNow) {
        return true;
      }
      // It landed at an earlier step when the account was not eligible (an eligible account is
      // visited every step), so it reverted: submit anew.
    }
    if (wait > congestion.maxWaitSteps()) {
      out.count(OutcomeCount.NOT_INCLUDED_IN_TIME, members);
      return false;
    }
    out.submissions += members;
    out.inclusionWaitSteps += (long) members * wait;
    if (wait == 0) {
      return true;
    }
    pendingUntil[i] = t + wait;
    return false;
  }
}
