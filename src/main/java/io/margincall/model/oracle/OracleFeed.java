package io.margincall.model.oracle;

import io.margincall.model.FdLibm;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The state of one oracle along one path: the delay line of past market prices, the last posted
 * value, the values waiting out the security-module hold, the TWAP window and the outage clock.
 * Mutable; a kernel holds one and {@link #reset}s it for every path, so no step allocates.
 * Everything is in log price, so no step calls {@code exp} or {@code log}. With the ideal rules
 * every stage passes its input through untouched.
 */
public final class OracleFeed {
  private final int delay;
  private final double centre;
  private final double halfWidth;
  private final int heartbeat;
  private final double[] delayLine;
  private final int hold;
  private final double[] heldValue;
  private final int[] heldUntil;
  private final int twap;
  private final double[] window;
  private final double outageStart;
  private final double outageMean;
  private final boolean simple;

  private int head;
  private double posted;
  private int lastPost;
  private long posts;
  private int heldHead;
  private int heldCount;
  private double effective;
  private int windowHead;
  private double windowSum;
  private UniformRandomProvider outageRng;
  private double pendingValue;
  private int pendingAt;
  private int outageUntil;
  private long outageSteps;

  OracleFeed(OracleRules rules) {
    this.delay = rules.delaySteps();
    // |s/p - 1| >= dev  <=>  ln s - ln p >= ln(1 + dev)  or  ln s - ln p <= ln(1 - dev).
    double upLog = FdLibm.log1p(rules.deviation());
    double downLog = FdLibm.log1p(-rules.deviation());
    this.centre = 0.5 * (upLog + downLog);
    this.halfWidth = 0.5 * (upLog - downLog);
    this.heartbeat = rules.heartbeatSteps();
    this.delayLine = new double[delay + 1];
    this.hold = rules.holdSteps();
    this.heldValue = new double[hold + 1];
    this.heldUntil = new int[hold + 1];
    this.twap = rules.twapSteps();
    this.window = new double[Math.max(1, twap)];
    this.outageStart = rules.outagesPerStep();
    this.outageMean = rules.outageMeanSteps();
    this.simple = hold == 0 && twap == 0 && outageStart == 0;
  }

  /**
   * Starts a path at time 0 with the oracle showing the initial market price.
   *
   * @param outages the path's oracle stream (needed only when outages are modelled)
   */
  public void reset(double initialLogPrice, UniformRandomProvider outages) {
    Arrays.fill(delayLine, initialLogPrice);
    head = 0;
    posted = initialLogPrice;
    lastPost = 0;
    posts = 0;
    heldHead = 0;
    heldCount = 0;
    effective = initialLogPrice;
    Arrays.fill(window, initialLogPrice);
    windowHead = 0;
    windowSum = twap * initialLogPrice;
    outageRng = outages;
    outageUntil = 0;
    outageSteps = 0;
    pendingAt = 0;
  }

  /** As {@link #reset(double, UniformRandomProvider)} for rules without outages. */
  public void reset(double initialLogPrice) {
    reset(initialLogPrice, null);
  }

  /**
   * Advances to step {@code t >= 1}, where the market log price is {@code logMarket}, and returns
   * the log price the protocol reads at that step.
   */
  public double update(int t, double logMarket) {
    return update(t, logMarket, 0);
  }

  /**
   * As {@link #update(int, double)}, when a push submitted now would wait {@code pushDelay}
   * steps for inclusion (network congestion). While a push is pending no other is submitted;
   * the deviation test compares with the last included value.
   */
  public double update(int t, double logMarket, int pushDelay) {
    if (!simple || pushDelay != 0 || pendingAt != 0) {
      return updateGeneral(t, logMarket, pushDelay);
    }
    // The common case, kept small enough for the JIT to inline into the step loop: delay and
    // push rules only.
    double source = delayed(logMarket);
    double move = source - posted;
    if (Math.abs(move - centre) >= halfWidth || (heartbeat > 0 && t - lastPost >= heartbeat)) {
      posted = source;
      lastPost = t;
      posts++;
    }
    return posted;
  }

  /** Slot head gets ln S_t; the next slot then holds ln S_{t-delay} (or the initial price). */
  private double delayed(double logMarket) {
    if (delay == 0) {
      return logMarket;
    }
    delayLine[head] = logMarket;
    head = head == delay ? 0 : head + 1;
    return delayLine[head];
  }

  private double updateGeneral(int t, double logMarket, int pushDelay) {
    double source = delayed(logMarket);
    boolean down = false;
    if (outageStart > 0) {
      down = outage(t);
    }
    // One comparison, |move - centre| >= halfWidth, instead of move >= up || move <= down: the
    // sign of a move is a coin flip, and a branch on it mispredicts half the time (it tripled
    // the cost of a step with deviation 0); this test is almost always true (deviation 0) or
    // almost always false (a threshold), which the CPU predicts.
    boolean includedNow = false;
    if (pendingAt > 0 && t >= pendingAt) {
      include(pendingValue, t);
      pendingAt = 0;
      includedNow = true;  // one oracle transaction per block: the next is submitted next step
    }
    double move = source - posted;
    if (!down && !includedNow && pendingAt == 0 && (Math.abs(move - centre) >= halfWidth
        || (heartbeat > 0 && t - lastPost >= heartbeat))) {
      if (pushDelay == 0) {
        include(source, t);
      } else {
        pendingValue = source;
        pendingAt = t + pushDelay;
      }
    }
    if (hold == 0 && twap == 0) {
      return posted;
    }
    if (hold == 0) {
      effective = posted;
    } else {
      while (heldCount > 0 && heldUntil[heldHead] <= t) {
        effective = heldValue[heldHead];
        heldHead = heldHead + 1 == heldValue.length ? 0 : heldHead + 1;
        heldCount--;
      }
    }
    if (twap == 0) {
      return effective;
    }
    windowSum += effective - window[windowHead];
    window[windowHead] = effective;
    windowHead = windowHead + 1 == twap ? 0 : windowHead + 1;
    return windowSum / twap;
  }

  /** A push is included on chain at step t: it is posted, and enters the hold. */
  private void include(double value, int t) {
    posted = value;
    lastPost = t;
    posts++;
    if (hold > 0) {
      int slot = (heldHead + heldCount) % heldValue.length;
      heldValue[slot] = value;
      heldUntil[slot] = t + hold;
      heldCount++;
    }
  }

  /** Whether the feed is down at step t; starts an outage with its per-step probability. */
  private boolean outage(int t) {
    double u = outageRng.nextDouble();
    if (t < outageUntil) {
      outageSteps++;
      return true;
    }
    if (u < outageStart) {
      // Exponential length, at least one step, from one more uniform (one per outage).
      double length = -outageMean * FdLibm.log1p(-outageRng.nextDouble());
      outageUntil = t + Math.max(1, (int) Math.ceil(length));
      outageSteps++;
      return true;
    }
    return false;
  }

  /**
   * Whether every value the delay line will still show (and the one it shows now) is at least
   * {@code logLevel}: then no step of the next {@code delay} shows a price below it. For a feed
   * that only delays (no deviation threshold, hold, TWAP, outage or pending push): the caller
   * checks {@link OracleRules}.
   */
  public boolean showsNothingBelow(double logLevel) {
    for (double v : delayLine) {
      if (v < logLevel) {
        return false;
      }
    }
    return pendingAt == 0;
  }

  /** Counts {@code n} posts made by steps the caller crossed at once (deviation 0: one each). */
  public void postedAcross(int n) {
    posts += n;
  }

  /** Posts made since the last reset. */
  public long posts() {
    return posts;
  }

  /** Steps spent in an outage since the last reset. */
  public long outageSteps() {
    return outageSteps;
  }
}
