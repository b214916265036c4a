package io.margincall.protocol;

/**
 * The last {@code w} steps of a log price, as a protocol could keep them on chain: the move
 * {@code ln(P_t / P_(t-w))} and the sum of the squared log returns over the window (the
 * realized variance, before scaling). Prices before the path began are its initial price.
 * Mutable; one per kernel, reset per path.
 *
 * <p>The running sum of squares is recomputed from the window every {@code w} steps, so its
 * rounding stays that of at most 2w additions; it is the same bits on every run.
 */
public final class PriceMoveWindow {
  private final int w;
  // The last w + 1 log prices and the last w squared returns, as rings indexed by step mod.
  private final double[] logPrice;
  private final double[] squared;
  private double sumSquared;
  private int at;
  private int slot;

  /** @param w the window, steps ({@code >= 1}) */
  public PriceMoveWindow(int w) {
    if (w < 1) {
      throw new IllegalArgumentException("window must be >= 1 step, got " + w);
    }
    this.w = w;
    this.logPrice = new double[w + 1];
    this.squared = new double[w];
  }

  /** A new path starting at log price {@code logInitial}: no move, no variance. */
  public void reset(double logInitial) {
    java.util.Arrays.fill(logPrice, logInitial);
    java.util.Arrays.fill(squared, 0);
    sumSquared = 0;
    at = 0;
    slot = w - 1;
  }

  /** Adds the next step's log price. */
  public void observe(double x) {
    int previous = at;
    at = at == w ? 0 : at + 1;
    slot = slot == w - 1 ? 0 : slot + 1;
    double r = x - logPrice[previous];
    double rr = r * r;
    sumSquared += rr - squared[slot];
    squared[slot] = rr;
    logPrice[at] = x;
    if (slot == w - 1) {
      double s = 0;
      for (double v : squared) {
        s += v;
      }
      sumSquared = s;
    }
  }

  /** {@code ln(P_t / P_(t-w))}: the move over the window. */
  public double move() {
    return logPrice[at] - logPrice[at == w ? 0 : at + 1];
  }

  /** The sum of the window's squared log returns. */
  public double sumSquaredReturns() {
    return sumSquared;
  }
}
