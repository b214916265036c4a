package io.margincall.kernel;

import io.margincall.model.price.MarketPath;
import io.margincall.protocol.Deleveraging;
import io.margincall.protocol.LiquidationEngine;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.PerpBook;
import io.margincall.protocol.PerpPosition;
import io.margincall.protocol.PerpRules;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Perpetual-futures positions indexed by trigger price, one frontier per side: longs fail on a
 * falling mark, in descending order of trigger; shorts on a rising one, in ascending order. A
 * liquidation closes the whole position ({@link LiquidationEngine#closePerp}), so a position's
 * trigger never moves while it is open and each side is a pointer into the book's order.
 *
 * <p>This index is also the book's {@link Deleveraging}: when the fund cannot pay a bankrupt
 * position's loss, it closes profitable positions of the other side at the bankruptcy price, in
 * the order of {@link PerpRules.AdlRanking}, taking each in whole or in part. A partial close
 * takes the same share of the position's margin (the rest of the margin and profit is paid
 * out), so the position's trigger does not move; a position closed in whole is skipped when its
 * side's frontier reaches it. Only the positions a path touched are reset for the next.
 *
 * <p>Eligibility reads the mark (the oracle price, through the whole oracle pipeline); the close
 * trades at the market. Perp liquidations are made by the venue's engine at once: the keeper's
 * profit check and inclusion waits of lending do not apply to them.
 */
final class PerpIndex implements AccountIndex, Deleveraging {
  private final PerpBook book;
  private final LiquidationEngine engine;
  private final MarketPath marketPath;
  private final PerpRules.AdlRanking ranking;
  private final int n;
  // Per-path state; valid for every position (reset from the book for those a path touched).
  private final double[] margin;
  private final double[] size;
  private final boolean[] closed;
  private final boolean[] touched;
  private final int[] touchedList;
  private int touchedCount;
  private int longFrontier;
  private int shortFrontier;
  // The step's mark price, for the ADL ranking.
  private double mark;
  private UniformRandomProvider adlStream;
  // Scratch for ranking ADL candidates.
  private final int[] candidate;
  private final double[] rank;

  PerpIndex(PerpBook book, LiquidationEngine engine, MarketPath marketPath, PerpRules rules) {
    this.book = book;
    this.engine = engine;
    this.marketPath = marketPath;
    this.ranking = rules.adl();
    this.n = book.size();
    this.margin = new double[n];
    this.size = new double[n];
    for (int i = 0; i < n; i++) {
      margin[i] = book.margin(i);
      size[i] = book.positionSize(i);
    }
    this.closed = new boolean[n];
    this.touched = new boolean[n];
    this.touchedList = new int[n];
    this.candidate = new int[n];
    this.rank = new double[n];
  }

  /** The stream of the random ADL ranking for the next path (null for other rankings). */
  void bindAdlStream(UniformRandomProvider stream) {
    this.adlStream = stream;
  }

  @Override
  public void startPath() {
    for (int k = 0; k < touchedCount; k++) {
      int i = touchedList[k];
      margin[i] = book.margin(i);
      size[i] = book.positionSize(i);
      closed[i] = false;
      touched[i] = false;
    }
    touchedCount = 0;
    longFrontier = 0;
    shortFrontier = 0;
  }

  private void touch(int i) {
    if (!touched[i]) {
      touched[i] = true;
      touchedList[touchedCount++] = i;
    }
  }

  @Override
  public double fallTrigger() {
    while (longFrontier < book.longCount() && closed[book.longAt(longFrontier)]) {
      longFrontier++;
    }
    return longFrontier < book.longCount() ? book.longLogTrigger(longFrontier)
        : Double.NEGATIVE_INFINITY;
  }

  @Override
  public double riseTrigger() {
    while (shortFrontier < book.shortCount() && closed[book.shortAt(shortFrontier)]) {
      shortFrontier++;
    }
    return shortFrontier < book.shortCount() ? book.shortLogTrigger(shortFrontier)
        : Double.POSITIVE_INFINITY;
  }

  @Override
  public void settle(int t, double logPrice, double logOracle, PathOutcome out) {
    engine.openStep(t, logPrice, marketPath.regime());
    mark = Math.exp(logOracle);
    while (logOracle < fallTrigger()) {
      close(book.longAt(longFrontier++), t, out);
    }
    while (logOracle > riseTrigger()) {
      close(book.shortAt(shortFrontier++), t, out);
    }
  }

  private void close(int i, int t, PathOutcome out) {
    touch(i);
    closed[i] = true;
    engine.closePerp(margin[i], size[i], book.entry(i), t, this, out);
  }

  @Override
  public double deleverage(int bankruptSide, double bankruptcyPrice, double units, int t,
                           PathOutcome out) {
    int m = 0;
    for (int i = 0; i < n; i++) {
      double s = size[i];
      // Opposite side, open, and profitable at the bankruptcy price (so closing it there is
      // no worse than its entry and cannot make it bankrupt).
      if (!closed[i] && s * bankruptSide < 0
          && PerpPosition.profit(s, book.entry(i), bankruptcyPrice) > 0) {
        candidate[m] = i;
        rank[m] = rankKey(i);
        m++;
      }
    }
    if (m == 0) {
      return 0;
    }
    int start = ranking == PerpRules.AdlRanking.RANDOM ? (int) (adlStream.nextDouble() * m) : 0;
    double left = units;
    int walked = 0;
    while (left > 0 && walked < m) {
      int k;
      if (ranking == PerpRules.AdlRanking.RANDOM) {
        k = (start + walked) % m;
      } else {
        k = best(m);
      }
      walked++;
      int i = candidate[k];
      rank[k] = Double.NEGATIVE_INFINITY;  // taken
      double held = Math.abs(size[i]);
      double take = Math.min(held, left);
      touch(i);
      out.adlPositionsHit++;
      out.adlNotional += take * bankruptcyPrice;
      if (take >= held) {
        closed[i] = true;
        size[i] = 0;
        margin[i] = 0;
      } else {
        double keep = (held - take) / held;
        margin[i] *= keep;
        size[i] *= keep;
      }
      left -= take;
    }
    return units - Math.max(0, left);
  }

  /** The candidate with the highest rank key, ties to the lower position index. */
  private int best(int m) {
    int b = -1;
    for (int k = 0; k < m; k++) {
      if (rank[k] == Double.NEGATIVE_INFINITY) {
        continue;
      }
      if (b < 0 || rank[k] > rank[b] || rank[k] == rank[b] && candidate[k] < candidate[b]) {
        b = k;
      }
    }
    return b;
  }

  /** Position i's ADL rank at the mark: higher is deleveraged first. */
  private double rankKey(int i) {
    double s = size[i];
    double e = book.entry(i);
    double profit = PerpPosition.profit(s, e, mark);
    switch (ranking) {
      case PNL:
        return profit;
      case PNL_LEVERAGE: {
        double equity = PerpPosition.equity(margin[i], s, e, mark);
        double pnlShare = profit / Math.abs(s * e);
        return equity > 0 ? pnlShare * Math.abs(s * mark) / equity : Double.MAX_VALUE;
      }
      default:
        return 0;
    }
  }

  @Override
  public double horizonShortfall(double logPrice) {
    double market = Math.exp(logPrice);
    double shortfall = 0;
    for (int k = longFrontier; k < book.longCount(); k++) {
      shortfall += openShortfall(book.longAt(k), market);
    }
    for (int k = shortFrontier; k < book.shortCount(); k++) {
      shortfall += openShortfall(book.shortAt(k), market);
    }
    return shortfall;
  }

  private double openShortfall(int i, double market) {
    return closed[i] ? 0
        : Math.max(0, -PerpPosition.equity(margin[i], size[i], book.entry(i), market));
  }

  /** Signed size of position i after the last path (0 when closed). For tests. */
  double sizeAfterPath(int i) {
    return closed[i] ? 0 : size[i];
  }
}
