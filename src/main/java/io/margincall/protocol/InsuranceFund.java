package io.margincall.protocol;

/**
 * The insurance fund along one path ({@link InsuranceRules}): deposits from liquidation bonuses,
 * draws for bad debt up to its balance. Mutable; a kernel holds one and resets it per path.
 */
public final class InsuranceFund {
  private final double initial;
  private double balance;

  public InsuranceFund(InsuranceRules rules) {
    this.initial = rules.initialBalanceUsd();
    this.balance = initial;
  }

  /** Back to the initial balance, for a new path. */
  public void reset() {
    balance = initial;
  }

  /** Adds a deposit, USD (a share of a liquidation bonus). */
  public void deposit(double usd) {
    balance += usd;
  }

  /** Pays what it can of {@code badDebt}; returns the amount paid (the rest is socialized). */
  public double absorb(double badDebt) {
    double draw = Math.min(balance, badDebt);
    balance -= draw;
    return draw;
  }

  public double balance() {
    return balance;
  }
}
