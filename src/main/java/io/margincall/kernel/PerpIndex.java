package io.margincall.kernel;

import io.margincall.model.FdLibm;
import io.margincall.model.price.MarketPath;
import io.margincall.protocol.FundingRules;
import io.margincall.protocol.LargestLoss;
import io.margincall.protocol.LiquidationEngine;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.PerpBook;
import io.margincall.protocol.PerpLiquidation;
import io.margincall.protocol.PerpPosition;
import io.margincall.protocol.PerpRules;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Perpetual-futures positions indexed by trigger price, one frontier per (side, maintenance
 * tier) of the {@link PerpBook}: longs fail on a falling mark, in descending order of trigger;
 * shorts on a rising one, in ascending order. An untouched position's trigger moves only with
 * its side's funding index, which moves a whole tier alike and never reorders it (SPEC 8: a
 * change applied to every account alike shifts the index instead of touching every account).
 * A liquidation ({@link PerpLiquidation#liquidate}) closes the whole position, or a chunk
 * of a large one: a position left open leaves its tier for a short list of partly closed
 * positions, each with its own trigger, liquidated again (one chunk a step) while eligible.
 *
 * <p>Its {@link AutoDeleveraging} closes profitable positions of the other side when the fund
 * cannot pay a bankrupt position's loss ({@link #takeOver}); a position closed in whole is
 * skipped when its frontier reaches it. Only the positions a path touched are reset for the
 * next.
 *
 * <p>Eligibility reads the mark (the oracle price, through the whole oracle pipeline); the close
 * trades at the market. Under congestion a liquidation is a transaction that waits for
 * inclusion ({@link Keeper}, as for loans): the position stays open and eligible, set aside with
 * the partly closed ones, until its transaction lands. When outside keepers close positions
 * for a reward ({@link PerpRules#keeperReward()}), a close the keeper finds unprofitable leaves
 * the position set aside the same way, tried again at the next step.
 */
final class PerpIndex implements AccountIndex {
  private static final int LONG = PerpBook.LONG;
  private static final int SHORT = PerpBook.SHORT;

  private final PerpBook book;
  private final LiquidationEngine engine;
  private final PerpLiquidation closer;
  private final Keeper keeper;
  private final MarketPath marketPath;
  private final AutoDeleveraging adl;
  private final FundingRules funding;
  private final int n;
  // Per-path state; valid for every position (reset from the book for those a path touched).
  private final double[] margin;
  private final double[] size;
  private final boolean[] closed;
  private final boolean[] touched;
  private final int[] touchedList;
  private int touchedCount;
  // Funding accrued per unit since the path began, by side, and what positions have paid.
  private final FundingIndex fundingIndex = new FundingIndex();
  // Open interest by side, asset units, and open positions by side: when a side's last
  // position closes its open interest is exactly 0, not the rounding its decrements leave.
  private final double[] openInterest = new double[2];
  private final int[] openCount = new int[2];
  // Per (side, tier): the next place in the side's order, and ln of its trigger.
  private final int[][] frontier = new int[2][];
  private final double[][] tierLogTrigger = new double[2][];
  // Positions set aside from their tier: partly closed, or eligible with a liquidation waiting
  // for inclusion; and the step each was last visited at.
  private final int[] partial;
  private int partialCount;
  private final int[] liquidatedAt;
  // The step a submitted liquidation lands at (0: none pending), under congestion.
  private final int[] pendingUntil;
  private double partialTrigger;
  // The step's mark price, for the ADL ranking.
  private double mark;
  private double logMark;
  // The dynamic margin's factor on every maintenance rate (1: the book's own); the tiers share
  // a rate, so a change recomputes one trigger per tier, not one per position.
  private double factor = 1;
  // sum |s| MM over the open positions, for the capacity the margin takes.
  private double maintenanceUnits;
  private final double bookMaintenanceUnits;

  PerpIndex(PerpBook book, LiquidationEngine engine, Keeper keeper, MarketPath marketPath,
            PerpRules rules) {
    this.book = book;
    this.keeper = keeper;
    this.engine = engine;
    this.closer = engine.perps();
    this.marketPath = marketPath;
    this.funding = rules.funding();
    this.n = book.size();
    this.adl = new AutoDeleveraging(this, rules.adl());
    this.margin = new double[n];
    this.size = new double[n];
    for (int i = 0; i < n; i++) {
      margin[i] = book.margin(i);
      size[i] = book.positionSize(i);
    }
    double units = 0;
    for (int i = 0; i < n; i++) {
      units += Math.abs(size[i]) * book.maintenance(i);
    }
    this.bookMaintenanceUnits = units;
    this.closed = new boolean[n];
    this.touched = new boolean[n];
    this.touchedList = new int[n];
    this.partial = new int[n];
    this.liquidatedAt = new int[n];
    this.pendingUntil = new int[n];
    for (int side = LONG; side <= SHORT; side++) {
      frontier[side] = new int[book.tiers(side)];
      tierLogTrigger[side] = new double[book.tiers(side)];
    }
  }

  /** The stream of the random ADL ranking for the next path (null for other rankings). */
  void bindAdlStream(UniformRandomProvider stream) {
    adl.bindStream(stream);
  }

  /** Steps between funding payments, 0 for none. */
  int fundingIntervalSteps() {
    return funding.intervalSteps();
  }

  @Override
  public void startPath() {
    for (int k = 0; k < touchedCount; k++) {
      int i = touchedList[k];
      margin[i] = book.margin(i);
      size[i] = book.positionSize(i);
      closed[i] = false;
      touched[i] = false;
      liquidatedAt[i] = 0;
      pendingUntil[i] = 0;
    }
    touchedCount = 0;
    partialCount = 0;
    fundingIndex.reset();
    maintenanceUnits = bookMaintenanceUnits;
    double[] oi = book.openInterest();
    for (int side = LONG; side <= SHORT; side++) {
      openInterest[side] = oi[side];
      openCount[side] = book.count(side);
      for (int k = 0; k < frontier[side].length; k++) {
        frontier[side][k] = book.tierStart(side, k);
        refresh(side, k);
      }
    }
  }

  private void touch(int i) {
    if (!touched[i]) {
      touched[i] = true;
      touchedList[touchedCount++] = i;
    }
  }

  /**
   * Tier k of a side: skips positions ADL closed, and computes ln of the next one's trigger
   * {@code (A + F) / (1 - mm sgn s)}; -infinity (longs) or +infinity (shorts) when none is left
   * or the trigger is not positive (a long whose margin covers its whole value cannot fail).
   */
  private void refresh(int side, int k) {
    int end = book.tierStart(side, k + 1);
    int p = frontier[side][k];
    while (p < end && closed[book.at(side, p)]) {
      p++;
    }
    frontier[side][k] = p;
    double none = side == LONG ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    if (p == end) {
      tierLogTrigger[side][k] = none;
      return;
    }
    double trigger = PerpPosition.triggerPrice(book.key(side, p) + fundingIndex.of(side),
        side == LONG ? 1 : -1, book.tierRate(side, k) * factor);
    tierLogTrigger[side][k] = trigger > 0 ? FdLibm.log(trigger) : Double.NEGATIVE_INFINITY;
  }

  /** The tier of a side whose next position the mark reaches first, or -1 if none. */
  private int firstTier(int side) {
    double[] logTrigger = tierLogTrigger[side];
    int best = -1;
    for (int k = 0; k < logTrigger.length; k++) {
      if (best < 0 || (side == LONG ? logTrigger[k] > logTrigger[best]
          : logTrigger[k] < logTrigger[best])) {
        best = k;
      }
    }
    return best;
  }

  @Override
  public double fallTrigger() {
    int k = firstTier(LONG);
    double fall = k < 0 ? Double.NEGATIVE_INFINITY : tierLogTrigger[LONG][k];
    for (int j = 0; j < partialCount; j++) {
      int i = partial[j];
      if (size[i] > 0) {
        fall = Math.max(fall, logTrigger(i));
      }
    }
    return fall;
  }

  @Override
  public double riseTrigger() {
    int k = firstTier(SHORT);
    double rise = k < 0 ? Double.POSITIVE_INFINITY : tierLogTrigger[SHORT][k];
    for (int j = 0; j < partialCount; j++) {
      int i = partial[j];
      if (size[i] < 0) {
        rise = Math.min(rise, logTrigger(i));
      }
    }
    return rise;
  }

  /** ln of position i's trigger now, from its current margin and size and its side's funding. */
  private double logTrigger(int i) {
    double trigger = PerpPosition.triggerPrice(margin[i], size[i], entry(i),
        book.maintenance(i) * factor);
    return trigger > 0 ? FdLibm.log(trigger) : Double.NEGATIVE_INFINITY;
  }

  /**
   * The set-aside position of a side whose trigger the mark reaches first, not visited at step t
   * yet, or -1; its log trigger in {@link #partialTrigger}.
   */
  private int firstPartial(int side, int t) {
    int best = -1;
    for (int j = 0; j < partialCount; j++) {
      int i = partial[j];
      if ((side == LONG) != (size[i] > 0) || liquidatedAt[i] == t) {
        continue;
      }
      double x = logTrigger(i);
      if (best < 0 || (side == LONG ? x > partialTrigger : x < partialTrigger)
          || x == partialTrigger && i < best) {
        best = i;
        partialTrigger = x;
      }
    }
    return best;
  }

  @Override
  public void settle(int t, double logPrice, double logOracle, PathOutcome out) {
    engine.openStep(t, logPrice, marketPath.regime());
    mark = StrictMath.exp(logOracle);
    logMark = logOracle;
    for (int side = LONG; side <= SHORT; side++) {
      while (true) {
        // The next position the mark reaches: a tier's frontier or a partly closed position.
        int k = firstTier(side);
        double tierTrigger = k < 0 ? (side == LONG ? Double.NEGATIVE_INFINITY
            : Double.POSITIVE_INFINITY) : tierLogTrigger[side][k];
        int p = firstPartial(side, t);
        boolean fromPartial = p >= 0
            && (side == LONG ? partialTrigger > tierTrigger : partialTrigger < tierTrigger);
        double logTrigger = fromPartial ? partialTrigger : tierTrigger;
        if (!(side == LONG ? logOracle < logTrigger : logOracle > logTrigger)) {
          break;
        }
        int i;
        if (fromPartial) {
          i = p;
          removePartial(i);
        } else {
          i = book.at(side, frontier[side][k]++);
        }
        if (keeper.congested() && !keeper.included(pendingUntil, i, t, out)) {
          // Its liquidation waits for inclusion, or could not be submitted in time: it stays
          // open and eligible, set aside, and is visited again at the next step.
          touch(i);
          liquidatedAt[i] = t;
          partial[partialCount++] = i;
          if (!fromPartial) {
            refresh(side, k);
          }
          continue;
        }
        liquidate(i, side, t, out);
      }
    }
  }

  private void liquidate(int i, int side, int t, PathOutcome out) {
    touch(i);
    liquidatedAt[i] = t;
    double before = size[i];
    double e = entry(i);
    engine.position(LargestLoss.PERP, i, PerpPosition.triggerPrice(margin[i], before, e,
        book.maintenance(i) * factor), PerpPosition.bankruptcyPrice(margin[i], before, e), logMark);
    double left = closer.liquidate(margin[i], before, e, t, adl, out);
    if (closer.skipped()) {
      partial[partialCount++] = i;  // unchanged and still eligible: visited again next step
    } else {
      shrink(side, Math.abs(before) - Math.abs(left), left == 0);
      maintenanceUnits -= (Math.abs(before) - Math.abs(left)) * book.maintenance(i);
      fundingIndex.book(before - left, side);
      if (left == 0) {
        closed[i] = true;
      } else {
        margin[i] = closer.marginLeft();
        size[i] = left;
        partial[partialCount++] = i;
      }
    }
    // The frontier moved, and ADL may have closed positions at the frontiers.
    for (int s = LONG; s <= SHORT; s++) {
      for (int k = 0; k < frontier[s].length; k++) {
        refresh(s, k);
      }
    }
    prunePartial();
  }

  private void removePartial(int i) {
    for (int j = 0; j < partialCount; j++) {
      if (partial[j] == i) {
        partial[j] = partial[--partialCount];
        return;
      }
    }
  }

  /** Drops partly closed positions that ADL has closed. */
  void prunePartial() {
    for (int j = partialCount - 1; j >= 0; j--) {
      if (closed[partial[j]]) {
        partial[j] = partial[--partialCount];
      }
    }
  }

  /** A side's open interest loses {@code units}; {@code whole}: a position closed. */
  private void shrink(int side, double units, boolean whole) {
    openInterest[side] -= units;
    if (whole && --openCount[side] == 0) {
      openInterest[side] = 0;
    }
  }

  /** Position i's entry shifted by its side's funding: {@code E + F}. */
  double entry(int i) {
    return book.entry(i) + fundingIndex.of(size[i] > 0 ? LONG : SHORT);
  }

  /**
   * Pays funding at step t at the given mark: the side that pays moves its index up by what it
   * pays per unit, the other down by what it receives, so the book's sum is zero.
   */
  void payFunding(double markPrice) {
    double l = openInterest[LONG];
    double s = openInterest[SHORT];
    if (!(l > 0 && s > 0)) {
      return;
    }
    double perLongUnit = funding.rate(l, s) * markPrice;
    double perShortUnit = perLongUnit * (l / s);
    fundingIndex.pay(perLongUnit, perShortUnit);  // a short's entry rises: it receives
    for (int side = LONG; side <= SHORT; side++) {
      for (int k = 0; k < frontier[side].length; k++) {
        refresh(side, k);
      }
    }
  }

  /**
   * ADL takes {@code take} units of open position i over at the bankruptcy price: the position
   * leaves the book when that is all of it, else keeps the same share of its margin, so its
   * trigger does not move; its side's open interest and accrued funding follow.
   */
  void takeOver(int i, double take) {
    double held = Math.abs(size[i]);
    touch(i);
    int side = size[i] > 0 ? LONG : SHORT;
    shrink(side, take, take >= held);
    maintenanceUnits -= Math.min(take, held) * book.maintenance(i);
    fundingIndex.book(Math.signum(size[i]) * take, side);
    if (take >= held) {
      closed[i] = true;
    } else {
      double keep = (held - take) / held;
      margin[i] *= keep;
      size[i] *= keep;
    }
  }

  @Override
  public void marginFactor(double factor) {
    this.factor = factor;
    for (int side = LONG; side <= SHORT; side++) {
      for (int k = 0; k < frontier[side].length; k++) {
        refresh(side, k);
      }
    }
  }

  @Override
  public double capacityLost(double oraclePrice) {
    return oraclePrice * maintenanceUnits * (factor - 1);
  }

  /** Positions in the book, open or not. */
  int positions() {
    return n;
  }

  /** Whether position i is open on this path. */
  boolean open(int i) {
    return !closed[i];
  }

  /** Signed size of position i now. */
  double size(int i) {
    return size[i];
  }

  /** Margin of position i now, USD. */
  double margin(int i) {
    return margin[i];
  }

  /** The step's mark price. */
  double mark() {
    return mark;
  }

  /**
   * Positions eligible at the mark {@code logMark}: in each tier, the run from its frontier whose
   * triggers the mark has passed (ADL-closed ones skipped; a tier is in trigger order), and the
   * set-aside positions whose own trigger it has passed.
   */
  @Override
  public long eligible(double logMark) {
    long count = 0;
    for (int side = LONG; side <= SHORT; side++) {
      for (int k = 0; k < frontier[side].length; k++) {
        int end = book.tierStart(side, k + 1);
        for (int p = frontier[side][k]; p < end; p++) {
          if (closed[book.at(side, p)]) {
            continue;
          }
          double trigger = PerpPosition.triggerPrice(book.key(side, p) + fundingIndex.of(side),
              side == LONG ? 1 : -1, book.tierRate(side, k));
          double x = trigger > 0 ? FdLibm.log(trigger) : Double.NEGATIVE_INFINITY;
          if (!(side == LONG ? logMark < x : logMark > x)) {
            break;
          }
          count++;
        }
      }
    }
    for (int j = 0; j < partialCount; j++) {
      int i = partial[j];
      double x = logTrigger(i);
      if (size[i] > 0 ? logMark < x : logMark > x) {
        count++;
      }
    }
    return count;
  }

  @Override
  public double horizonShortfall(double logPrice) {
    double market = StrictMath.exp(logPrice);
    double shortfall = 0;
    for (int i = 0; i < n; i++) {
      if (!closed[i]) {
        fundingIndex.book(size[i], size[i] > 0 ? LONG : SHORT);
        shortfall += Math.max(0, -PerpPosition.equity(margin[i], size[i], entry(i), market));
      }
    }
    return shortfall;
  }

  /** Signed size of position i after the last path (0 when closed). For tests. */
  double sizeAfterPath(int i) {
    return closed[i] ? 0 : size[i];
  }

  /** Funding index of a side after the last path, USD per unit. For tests. */
  double fundingIndexAfterPath(int side) {
    return fundingIndex.of(side);
  }

  /**
   * The funding all positions paid over the last path, net (zero when funding is zero-sum) and
   * gross, USD: {net, gross}. For tests.
   */
  double[] fundingAfterPath() {
    return fundingIndex.booked();
  }
}
