package io.margincall.protocol;

import java.io.Serializable;

/**
 * Funding between the book's longs and shorts, a documented simple model: every
 * {@code intervalSteps} steps the rate is {@code r = clamp(sensitivity x (L - S) / (L + S), -cap,
 * cap)}, where L and S are the book's open interest of longs and shorts (asset units) at that
 * moment; longs pay {@code r x mark} per unit, and what they pay is shared by the shorts in
 * proportion to their size ({@code r x mark x L / S} per unit), so funding sums to zero across
 * the book (negative r: the other way). Nothing is paid when one side is empty.
 *
 * <p>Kept as one cumulative index per side (USD per unit), so a position's equity is exact
 * without touching it at each payment. Ideal: no funding ({@code intervalSteps = 0}).
 *
 * @param intervalSteps steps between payments; 0: no funding
 * @param sensitivity rate per interval at a fully one-sided book, {@code >= 0}
 * @param cap largest rate per interval, {@code >= 0}
 */
public record FundingRules(int intervalSteps, double sensitivity, double cap)
    implements Serializable {

  public FundingRules {
    if (intervalSteps < 0) {
      throw new IllegalArgumentException("funding interval must be >= 0 steps, got "
          + intervalSteps);
    }
    if (!(sensitivity >= 0) || Double.isInfinite(sensitivity)) {
      throw new IllegalArgumentException("funding sensitivity must be finite and >= 0, got "
          + sensitivity);
    }
    if (!(cap >= 0) || Double.isInfinite(cap)) {
      throw new IllegalArgumentException("funding cap must be finite and >= 0, got " + cap);
    }
  }

  /** No funding. */
  public static FundingRules none() {
    return new FundingRules(0, 0, 0);
  }

  public boolean enabled() {
    return intervalSteps > 0;
  }

  /** The rate per interval for open interest L of longs and S of shorts. */
  public double rate(double longInterest, double shortInterest) {
    double imbalance = (longInterest - shortInterest) / (longInterest + shortInterest);
    return Math.max(-cap, Math.min(cap, sensitivity * imbalance));
  }
}
