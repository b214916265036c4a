package io.margincall.stats;

import java.io.Serializable;

/**
 * The moments of antithetic pairs: paths 2k and 2k + 1 arrive one after the other (a task runs
 * whole pairs, in order), and each pair's mean of {@code w y} counts as one sample, so standard
 * errors and intervals see N / 2 independent pairs, not N independent paths. Mergeable exactly,
 * between whole pairs only.
 */
final class AntitheticPairs implements Mergeable<AntitheticPairs>, Serializable {
  private static final long serialVersionUID = 1L;

  private long pairs;
  private boolean half;
  private double firstLoss;
  private double firstBadDebt;
  private double firstWithBadDebt;
  private double firstLiquidated;
  private double firstFundExhausted;
  final WeightedMoments badDebt = new WeightedMoments();
  final WeightedMoments withBadDebt = new WeightedMoments();
  final WeightedMoments liquidated = new WeightedMoments();
  final WeightedMoments fundExhausted = new WeightedMoments();
  /** Each pair's smaller loss with its larger one, largest first: the pairs both in a tail. */
  final LossPairTail bothInTail;

  /** Keeping up to {@code tailCapacity} pairs whose both losses may lie in the tail. */
  AntitheticPairs(int tailCapacity) {
    this.bothInTail = new LossPairTail(tailCapacity);
  }

  /** Adds one path of weight {@code w}; every second call closes a pair. */
  void add(PathResult o, double w) {
    double bad = w * o.badDebt();
    double withBad = o.badDebt() > 0 ? w : 0.0;
    double liq = o.countOf(OutcomeCount.LIQUIDATIONS) > 0 ? w : 0.0;
    double fund = o.fundExhausted() ? w : 0.0;
    if (!half) {
      firstLoss = o.badDebt();
      firstBadDebt = bad;
      firstWithBadDebt = withBad;
      firstLiquidated = liq;
      firstFundExhausted = fund;
      half = true;
      return;
    }
    badDebt.add(1.0, (firstBadDebt + bad) / 2);
    withBadDebt.add(1.0, (firstWithBadDebt + withBad) / 2);
    liquidated.add(1.0, (firstLiquidated + liq) / 2);
    fundExhausted.add(1.0, (firstFundExhausted + fund) / 2);
    bothInTail.add(Math.min(firstLoss, o.badDebt()), Math.max(firstLoss, o.badDebt()));
    pairs++;
    half = false;
  }

  @Override
  public void merge(AntitheticPairs other) {
    if (other == this) {
      throw new IllegalArgumentException("cannot merge AntitheticPairs with itself");
    }
    if (half || other.half) {
      throw new IllegalStateException("an antithetic pair was split between accumulators: a"
          + " task must run whole pairs (even path ranges)");
    }
    pairs += other.pairs;
    badDebt.merge(other.badDebt);
    withBadDebt.merge(other.withBadDebt);
    liquidated.merge(other.liquidated);
    fundExhausted.merge(other.fundExhausted);
    bothInTail.merge(other.bothInTail);
  }

  long pairs() {
    return pairs;
  }

  /** Standard error of a mean over paths, from the pairs' moments. */
  double standardError(WeightedMoments m) {
    return m.standardError(pairs);
  }

  /**
   * {@code estimate +- z se} from the pairs, clipped to [0, 1]. With no event the variance is
   * unknown; then the Wilson interval of no pair with the event among N / 2 independent pairs:
   * a pair has the event at least as often as one path, so its upper end bounds p too.
   */
  WilsonInterval probability95(double estimate, WeightedMoments m) {
    if (estimate == 0) {
      return WilsonInterval.of95(0, pairs);
    }
    double half95 = TailRisk.Z95 * m.standardError(pairs);
    return new WilsonInterval(estimate, Math.max(0.0, estimate - half95),
        Math.min(1.0, estimate + half95));
  }
}
