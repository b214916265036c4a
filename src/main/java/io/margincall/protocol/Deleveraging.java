package io.margincall.protocol;

/**
 * Auto-deleveraging: the book's side of the loss waterfall for perpetual futures. When the
 * insurance fund cannot pay the loss of a bankrupt position, the venue closes profitable
 * positions on the other side at the bankrupt position's bankruptcy price, so the uncovered part
 * of the bankrupt position is taken over by its counterparties instead of the market.
 */
public interface Deleveraging {
  /**
   * Closes up to {@code units} of positions opposite to a bankrupt position of side
   * {@code bankruptSide} (+1 long, -1 short), each at exactly {@code bankruptcyPrice}, choosing
   * only positions that are profitable at that price (so none is closed at a worse price than
   * its own entry, nor made bankrupt), in the ranking's order. Books the ADL counts into
   * {@code out}; returns the units closed ({@code <= units}).
   */
  double deleverage(int bankruptSide, double bankruptcyPrice, double units, int t,
                    PathOutcome out);
}
