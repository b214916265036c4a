package io.margincall.kernel;

import io.margincall.protocol.Deleveraging;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.PerpPosition;
import io.margincall.protocol.PerpRules;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Auto-deleveraging of a {@link PerpIndex}'s book: when the fund cannot pay a bankrupt
 * position's loss, profitable positions of the other side are closed at the bankruptcy price, in
 * the order of {@link PerpRules.AdlRanking}, each taken in whole or in part. A partial close
 * takes the same share of the position's margin (the rest of the margin and profit is paid
 * out), so the position's trigger does not move.
 *
 * <p>Each event scans the book for candidates and ranks them at the step's mark: O(book) per
 * event (a faster ranking is future work, see {@code src/docs/performance.md}).
 */
final class AutoDeleveraging implements Deleveraging {
  private final PerpIndex book;
  private final PerpRules.AdlRanking ranking;
  private UniformRandomProvider stream;
  // Scratch for ranking candidates.
  private final int[] candidate;
  private final double[] rank;

  AutoDeleveraging(PerpIndex book, PerpRules.AdlRanking ranking) {
    this.book = book;
    this.ranking = ranking;
    this.candidate = new int[book.positions()];
    this.rank = new double[book.positions()];
  }

  /** The stream of the random ranking for the next path (null for other rankings). */
  void bindStream(UniformRandomProvider stream) {
    this.stream = stream;
  }

  @Override
  public double deleverage(int bankruptSide, double bankruptcyPrice, double units, int t,
                           PathOutcome out) {
    int m = 0;
    for (int i = 0; i < book.positions(); i++) {
      double s = book.size(i);
      // Opposite side, open, and profitable at the bankruptcy price (so closing it there is
      // no worse than its entry and cannot make it bankrupt).
      if (book.open(i) && s * bankruptSide < 0
          && PerpPosition.profit(s, book.entry(i), bankruptcyPrice) > 0) {
        candidate[m] = i;
        rank[m] = rankKey(i);
        m++;
      }
    }
    if (m == 0) {
      return 0;
    }
    int start = ranking == PerpRules.AdlRanking.RANDOM ? (int) (stream.nextDouble() * m) : 0;
    double left = units;
    int walked = 0;
    while (left > 0 && walked < m) {
      int k = ranking == PerpRules.AdlRanking.RANDOM ? (start + walked) % m : best(m);
      walked++;
      int i = candidate[k];
      rank[k] = Double.NEGATIVE_INFINITY;  // taken
      double take = Math.min(Math.abs(book.size(i)), left);
      out.count(OutcomeCount.ADL_POSITIONS_HIT);
      out.add(OutcomeAmount.ADL_NOTIONAL, take * bankruptcyPrice);
      book.takeOver(i, take);
      left -= take;
    }
    book.prunePartial();
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

  /** Position i's rank at the step's mark: higher is deleveraged first. */
  private double rankKey(int i) {
    double s = book.size(i);
    double e = book.entry(i);
    double mark = book.mark();
    double profit = PerpPosition.profit(s, e, mark);
    switch (ranking) {
      case PNL:
        return profit;
      case PNL_LEVERAGE: {
        double equity = PerpPosition.equity(book.margin(i), s, e, mark);
        double pnlShare = profit / Math.abs(s * e);
        return equity > 0 ? pnlShare * Math.abs(s * mark) / equity : Double.MAX_VALUE;
      }
      default:
        return 0;
    }
  }
}
