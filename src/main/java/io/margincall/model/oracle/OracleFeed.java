package io.margincall.model.oracle;

/**
 * The state of one oracle along one path: the delay line of past market prices and the last
 * posted value. Mutable; a kernel holds one and {@link #reset}s it for every path, so no step
 * allocates. Everything is in log price, so no step calls {@code exp} or {@code log}.
 */
public final class OracleFeed {
  private final int delay;
  private final double centre;
  private final double halfWidth;
  private final int heartbeat;
  private final double[] delayLine;

  private int head;
  private double posted;
  private int lastPost;
  private long posts;

  OracleFeed(OracleRules rules) {
    this.delay = rules.delaySteps();
    // |s/p - 1| >= dev  <=>  ln s - ln p >= ln(1 + dev)  or  ln s - ln p <= ln(1 - dev).
    // With dev = 0 both bounds are 0 and every step posts.
    double upLog = Math.log1p(rules.deviation());
    double downLog = Math.log1p(-rules.deviation());
    this.centre = 0.5 * (upLog + downLog);
    this.halfWidth = 0.5 * (upLog - downLog);
    this.heartbeat = rules.heartbeatSteps();
    this.delayLine = new double[delay + 1];
  }

  /** Starts a path at time 0 with the oracle showing the initial market price. */
  public void reset(double initialLogPrice) {
    java.util.Arrays.fill(delayLine, initialLogPrice);
    head = 0;
    posted = initialLogPrice;
    lastPost = 0;
    posts = 0;
  }

  /**
   * Advances to step {@code t >= 1}, where the market log price is {@code logMarket}, and returns
   * the log price the protocol reads at that step.
   */
  public double update(int t, double logMarket) {
    double source = logMarket;
    if (delay > 0) {
      // Slot head gets ln S_t; the next slot then holds ln S_{t-delay} (or the initial price).
      delayLine[head] = logMarket;
      head = head == delay ? 0 : head + 1;
      source = delayLine[head];
    }
    // One comparison, |move - centre| >= halfWidth, instead of move >= up || move <= down: the
    // sign of a move is a coin flip, and a branch on it mispredicts half the time (it tripled
    // the cost of a step with deviation 0); this test is almost always true (deviation 0) or
    // almost always false (a threshold), which the CPU predicts.
    double move = source - posted;
    if (Math.abs(move - centre) >= halfWidth || (heartbeat > 0 && t - lastPost >= heartbeat)) {
      posted = source;
      lastPost = t;
      posts++;
    }
    return posted;
  }

  /** Posts made since the last reset. */
  public long posts() {
    return posts;
  }
}
