package io.margincall.stats;

import java.util.Locale;

/**
 * The integer counters of a path that the summary reports as totals over all paths: one
 * constant is the whole declaration of a counter. The kernel counts it on a
 * {@link PathResult} ({@code out.count(OutcomeCount.LIQUIDATIONS)}), {@link BadDebtAccumulator}
 * adds and merges it, {@link BadDebtSummary#count} reports it, the summary table writes it as a
 * {@code long} column named {@link #column()}, and a test checks that {@code src/docs/output.md}
 * documents that column with {@link #meaning()}.
 *
 * <p>Order is part of the output: it is the order of the summary columns and of the lines of a
 * summary fingerprint, so a new counter goes at the end.
 */
public enum OutcomeCount {
  LIQUIDATIONS("liquidations_executed",
      "liquidations over all paths (a partial liquidation counts once)"),
  // The column keeps its first name (a schema change is not worth it); the meaning says what
  // it counts: late liquidations, whatever made them late, not only a stale oracle.
  STALE_ORACLE_LIQUIDATIONS("failed_oracle_stale",
      "liquidations of accounts already insolvent at the market (collateral worth less than the"
          + " debt at the market price just before): too late, whatever the cause (an oracle delay,"
          + " heartbeat or outage, inclusion waits, or, with none of these, the market gapping past"
          + " the bankruptcy price between two steps); despite the name, counted with no oracle"
          + " lag too"),
  UNPROFITABLE_AFTER_FEES("failed_unprofitable_fees",
      "liquidations skipped (each step, each account) as unprofitable even at the market price"
          + " without slippage: gas fees, or an oracle above the market; for perps closed by"
          + " keepers (`perps.liquidator = keepers`), closes whose reward less gas is below"
          + " `keeper.min-profit-usd`"),
  UNPROFITABLE_AFTER_SLIPPAGE("failed_unprofitable_slippage",
      "liquidations skipped as profitable at the market price but not after slippage"),
  NOT_INCLUDED_IN_TIME("failed_not_included",
      "liquidations not submitted because their inclusion wait would exceed"
          + " `congestion.max-wait`"),
  PROTOCOL_CLOSE_OUTS("protocol_close_outs",
      "insolvent accounts no liquidator would take, closed by the protocol (their shortfall is"
          + " bad debt)"),
  LIQUIDATIONS_PARTIAL("liquidations_partial",
      "of `liquidations_executed`, those that left the account open with debt (close factor < 1)"
          + " or the perp position open (a chunk closed)"),
  ADL_EVENTS("adl_events",
      "bankrupt perp positions whose loss, beyond what the insurance fund paid, auto-deleveraging"
          + " was called on"),
  ADL_POSITIONS_HIT("adl_positions_hit",
      "opposite perp positions closed in whole or in part by auto-deleveraging"),
  ACCOUNTS_ELIGIBLE_AT_START("accounts_eligible_at_start",
      "loans already eligible for liquidation at the initial price (`c P LT < D`, a book loaded at"
          + " a stressed moment; `accounts.eligible-at-start = liquidate`), summed over all paths:"
          + " N x their number in the book. Each is liquidated from step 1 under the rules; its"
          + " liquidations are in `liquidations_executed`"),
  MARGIN_UPDATES("margin_updates",
      "moves of the dynamic margin factor by governance (`defences.margin`), over all paths"),
  AUCTIONS_STARTED("auctions_started",
      "Dutch auctions started (`protocol.incentive.model = dutch-auction`: Maker's `bark`); each"
          + " is also one of `liquidations_executed`, a partial one (the limit let it take a share"
          + " of the vault) one of `liquidations_partial`"),
  AUCTIONS_RESET("auctions_reset",
      "Dutch auctions reset (Maker's `redo`: older than `tail`, or price / top below `cusp`)"),
  AUCTION_TAKES("auction_takes",
      "keepers' purchases from Dutch auctions (Maker's `take`)"),
  AUCTIONS_THROTTLED("auctions_throttled",
      "barks refused (the vault waits, eligible) or cut to a share of the vault by the limit on"
          + " debt in auction at once (`hole-usd`, `hole-per-asset-usd`), each step and vault"),
  PAUSED_BY_BREAKER("failed_paused",
      "liquidations held by the circuit breaker (each step, each eligible account or perp"
          + " position, as the other failure counts): eligible at a step where the breaker had"
          + " paused liquidations or held them in its grace period; they stay eligible"),
  BREAKER_PAUSES("breaker_pauses",
      "circuit breaker pause episodes over all paths (each trip of the breaker counts once)"),
  BREAKER_PAUSED_STEPS("breaker_paused_steps",
      "steps the circuit breaker spent paused, over all paths (its cool-down after each trip;"
          + " the grace period after is in `breaker_grace_steps`)"),
  BREAKER_GRACE_STEPS("breaker_grace_steps",
      "steps spent in the grace period after an unpause, over all paths: trading resumed, but"
          + " liquidations still held (Aave v3.1's liquidation grace period)");

  /** Every constant, in order; shared so the per-path loops allocate nothing. */
  static final OutcomeCount[] ALL = values();

  private final String column;
  private final String meaning;
  private final String fieldName;

  OutcomeCount(String column, String meaning) {
    this.column = column;
    this.meaning = meaning;
    this.fieldName = camelCase(name());
  }

  /** Name of the summary column holding the total (Parquet {@code long}). */
  public String column() {
    return column;
  }

  /** What the total counts: the data dictionary's text for {@link #column()}. */
  public String meaning() {
    return meaning;
  }

  /** The constant's name in camel case ({@code staleOracleLiquidations}), as a summary prints it. */
  public String fieldName() {
    return fieldName;
  }

  /** How many counters there are: the length of an array indexed by {@link #ordinal()}. */
  public static int size() {
    return ALL.length;
  }

  /** A constant's name in camel case: {@code STALE_ORACLE} -> {@code staleOracle}. */
  static String camelCase(String constant) {
    StringBuilder b = new StringBuilder();
    for (String word : constant.toLowerCase(Locale.ROOT).split("_")) {
      b.append(b.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return b.toString();
  }
}
