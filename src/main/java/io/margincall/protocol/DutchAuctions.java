package io.margincall.protocol;

import io.margincall.model.gas.GasMarket;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import java.util.Arrays;

/**
 * The running Dutch auctions of a path (Maker's Liquidations 2.0; {@code src/docs/model.md},
 * "Dutch auctions"): {@code Dog.bark} moves an unsafe vault's debt and collateral into an
 * auction, {@code Clipper.redo} resets a stale one, {@code Clipper.take} sells collateral to a
 * keeper. One instance per kernel, reset per path, reached through {@link LiquidationEngine}.
 *
 * <p>Per auction: {@code tab} (USD still to raise: debt x chop at the start), {@code lot} (units
 * left), {@code due} (the part of the tab that is debt: what is raised repays the debt first, the
 * penalty after, as the vow's books net them), {@code top} and {@code tic} (start price and
 * step). Keeper incentives {@code tip + chip x tab} are drawn as Maker's vow draws them
 * ({@code vat.suck}: unbacked debt of the protocol): down the {@link LossWaterfall}, so they are
 * part of the bad debt and the conservation law holds; their total is its own amount.
 *
 * <p>A keeper takes the whole lot, capped at what covers the tab ({@code owe = slice x price <=
 * tab}), when selling it into the market after slippage, less the gas fee, earns at least the
 * minimum profit; one take per auction per step, no partial amount (so Maker's {@code chost}
 * rule on partial takes never binds; it still gates redo incentives). Takes are not delayed by
 * inclusion waits (barks are, by the index's keeper).
 */
final class DutchAuctions {
  private final AuctionRules rules;
  private final double stepSeconds;
  private final double limit;
  private final double dust;
  private final double chost;
  private final StepMarket market;
  private final GasMarket gas;
  private final LossWaterfall waterfall;
  private final double minProfit;
  private final double bonusShare;

  private int size;
  private double[] tab = new double[16];
  private double[] lot = new double[16];
  private double[] due = new double[16];
  private double[] top = new double[16];
  private int[] tic = new int[16];
  // The vault an auction came from, for the path's LargestLoss.
  private int[] account = new int[16];
  private double[] trigger = new double[16];
  private double[] bankruptcy = new double[16];
  // Dirt: the tab the running auctions hold (one collateral: Dirt = dirt).
  private double dirt;
  // Collateral given back to vault owners by covered auctions on the path, units (for tests).
  private double returned;

  DutchAuctions(AuctionRules rules, double stepSeconds, double dustUsd, StepMarket market,
                GasMarket gas, LossWaterfall waterfall, double minProfit, double bonusShare) {
    this.rules = rules;
    this.stepSeconds = stepSeconds;
    this.limit = rules.limitUsd();
    this.dust = dustUsd;
    this.chost = dustUsd * rules.chop();
    this.market = market;
    this.gas = gas;
    this.waterfall = waterfall;
    this.minProfit = minProfit;
    this.bonusShare = bonusShare;
  }

  void startPath() {
    size = 0;
    dirt = 0;
    returned = 0;
  }

  /** Whether an auction is running: then the kernel settles every step. */
  boolean running() {
    return size > 0;
  }

  /** Units an auction may take from a vault: set by {@link #bark}. */
  private double barkedUnits;
  private double barkedDebt;

  double barkedUnits() {
    return barkedUnits;
  }

  double barkedDebt() {
    return barkedDebt;
  }

  /**
   * {@code Dog.bark} of an unsafe vault holding c units against debt d at step t, the oracle at
   * {@code oraclePrice}: returns false, changing nothing, when the limit leaves no room (or only
   * a dusty partial auction, Maker's {@code Dog/dusty-auction-from-partial-liquidation}); else
   * starts an auction for {@link #barkedDebt()} of the debt and {@link #barkedUnits()} of the
   * collateral (all of it, or the share the room allows: {@code dart = min(art, room / chop)},
   * all of it when the rest would be dust), and pays the keeper's incentive.
   *
   * @param positionAccount, liquidationPrice, bankruptcyPrice the vault, for the LargestLoss
   */
  boolean bark(double c, double d, double oraclePrice, int t, int positionAccount,
               double liquidationPrice, double bankruptcyPrice, PathOutcome out) {
    double room = limit - dirt;
    if (!(room > 0)) {
      out.count(OutcomeCount.AUCTIONS_THROTTLED);
      return false;
    }
    double dart = Math.min(d, room / rules.chop());
    if (dart < d) {
      if (d - dart < dust) {
        dart = d;  // the rest would be dust: all of it (the limit is exceeded by < dust x chop)
      } else {
        out.count(OutcomeCount.AUCTIONS_THROTTLED);  // cut short by the limit
        if (dart < dust) {
          return false;
        }
      }
    }
    double dink = dart == d ? c : c * dart / d;
    double tabUsd = dart * rules.chop();
    dirt += tabUsd;
    grow();
    int k = size++;
    tab[k] = tabUsd;
    lot[k] = dink;
    due[k] = dart;
    top[k] = oraclePrice * rules.buf();
    tic[k] = t;
    account[k] = positionAccount;
    trigger[k] = liquidationPrice;
    bankruptcy[k] = bankruptcyPrice;
    out.count(OutcomeCount.AUCTIONS_STARTED);
    payKeeper(rules.tipUsd() + rules.chip() * tabUsd, t, out);
    barkedUnits = dink;
    barkedDebt = dart;
    return true;
  }

  /** The keeper incentive {@code coin}, drawn from the protocol (the vow's sin). */
  private void payKeeper(double coin, int t, PathOutcome out) {
    if (coin > 0) {
      out.add(OutcomeAmount.KEEPER_INCENTIVES, coin);
      waterfall.realise(coin, t, out);
    }
  }

  /**
   * Step t for every running auction, in the order they started: a reset if it needs one
   * ({@code redo}: top from the oracle now x buf, clock restarted), then a take if a keeper
   * profits from it at the market as it stands ({@link StepMarket#price()}, moved by earlier
   * sales of the step).
   */
  void settle(int t, double oraclePrice, PathOutcome out) {
    int kept = 0;
    for (int k = 0; k < size; k++) {
      if (step(k, t, oraclePrice, out)) {
        move(k, kept++);
      }
    }
    size = kept;
    if (size == 0) {
      dirt = 0;  // no rounding left over from the sums of takes
    }
  }

  /** One step of auction k; returns whether it is still running. */
  private boolean step(int k, int t, double oraclePrice, PathOutcome out) {
    double seconds = (t - tic[k]) * stepSeconds;
    double price = rules.price(top[k], seconds);
    if (rules.needsReset(top[k], price, seconds)) {
      tic[k] = t;
      top[k] = oraclePrice * rules.buf();
      price = top[k];
      out.count(OutcomeCount.AUCTIONS_RESET);
      if (tab[k] >= chost && lot[k] * oraclePrice >= chost) {
        payKeeper(rules.tipUsd() + rules.chip() * tab[k], t, out);
      }
    }
    double slice = lot[k];
    double owe = slice * price;
    if (owe > tab[k]) {
      owe = tab[k];
      slice = owe / price;
    }
    double m = market.price();
    double fee = gas == null ? 0 : gas.liquidationCostUsd(m);
    // The keeper's view: the units at the auction's price per unit (slice x price is the owe, or
    // the tab the owe was capped at, in exact arithmetic; its rounding must not decide a take
    // that is worth exactly its price).
    if (market.proceeds(slice, m) - slice * price - fee < minProfit) {
      return true;  // no keeper yet: the price keeps falling
    }
    market.sold(slice, m);
    out.count(OutcomeCount.AUCTION_TAKES);
    out.collateralSeized += slice;
    double repaid = Math.min(owe, due[k]);
    out.debtRepaid += repaid;
    due[k] -= repaid;
    waterfall.deposit(bonusShare * (owe - repaid));  // the penalty raised
    tab[k] -= owe;
    lot[k] -= slice;
    if (lot[k] > 0 && tab[k] > 0) {
      dirt -= owe;
      return true;
    }
    dirt -= owe + tab[k];
    returned += lot[k];
    // Covered: the rest of the lot goes back to the vault's owner. Exhausted: what the sales
    // did not repay of the debt is bad debt (the unraised penalty is revenue forgone).
    if (due[k] > 0) {
      waterfall.realise(due[k], t, out);
      out.largestLoss.offer(due[k], LargestLoss.LOAN, account[k], t, trigger[k], bankruptcy[k],
          oraclePrice, market.price());
    }
    return false;
  }

  /** Shortfall {@code max(0, due - lot x P)} of auctions still running at the horizon. */
  double horizonShortfall(double marketPrice) {
    double shortfall = 0;
    for (int k = 0; k < size; k++) {
      shortfall += LiquidationEngine.shortfall(lot[k], due[k], marketPrice);
    }
    return shortfall;
  }

  /**
   * For tests: collateral given back to owners on the path, and collateral and debt still in
   * running auctions (units, units, USD).
   */
  double[] balances() {
    double lots = 0;
    double dues = 0;
    for (int k = 0; k < size; k++) {
      lots += lot[k];
      dues += due[k];
    }
    return new double[] {returned, lots, dues};
  }

  private void move(int from, int to) {
    if (from != to) {
      tab[to] = tab[from];
      lot[to] = lot[from];
      due[to] = due[from];
      top[to] = top[from];
      tic[to] = tic[from];
      account[to] = account[from];
      trigger[to] = trigger[from];
      bankruptcy[to] = bankruptcy[from];
    }
  }

  private void grow() {
    if (size == tab.length) {
      int n = 2 * size;
      tab = Arrays.copyOf(tab, n);
      lot = Arrays.copyOf(lot, n);
      due = Arrays.copyOf(due, n);
      top = Arrays.copyOf(top, n);
      tic = Arrays.copyOf(tic, n);
      account = Arrays.copyOf(account, n);
      trigger = Arrays.copyOf(trigger, n);
      bankruptcy = Arrays.copyOf(bankruptcy, n);
    }
  }
}
