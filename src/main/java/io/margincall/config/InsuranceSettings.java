package io.margincall.config;

/**
 * Section {@code insurance}: the insurance fund, what it is paid, what happens when it is
 * exhausted, and the backstop behind it.
 *
 * @param balanceUsd balance at the start of every path, USD
 * @param bonusShare fraction of each liquidation bonus paid into the fund, [0, 1]
 * @param feeShare fraction of each perp liquidation fee paid into the fund, [0, 1]
 * @param socialization who bears a loss beyond the fund, ADL and the backstop: only
 *     {@code pro-rata-haircut} (lenders, or every trader, in proportion to their stake)
 * @param backstop a capital pool covering deficits after a delay
 */
public record InsuranceSettings(double balanceUsd, double bonusShare, double feeShare,
                                String socialization, Backstop backstop) {

  /**
   * {@code insurance.backstop}: Aave v3.3's deficit covered by Umbrella.
   *
   * @param enabled whether a backstop stands behind the fund (ideal: no)
   * @param capacityUsd what it covers on one path, USD
   * @param delaySteps steps from a deficit to its cover
   */
  public record Backstop(boolean enabled, double capacityUsd, int delaySteps) {}

  static InsuranceSettings read(ConfigReader r, TimeSettings time) {
    double balance = r.number("insurance.balance", v -> v >= 0 && v < 1e15, "a USD amount >= 0");
    double bonusShare = r.number("insurance.bonus-share", v -> v >= 0 && v <= 1,
        "a fraction in [0, 1]");
    double feeShare = r.number("insurance.fee-share", v -> v >= 0 && v <= 1,
        "a fraction in [0, 1]");
    String socialization = r.choice("insurance.socialization", "pro-rata-haircut");
    boolean backstop = r.bool("insurance.backstop.enabled");
    String on = "insurance.backstop.enabled = true";
    double capacity = r.number("insurance.backstop.capacity-usd", v -> v >= 0 && v < 1e15,
        "a USD amount >= 0");
    double delay = r.number("insurance.backstop.delay", v -> v >= 0 && v <= 365 * 86_400.0,
        "a number of seconds in [0, 31536000]");
    int delaySteps = (int) r.stepsIfUsed("insurance.backstop.delay", delay, time.stepSeconds(),
        backstop, on);
    // Off or at today's value, as before each key existed: the hash of existing scenarios stays.
    if (feeShare == 1) {
      r.forget("insurance.fee-share");
    }
    r.forget("insurance.socialization");  // one rule so far: today's
    if (!backstop) {
      r.forget("insurance.backstop.");
    }
    return new InsuranceSettings(balance, bonusShare, feeShare, socialization,
        new Backstop(backstop, capacity, delaySteps));
  }
}
