package io.margincall.stats;

/**
 * The amounts of a path (USD, or pure numbers: a factor, a log ratio) that the summary reports as means over all paths, summed exactly:
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
  LIQUIDATION_BONUS("liquidation_bonus_mean",
      "mean per path of the bonus liquidators earned on loans: `bonus x repaid`, the collateral"
          + " seized beyond the debt repaid at the valuation price, less the insurance fund's share"
          + " (`insurance.bonus-share`); before slippage and gas, USD"),
  MARGIN_FACTOR("margin_factor_mean",
      "mean per path of the time-average dynamic margin factor m (`defences.margin`; loans'"
          + " thresholds are LT / m, perps' maintenance margins MM x m); 0 under the static"
          + " margin, which applies no factor", ""),
  MARGIN_CAPACITY_LOST("margin_capacity_lost_mean",
      "what the dynamic margin costs the borrowers: mean per path of the time-average, over the"
          + " steps, of the borrowing capacity its factor takes from the open accounts, sum of"
          + " c x oracle x (LT - LT / m) over loans plus |size| x mark x MM x (m - 1) over perp"
          + " positions, USD (negative while the factor is below 1; 0 under the static margin)"),
  VOLATILITY_FORECAST_WINDOWS("volatility_forecast_windows_mean",
      "mean per path of the forecast windows (`defences.margin.forecast-horizon` steps each, from"
          + " step 0) whose oracle moved, on which the margin's variance forecast was scored", ""),
  VOLATILITY_FORECAST_LOG_ERROR("volatility_forecast_log_error_mean",
      "mean per path of the sum over its scored windows of ln(forecast / realised) variance of"
          + " the window's oracle log returns (the forecast made at the window's start: the EWMA"
          + " under `realized-volatility`, GARCH(1,1) under `predictive`); divided by"
          + " `volatility_forecast_windows_mean`, the mean log error per window (> 0: the"
          + " forecast was too high)", ""),
  VOLATILITY_FORECAST_SQUARED_LOG_ERROR("volatility_forecast_squared_log_error_mean",
      "as `volatility_forecast_log_error_mean`, of the squared log ratios: divided by"
          + " `volatility_forecast_windows_mean`, its square root is the forecast's RMSE in log", ""),
  GAS_FORECAST_WINDOWS("gas_forecast_windows_mean",
      "mean per path of the forecast windows on which the gas EWMA was scored (0 without"
          + " congestion)", ""),
  GAS_FORECAST_LOG_ERROR("gas_forecast_log_error_mean",
      "mean per path of the sum over its windows of ln(gas EWMA at the window's start / the"
          + " window's mean gas price); divided by `gas_forecast_windows_mean`, the mean log"
          + " error per window", ""),
  GAS_FORECAST_SQUARED_LOG_ERROR("gas_forecast_squared_log_error_mean",
      "as `gas_forecast_log_error_mean`, of the squared log ratios (RMSE as for the volatility)", ""),
  KEEPER_INCENTIVES("keeper_incentives_mean",
      "mean per path of the incentives Dutch auctions paid keepers (`tip + chip x tab` per bark"
          + " and per reset above Maker's `chost`), USD; the protocol pays them as Maker's vow does"
          + " (unbacked debt), so they are part of `bad_debt_mean`, drawn from the insurance fund"
          + " first"),
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
  private final String unit;
  private final String fieldName;

  OutcomeAmount(String column, String meaning) {
    this(column, meaning, "USD");
  }

  /** An amount in {@code unit} ("": a pure number, a factor or a log ratio). */
  OutcomeAmount(String column, String meaning, String unit) {
    this.column = column;
    this.meaning = meaning;
    this.unit = unit;
    this.fieldName = OutcomeCount.camelCase(name()) + "Mean";
  }

  /** The unit of {@link #column()} in the data dictionary: "USD", or "" for a pure number. */
  public String unit() {
    return unit;
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
