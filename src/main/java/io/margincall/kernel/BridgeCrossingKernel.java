package io.margincall.kernel;

import io.margincall.model.FdLibm;
import io.margincall.model.liquidity.InfiniteDepth;
import io.margincall.model.oracle.OracleRules;
import io.margincall.model.random.ZigguratNormal;
import io.margincall.protocol.AccountBook;
import io.margincall.protocol.LargestLoss;
import io.margincall.protocol.LiquidationEngine;
import io.margincall.protocol.LiquidationIncentive;
import io.margincall.protocol.LiquidationRules;
import io.margincall.protocol.LossWaterfall;
import io.margincall.protocol.PathOutcome;
import io.margincall.protocol.SeizePricing;
import io.margincall.stats.OutcomeCount;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The ideal case of SPEC 2.7 (one account, plain GBM, an oracle whose only effect is a delay of
 * d steps, close factor 1, infinite depth, no gas) without stepping: {@code sampling.crossing =
 * bridge}. There the account is liquidated at step s + d, at the market price of that step,
 * where s is the first market step in 1..n-d whose log price X_s is below the trigger b (or at
 * step 1 if the oracle starts below it); nothing else on the path is written but the horizon
 * shortfall, which needs X_n. So a path needs only: X_{n-d}, the first discrete crossing of b
 * before it, and one more price. Each is drawn exactly, in a handful of draws per path:
 *
 * <ol>
 *   <li>X_{n-d}: one normal (the sum of n-d steps).
 *   <li>The first k in (j, K] with X_k below b, given X_j above it and X_K (a Gaussian bridge in
 *       between, whatever the drift): the continuous bridge touches b with probability
 *       {@code exp(-2 (X_j - b)(X_K - b) / (sigma^2 (K - j)))}, one uniform; if it does not, no
 *       step in between is below b (steps lie on the continuous path). If it does (or X_K is
 *       below b), its first touch tau is drawn exactly: with time changed by u = t L / (L - t),
 *       a bridge over L steps is a Brownian motion with drift, so u is inverse Gaussian with
 *       mean a L / g and shape a^2 (a and g the start's and the reflected end's distances to b,
 *       in sigma; Michael, Schucany and Haas's sampler: one normal, one uniform). After tau the
 *       path is a free bridge from b to X_K: one normal gives the first step after tau; below b
 *       it is the crossing, else the search repeats from it (each round advances a step).
 *   <li>X_{s+d}: one normal, from the bridge between X_s and X_{n-d} or forward from X_{n-d};
 *       without a crossing, X_n forward from X_{n-d}.
 * </ol>
 *
 * <p>Every draw is from the path's price stream (1), in this fixed order per event, so the bits
 * depend only on (seed, path); they are not the stepping kernel's bits (it draws one normal per
 * step), but every outcome has the same distribution: {@code BridgeCrossingTest} checks the
 * liquidation frequency against the exact discrete-monitoring probability and the losses
 * against the stepping kernel. The oracle-gap statistics need every step: they are NaN here.
 */
final class BridgeCrossingKernel implements PathKernel {
  private final Scenario scenario;
  private final int steps;
  private final int delay;
  // Market steps 1..monitored can trigger a liquidation (at step + delay).
  private final int monitored;
  private final double logInitial;
  private final double trigger;
  private final double drift;
  private final double sd;
  private final double variance;
  private final double collateral;
  private final double debt;
  private final int sourceRow;
  private final double liquidationPrice;
  private final double bankruptcyPrice;
  private final double threshold;
  private final LossWaterfall waterfall;
  private final LiquidationEngine engine;

  private UniformRandomProvider rng;
  private ZigguratNormal normal;
  // The crossing found by firstCrossing.
  private int crossStep;
  private double crossValue;

  BridgeCrossingKernel(Scenario scenario) {
    String why = unsupported(scenario);
    if (why != null) {
      throw new IllegalArgumentException("bridge crossing needs the ideal case: " + why);
    }
    this.scenario = scenario;
    this.steps = scenario.steps();
    this.delay = scenario.oracle().delaySteps();
    this.monitored = steps - delay;
    this.logInitial = FdLibm.log(scenario.initialPrice());
    AccountBook book = scenario.book();
    this.trigger = book.logTrigger(0);
    this.drift = scenario.price().logDriftPerStep();
    this.sd = scenario.price().logVolatilityPerStep();
    this.variance = sd * sd;
    this.collateral = book.collateral(0);
    this.debt = book.debt(0);
    this.sourceRow = book.sourceRow(0);
    this.liquidationPrice = debt / (collateral * book.threshold(0));
    this.bankruptcyPrice = debt / collateral;
    this.threshold = book.threshold(0);
    this.waterfall = new LossWaterfall(scenario.insurance(), scenario.steps());
    this.engine = new LiquidationEngine(scenario.liquidation(), scenario.minProfitUsd(),
        scenario.depth(), scenario.permanentImpact(), null, waterfall,
        scenario.insurance().bonusShare(), scenario.perpRules(), scenario.stepSeconds());
  }

  /**
   * Why the scenario is not the ideal case this kernel simulates exactly, or null if it is. Bonus,
   * dust and the insurance fund may be anything: with close factor 1 the account is closed at
   * its first liquidation, the only event of the path.
   */
  static String unsupported(Scenario s) {
    OracleRules o = s.oracle();
    LiquidationRules l = s.liquidation();
    if (s.crossMargin() != null || s.perps() != null) {
      return "several assets or perp positions";
    }
    if (s.book().accountCount() != 1) {
      return "a book of " + s.book().accountCount() + " accounts (one is needed)";
    }
    if (!s.market().plainGbm()) {
      return "a market other than plain GBM (Student-t, GARCH, regime, jumps or history)";
    }
    if (s.antithetic() || s.tilt().active()) {
      return "antithetic pairs or importance sampling";
    }
    if (o.deviation() != 0 || o.holdSteps() != 0 || o.twapSteps() != 0 || o.hasOutages()) {
      return "an oracle with more than a delay (deviation, security hold, TWAP or outages)";
    }
    if (l.closeFactor() != 1 || l.pricing() != SeizePricing.MARKET) {
      return "a close factor below 1 or oracle-priced seizure";
    }
    if (!(l.incentive() instanceof LiquidationIncentive.Fixed) || l.auction() != null) {
      return "an incentive rule other than fixed (protocol.incentive.model)";
    }
    if (s.margin() != null || s.circuitBreaker() != null) {
      return "a dynamic margin or a circuit breaker (defences)";
    }
    if (!(s.depth() instanceof InfiniteDepth) || s.congestion() != null) {
      return "finite market depth or gas";
    }
    return null;
  }

  @Override
  public void run(long path, PathOutcome out) {
    out.reset();
    rng = PathStreams.stream(scenario.seed(), path, PathStreams.PRICE);
    normal = new ZigguratNormal(rng);
    waterfall.reset();
    engine.startPath();
    out.oraclePosts = steps;  // deviation 0: a post every step
    out.meanOracleGap = Double.NaN;  // needs every step
    out.minMarketToOracle = Double.NaN;
    if (logInitial < trigger) {
      out.count(OutcomeCount.ACCOUNTS_ELIGIBLE_AT_START, 1);
      if (delay > 0) {  // the oracle still shows the initial price at step 1
        liquidate(1, forward(logInitial, 1), logInitial, out);
        return;
      }
    }
    int start = 0;
    double x = logInitial;
    if (x < trigger) {  // no delay: the oracle is the market, which may be back above at step 1
      x = forward(x, 1);
      start = 1;
      if (x < trigger) {
        liquidate(1, x, x, out);
        return;
      }
    }
    double end = start < monitored ? forward(x, monitored - start) : x;
    if (firstCrossing(start, x, monitored, end)) {
      int t = crossStep + delay;
      double market = t == crossStep ? crossValue
          : t <= monitored ? between(crossStep, crossValue, monitored, end, t)
          : forward(end, t - monitored);
      liquidate(t, market, crossValue, out);
    } else {
      double last = delay == 0 ? end : forward(end, delay);
      out.horizonShortfall = LiquidationEngine.shortfall(collateral, debt, StrictMath.exp(last));
    }
  }

  /** The log price {@code k} steps after {@code x}: one normal. */
  private double forward(double x, int k) {
    return x + k * drift + sd * Math.sqrt(k) * normal.sample();
  }

  /** X_t on the bridge from X_j = x to X_k = y, j < t < k: one normal. */
  private double between(int j, double x, int k, double y, int t) {
    double w = (double) (t - j) / (k - j);
    return x + (y - x) * w + sd * Math.sqrt((t - j) * (1 - w)) * normal.sample();
  }

  /**
   * The first step in (j, k] whose log price is below the trigger, given X_j = x at or above
   * it and X_k = y; sets {@link #crossStep} and {@link #crossValue} and returns true, or returns
   * false if there is none.
   */
  private boolean firstCrossing(int j, double x, int k, double y) {
    while (j < k) {
      double a = x - trigger;
      double g = y - trigger;
      int len = k - j;
      if (g >= 0) {
        if (!(rng.nextDouble() < StrictMath.exp(-2 * a * g / (variance * len)))) {
          return false;  // the continuous bridge stays above: so does every step on it
        }
      } else {
        g = -g;
      }
      double tau = touch(a / sd, g / sd, len);
      double after = Math.floor(tau) + 1;  // the first step after the touch, from j
      int next;
      double value;
      if (after >= len) {
        next = k;
        value = y;
      } else {
        next = j + (int) after;
        double rest = len - tau;
        double h = after - tau;
        value = trigger + (y - trigger) * (h / rest)
            + sd * Math.sqrt(h * (rest - h) / rest) * normal.sample();
      }
      if (value < trigger) {
        crossStep = next;
        crossValue = value;
        return true;
      }
      j = next;
      x = value;
    }
    return false;
  }

  /**
   * The time, in steps in [0, len], at which a bridge over {@code len} steps from {@code a} above
   * a level to {@code g} below it (both in sigma per step; the end reflected if it lay above, the
   * same law of the touch) first touches the level.
   */
  private double touch(double a, double g, int len) {
    if (a <= 0) {
      return 0;
    }
    if (g <= 0) {
      return len;
    }
    double mean = a * len / g;
    double shape = a * a;
    double z = normal.sample();
    double r = mean * z * z / (2 * shape);
    // mean (1 + r - sqrt(r^2 + 2r)), without the cancellation when r is large
    double u = mean / (1 + r + Math.sqrt(r * (r + 2)));
    if (rng.nextDouble() * (mean + u) > mean) {
      u = mean * (mean / u);
    }
    return len / (1 + len / u);  // t = u L / (L + u), finite for u = 0 or infinity
  }

  /** The account's one liquidation, at step t: it closes the account (close factor 1). */
  private void liquidate(int t, double logMarket, double logOracle, PathOutcome out) {
    engine.openStep(t, logMarket, 0);
    engine.position(LargestLoss.LOAN, sourceRow, liquidationPrice, bankruptcyPrice, logOracle);
    engine.liquidate(collateral, debt, threshold, Double.NaN, t, out);
  }
}
