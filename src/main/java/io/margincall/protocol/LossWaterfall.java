package io.margincall.protocol;

import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;

/**
 * Who pays a loss, in order, booked at the step it is realised: the insurance fund up to its
 * balance, then, for perpetual futures, auto-deleveraging of opposite positions
 * ({@link Deleveraging}), then socialized loss (lenders, or every trader). One instance
 * per kernel, reset per path; every kernel and account index books its losses here, so the law
 * {@code bad debt = insurance draw + ADL covered + socialized loss} holds on every path by
 * construction.
 */
public final class LossWaterfall {
  private final InsuranceFund fund;

  public LossWaterfall(InsuranceRules rules) {
    this.fund = new InsuranceFund(rules);
  }

  /** Back to the fund's initial balance, for a new path. */
  public void reset() {
    fund.reset();
  }

  /** Pays a deposit into the fund, USD (its share of a liquidation bonus). */
  public void deposit(double usd) {
    fund.deposit(usd);
  }

  /**
   * Books a loss of {@code amount} USD realised at step t: the fund pays what it can, the rest
   * is socialized loss.
   */
  public void realise(double amount, int t, PathOutcome out) {
    double rest = fundFirst(amount, t, out);
    if (rest > 0) {
      socialize(rest, out);
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
      socialize(rest, out);
    }
  }

  /** Books the loss and the fund's draw on it; returns what the fund could not pay. */
  private double fundFirst(double amount, int t, PathOutcome out) {
    out.badDebt += amount;
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

  private static void socialize(double amount, PathOutcome out) {
    out.socializedLoss += amount;
  }
}
