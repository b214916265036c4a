package io.margincall.protocol;

/**
 * The position whose close realised the largest loss on a path, for drill-down in the per-path
 * rows: which position, when, and the prices that explain it: where it became eligible (its
 * liquidation price), where its collateral or margin was gone (its bankruptcy price), what the
 * protocol saw (the mark, the oracle price) and what the market was when it was closed. A
 * liquidation price far above the market at the close, with the mark still above it, is a late
 * oracle; a close at the liquidation price that still lost is slippage or a gap.
 *
 * <p>Mutable, part of the reused {@link PathOutcome}; {@link #offer} runs only when a loss is
 * realised, never per step.
 */
public final class LargestLoss {
  /** No position lost anything on the path. */
  public static final int NONE = 0;
  /** A loan (lending account). */
  public static final int LOAN = 1;
  /** A perpetual-futures position. */
  public static final int PERP = 2;

  private int kind;
  private int account;
  private int step;
  private double loss;
  private double liquidationPrice;
  private double bankruptcyPrice;
  private double mark;
  private double market;

  public LargestLoss() {
    reset();
  }

  /** Nothing lost yet: a new path. */
  public void reset() {
    kind = NONE;
    account = -1;
    step = -1;
    loss = 0;
    liquidationPrice = Double.NaN;
    bankruptcyPrice = Double.NaN;
    mark = Double.NaN;
    market = Double.NaN;
  }

  /**
   * A position closed at step t with a loss of {@code loss} USD; kept if it is the path's largest
   * so far (the first of equal losses stays).
   *
   * @param kind {@link #LOAN} or {@link #PERP}
   * @param account the position's index among the book's positions of its kind, in input order
   * @param liquidationPrice the mark at which it became eligible (NaN: several assets)
   * @param bankruptcyPrice the market price at which it had nothing left (NaN: several assets)
   * @param mark the oracle price the protocol read at the close
   * @param market the market price when it was closed, before its own sale
   */
  public void offer(double loss, int kind, int account, int t, double liquidationPrice,
                    double bankruptcyPrice, double mark, double market) {
    if (loss > this.loss) {
      this.loss = loss;
      this.kind = kind;
      this.account = account;
      this.step = t;
      this.liquidationPrice = liquidationPrice;
      this.bankruptcyPrice = bankruptcyPrice;
      this.mark = mark;
      this.market = market;
    }
  }

  /** "loan", "perp", or null when nothing was lost. */
  public String kindName() {
    return kind == LOAN ? "loan" : kind == PERP ? "perp" : null;
  }

  public int kind() {
    return kind;
  }

  public int account() {
    return account;
  }

  public int step() {
    return step;
  }

  public double loss() {
    return loss;
  }

  public double liquidationPrice() {
    return liquidationPrice;
  }

  public double bankruptcyPrice() {
    return bankruptcyPrice;
  }

  public double mark() {
    return mark;
  }

  public double market() {
    return market;
  }
}
