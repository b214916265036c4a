package io.margincall.protocol;

/**
 * Who pays a loss, in order, booked at the step it is realised: the insurance fund up to its
 * balance, then whoever the book makes pay the rest (lenders, as socialized loss). One instance
 * per kernel, reset per path; every kernel and account index books its losses here, so the law
 * {@code bad debt = insurance draw + socialized loss} holds on every path by construction.
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

  /** The fund's balance now, USD. */
  public double fundBalance() {
    return fund.balance();
  }

  /**
   * Books a loss of {@code amount} USD realised at step t: the fund pays what it can, the rest
   * is socialized loss.
   */
  public void realise(double amount, int t, PathOutcome out) {
    out.badDebt += amount;
    if (out.firstBadDebtStep < 0) {
      out.firstBadDebtStep = t;
    }
    double draw = fund.absorb(amount);
    out.insuranceDraw += draw;
    if (draw < amount) {
      out.socializedLoss += amount - draw;
      out.fundExhausted = true;
    }
  }
}
