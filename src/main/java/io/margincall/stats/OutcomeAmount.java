package io.margincall.stats;

/**
 * The USD amounts of a path that the summary reports as means over all paths, summed exactly:
 * one constant is the whole declaration of an amount, as {@link OutcomeCount} is of a counter.
 * The kernel adds to it on a {@link PathResult} ({@code out.add(OutcomeAmount.ADL_COVERED, x)}),
 * {@link BadDebtAccumulator} sums it in an {@link ExactSum} and merges it,
 * {@link BadDebtSummary#amountMean} reports the mean per path, the summary table writes it as a
 * {@code double} column named {@link #column()}, and a test checks that
 * {@code src/docs/output.md} documents that column with {@link #meaning()}. (The amounts that
 * came before this declaration, bad debt, insurance draw, socialized loss and the horizon
 * shortfall, have statistics of their own and keep their own fields.)
 *
 * <p>Order is part of the output: the order of the columns and of a fingerprint's lines, so a
 * new amount goes at the end.
 */
public enum OutcomeAmount {
  ADL_COVERED("adl_covered_mean",
      "mean per path of the perp losses covered by auto-deleveraging (the profit opposite"
          + " positions gave up by being closed at the bankruptcy price), USD"),
  ADL_NOTIONAL("adl_notional_mean",
      "mean per path of the notional auto-deleveraging closed, at the bankruptcy prices, USD"),
  PERP_LIQUIDATION_FEES("perp_liquidation_fees_mean",
      "mean per path of the liquidation fees perp liquidations paid, USD; the share"
          + " `insurance.fee-share` of them went into the insurance fund"),
  PERP_BAD_DEBT("perp_bad_debt_mean",
      "of `bad_debt_mean`, the part from perp positions (their loss beyond margin), USD; the rest"
          + " is the loans'"),
  PERP_KEEPER_REWARDS("perp_keeper_rewards_mean",
      "mean per path of the rewards outside keepers earned closing perp positions"
          + " (`perps.liquidator = keepers`; 0 when the venue's engine closes them), USD"),
  DEFICIT("deficit_mean",
      "mean per path of the bad debt left after the insurance fund (and, for perps, ADL): the"
          + " deficit the backstop is asked to cover (Aave v3.3's `deficit`), USD; 0 unless"
          + " `insurance.backstop.enabled`"),
  BACKSTOP_COVERED("backstop_covered_mean",
      "of `deficit_mean`, the part the backstop covered: deficits falling due (realised"
          + " `insurance.backstop.delay` earlier) within the horizon, up to"
          + " `insurance.backstop.capacity-usd` per path, USD; the rest of the deficit is in"
          + " `socialized_loss_mean`"),
  BAD_DEBT_AFTER_PAUSE("breaker_bad_debt_after_pause_mean",
      "of `bad_debt_mean`, the part realised at or after the step of the path's first circuit"
          + " breaker pause (0 on paths never paused), USD"),
  BAD_DEBT_AT_RESUME("breaker_bad_debt_at_resume_mean",
      "of `breaker_bad_debt_after_pause_mean`, the part realised at a step where liquidations"
          + " resumed after being held by the breaker (the backlog of accounts that became"
          + " eligible during the pause and grace period, closed at once), USD");

  /** Every constant, in order; shared so the per-path loops allocate nothing. */
  static final OutcomeAmount[] ALL = values();

  private final String column;
  private final String meaning;
  private final String fieldName;

  OutcomeAmount(String column, String meaning) {
    this.column = column;
    this.meaning = meaning;
    this.fieldName = OutcomeCount.camelCase(name()) + "Mean";
  }

  /** Name of the summary column holding the mean per path (Parquet {@code double}). */
  public String column() {
    return column;
  }

  /** What the mean measures: the data dictionary's text for {@link #column()}. */
  public String meaning() {
    return meaning;
  }

  /** The mean's name in camel case ({@code adlCoveredMean}), as a summary prints it. */
  public String fieldName() {
    return fieldName;
  }

  /** How many amounts there are: the length of an array indexed by {@link #ordinal()}. */
  public static int size() {
    return ALL.length;
  }
}
