package io.margincall.stats;

import java.io.Serializable;

/**
 * The weighted sums of {@link BadDebtAccumulator}, kept only once a path of weight other than 1
 * has been seen: an unweighted run pays nothing for them and keeps its bits. When they start
 * (or meet an unweighted partition in a merge) they are seeded from the unweighted exact sums,
 * which are exactly what paths of weight 1 would have added ({@code 1 * y = y}), so the result
 * is the same bits for any split and merge order.
 */
final class WeightedOutcomes implements Mergeable<WeightedOutcomes>, Serializable {
  private static final long serialVersionUID = 1L;

  /** {@code sum w} and {@code sum w^2}: the effective sample size. */
  final WeightedMoments weight;
  final WeightedMoments liquidated;
  final WeightedMoments withBadDebt;
  final WeightedMoments fundExhausted;
  final WeightedMoments badDebt;
  final ExactSum insuranceDraw = new ExactSum();
  final ExactSum socializedLoss = new ExactSum();
  /** Weighted sums of the {@link OutcomeAmount}s, by ordinal. */
  final ExactSum[] amounts = new ExactSum[OutcomeAmount.size()];

  /**
   * The weighted sums of {@code paths} paths of weight 1 with these unweighted totals (the sums
   * are copied).
   */
  WeightedOutcomes(long paths, long liquidated, long withBadDebt, long fundExhausted,
                   ExactSum badDebt, ExactSum badDebtSquares, ExactSum insuranceDraw,
                   ExactSum socializedLoss, ExactSum[] amounts) {
    this.weight = WeightedMoments.ofIndicator(paths);
    this.liquidated = WeightedMoments.ofIndicator(liquidated);
    this.withBadDebt = WeightedMoments.ofIndicator(withBadDebt);
    this.fundExhausted = WeightedMoments.ofIndicator(fundExhausted);
    this.badDebt = new WeightedMoments(badDebt, badDebtSquares);
    this.insuranceDraw.merge(insuranceDraw);
    this.socializedLoss.merge(socializedLoss);
    for (int k = 0; k < this.amounts.length; k++) {
      this.amounts[k] = new ExactSum();
      this.amounts[k].merge(amounts[k]);
    }
  }

  /** Adds one path of weight {@code w}. */
  void add(PathResult o, double w) {
    weight.add(w, 1.0);
    liquidated.add(w, o.countOf(OutcomeCount.LIQUIDATIONS) > 0 ? 1.0 : 0.0);
    withBadDebt.add(w, o.badDebt() > 0 ? 1.0 : 0.0);
    fundExhausted.add(w, o.fundExhausted() ? 1.0 : 0.0);
    badDebt.add(w, o.badDebt());
    insuranceDraw.add(w * o.insuranceDraw());
    socializedLoss.add(w * o.socializedLoss());
    for (OutcomeAmount a : OutcomeAmount.ALL) {
      amounts[a.ordinal()].add(w * o.amountOf(a));
    }
  }

  @Override
  public void merge(WeightedOutcomes other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a WeightedOutcomes with itself");
    }
    weight.merge(other.weight);
    liquidated.merge(other.liquidated);
    withBadDebt.merge(other.withBadDebt);
    fundExhausted.merge(other.fundExhausted);
    badDebt.merge(other.badDebt);
    insuranceDraw.merge(other.insuranceDraw);
    socializedLoss.merge(other.socializedLoss);
    for (int k = 0; k < amounts.length; k++) {
      amounts[k].merge(other.amounts[k]);
    }
  }

  /** Kish's effective sample size {@code (sum w)^2 / sum w^2}. */
  double effectivePaths() {
    double sum = weight.total();
    return sum * sum / weight.totalOfSquares();
  }
}
