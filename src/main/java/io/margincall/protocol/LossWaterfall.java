package io.margincall.protocol;

import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;

/**
 * Who pays a loss, in order, booked at the step it is realised: the insurance fund up to its
 * balance, then, for perpetual futures, auto-deleveraging of opposite positions
 * ({@link Deleveraging}); what is left is a deficit, which the backstop covers
 * {@link InsuranceRules.Backstop#delaySteps()} later up to its capacity, if that is within the
 * horizon; the rest is socialized loss (lenders' pro-rata haircut, or every trader). One
 * instance per kernel, reset per path; every kernel and account index books its losses here, so
 * the law {@code bad debt = insurance draw + ADL covered + backstop covered + socialized loss}
 * holds on every path by construction.
 *
 * <p>The backstop's cover is booked when the deficit is realised, as the amount it will pay at
 * its due step: its capacity is spent in the order deficits fall due, which is the order they
 * are realised (one delay for all), and nothing else on the path reads it, so booking it early
 * gives the totals of paying it late.
 */
public final class LossWaterfall {
  private final InsuranceFund fund;
  private final double feeShare;
  private final double backstopCapacity;
  private final int backstopDelay;
  private final int horizon;
  private double backstopLeft;
  // Whether losses realised now follow a circuit breaker's pause (CircuitBreaker sets it), and
  // whether this is the step liquidations resumed after one.
  private boolean afterPause;
  private boolean atResume;

  /** A waterfall whose backstop, if any, covers deficits due up to step {@code horizon}. */
  public LossWaterfall(InsuranceRules rules, int horizon) {
    this.fund = new InsuranceFund(rules);
    this.feeShare = rules.feeShare();
    this.backstopCapacity = rules.backstop().capacityUsd();
    this.backstopDelay = rules.backstop().delaySteps();
    this.horizon = horizon;
  }

  /** Back to the fund's initial balance and the backstop's full capacity, for a new path. */
  public void reset() {
    fund.reset();
    backstopLeft = backstopCapacity;
    afterPause = false;
    atResume = false;
  }

  /** Pays a deposit into the fund, USD (its share of a liquidation bonus). */
  public void deposit(double usd) {
    fund.deposit(usd);
  }

  /** Pays the fund's share ({@link InsuranceRules#feeShare()}) of a perp liquidation fee. */
  public void depositFee(double usd) {
    fund.deposit(feeShare == 1 ? usd : feeShare * usd);
  }

  /**
   * Tells where the current step stands against the circuit breaker: {@code afterPause}, at or
   * after the path's first pause; {@code atResume}, the first step liquidations may execute
   * again after a hold. Losses realised now are booked in the breaker's amounts too.
   */
  public void breakerPhase(boolean afterPause, boolean atResume) {
    this.afterPause = afterPause;
    this.atResume = atResume;
  }

  /**
   * Books a loss of {@code amount} USD realised at step t: the fund pays what it can, the rest
   * is socialized loss.
   */
  public void realise(double amount, int t, PathOutcome out) {
    double rest = fundFirst(amount, t, out);
    if (rest > 0) {
      deficit(rest, t, out);
    }
  }

  /**
   * Books the loss beyond margin of a bankrupt perp position of {@code units} (side +1 long,
   * -1 short, bankruptcy price {@code bankruptcyPrice}) closed at step t: the fund pays what it
   * can; then, if {@code adl} is not null, opposite positions take over the uncovered share of
   * the position at the bankruptcy price, each unit covering {@code amount / units} (what the
   * market close lost per unit below the bankruptcy price); the rest is socialized. So
   * {@code loss = insurance draw + ADL covered + socialized} on every path.
   */
  public void realisePerp(double amount, double units, double bankruptcyPrice, int side, int t,
                          Deleveraging adl, PathOutcome out) {
    out.add(OutcomeAmount.PERP_BAD_DEBT, amount);
    double rest = fundFirst(amount, t, out);
    if (rest > 0 && adl != null) {
      double perUnit = amount / units;
      double wanted = Math.min(units, rest / perUnit);
      out.count(OutcomeCount.ADL_EVENTS);
      double closed = adl.deleverage(side, bankruptcyPrice, wanted, t, out);
      double covered = closed >= wanted ? rest : Math.min(rest, closed * perUnit);
      out.add(OutcomeAmount.ADL_COVERED, covered);
      rest -= covered;
    }
    if (rest > 0) {
      deficit(rest, t, out);
    }
  }

  /** Books the loss and the fund's draw on it; returns what the fund could not pay. */
  private double fundFirst(double amount, int t, PathOutcome out) {
    out.badDebt += amount;
    if (afterPause) {
      out.add(OutcomeAmount.BAD_DEBT_AFTER_PAUSE, amount);
      if (atResume) {
        out.add(OutcomeAmount.BAD_DEBT_AT_RESUME, amount);
      }
    }
    if (out.firstBadDebtStep < 0) {
      out.firstBadDebtStep = t;
    }
    double draw = fund.absorb(amount);
    out.insuranceDraw += draw;
    double rest = amount - draw;
    if (rest > 0) {
      out.fundExhausted = true;
    }
    return rest;
  }

  /**
   * A loss left after the fund (and ADL) at step t: the backstop covers what its capacity
   * allows if its delay ends within the horizon; the rest is socialized.
   */
  private void deficit(double amount, int t, PathOutcome out) {
    double rest = amount;
    if (backstopCapacity > 0) {
      out.add(OutcomeAmount.DEFICIT, amount);
      if (backstopLeft > 0 && t <= horizon - backstopDelay) {
        double cover = Math.min(backstopLeft, amount);
        backstopLeft -= cover;
        out.add(OutcomeAmount.BACKSTOP_COVERED, cover);
        rest -= cover;
      }
    }
    if (rest > 0) {
      out.socializedLoss += rest;
    }
  }
}
