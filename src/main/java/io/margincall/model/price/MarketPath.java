package io.margincall.model.price;

import io.margincall.model.FdLibm;
import io.margincall.model.random.MarsagliaTsangGamma;
import io.margincall.model.random.ZigguratNormal;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The state of the market along one path: GARCH variance, regime, and the samplers bound to the
 * path's streams. Mutable; a kernel holds one and {@link #reset}s it per path. Each mechanism
 * draws from its own stream (price: the normal and, for Student-t, a gamma variate per step;
 * jumps: one uniform per step and one normal per jump; regime: one uniform per step), so
 * switching one on never shifts another's draws.
 *
 * <p>With {@link CorrelatedAssets} (several collateral assets), every asset follows its own GBM
 * with shocks correlated through the Cholesky factor: each step draws one normal per asset from
 * the price stream, asset 0 first, and {@link #next} returns asset 0's log price (the main
 * asset); {@link #logPrice(int)} gives the others.
 */
public final class MarketPath {
  private final MarketModel model;
  private final double logDrift;
  private final double logVolatility;
  private final double muDt;
  private final double dof;
  private final double tScale;
  private final double jumpProbabilityZero;
  private final double jumpCompensation;
  private final double jumpsPerStep;
  private final double jumpLogMean;
  private final double jumpLogStd;
  private final double toStress;
  private final double toCalm;
  private final double stressVariance;
  private boolean plain;
  private final CorrelatedAssets assets;
  private final double[] assetLogPrice;
  private final double[] shock;

  private ZigguratNormal normal;
  /** 1, or -1 on the second path of an antithetic pair. */
  private double normalSign = 1.0;
  /** Importance sampling: the mean of every normal price shock (0: off). */
  private double tilt;
  /** The path's tilted normals: their sum and count, for the likelihood ratio. */
  private double tiltedSum;
  private long tiltedCount;
  /** Whether untilted shocks are summed too (the cross-entropy pilot). */
  private boolean tracking;
  /** Jumps drawn at jumpFactor times their intensity (jumpRate per step, P(none) jumpZero). */
  private double jumpFactor = 1;
  private double jumpRate;
  private double jumpZero;
  /** Log-jumps drawn with their mean moved by jumpShift. */
  private double jumpShift;
  /** The path's jump steps, jumps and the sum of its log-jumps' normals: their ratio. */
  private long jumpSteps;
  private long jumpCount;
  private double jumpNormalSum;
  private MarsagliaTsangGamma gamma;
  private UniformRandomProvider jumpRng;
  private ZigguratNormal jumpNormal;
  private UniformRandomProvider regimeRng;
  private UniformRandomProvider historyRng;
  private int historyIndex;
  private double variance;
  private double lastShockSquared;
  private int regime;

  MarketPath(MarketModel model, CorrelatedAssets assets) {
    this.model = model;
    this.assets = assets;
    this.assetLogPrice = assets == null ? new double[1] : new double[assets.size()];
    this.shock = assets == null ? new double[1] : new double[assets.size()];
    this.logDrift = model.gbm().logDriftPerStep();
    this.logVolatility = model.gbm().logVolatilityPerStep();
    this.muDt = model.gbm().drift() * model.gbm().stepSeconds() / GeometricBrownianMotion.SECONDS_PER_YEAR;
    this.dof = model.studentDof();
    this.tScale = dof > 0 ? Math.sqrt((dof - 2) / dof) : 1;
    this.jumpProbabilityZero = model.jumps() == null ? 1 : StrictMath.exp(-model.jumps().perStep());
    this.jumpCompensation = model.jumps() == null ? 0 : model.jumps().compensation();
    // Per-step constants, computed once (the same expressions, so the same bits).
    this.jumpsPerStep = model.jumps() == null ? 0 : model.jumps().perStep();
    this.jumpLogMean = model.jumps() == null ? 0 : model.jumps().logMean();
    this.jumpLogStd = model.jumps() == null ? 0 : model.jumps().logStd();
    this.toStress = model.regime() == null ? 0 : model.regime().toStress();
    this.toCalm = model.regime() == null ? 0 : model.regime().toCalm();
    this.stressVariance = model.regime() == null ? 1
        : model.regime().stressVolatilityMultiplier() * model.regime().stressVolatilityMultiplier();
    this.plain = model.plainGbm() && assets == null;
    this.jumpRate = jumpsPerStep;
    this.jumpZero = jumpProbabilityZero;
  }

  /**
   * Importance sampling: every normal price shock is drawn as {@code eps + theta} ({@code eps}
   * the path's own normal; with Student-t shocks, the normal numerator of {@code Z / sqrt(V/nu)},
   * V untouched), jumps at {@code factor} times their intensity and with their log mean moved,
   * so the path must be weighted by {@link #logLikelihoodRatio}. {@link ImportanceTilt#NONE}
   * (the default) is plain sampling, on the plain path's code and bits.
   */
  public void tilt(ImportanceTilt t) {
    if (t.active() && model.history() != null) {
      throw new IllegalArgumentException("a historical return has no density to tilt");
    }
    if (t.jumps() && model.jumps() == null) {
      throw new IllegalArgumentException("no jumps to tilt");
    }
    this.tilt = t.drift();
    this.jumpFactor = t.jumpIntensityFactor();
    this.jumpShift = t.jumpLogMeanShift();
    this.jumpRate = jumpsPerStep * jumpFactor;
    this.jumpZero = t.jumps() ? StrictMath.exp(-jumpRate) : jumpProbabilityZero;
    this.plain = model.plainGbm() && assets == null && !t.active();
  }

  /**
   * Keeps the sum and count of the path's normal price shocks even when untilted (for the
   * cross-entropy pilot, which fits the tilt to them); off the plain GBM fast path.
   */
  public void trackShocks() {
    this.tracking = true;
    this.plain = false;
  }

  /** The sum of the path's normal price shocks so far (tilted or {@link #trackShocks tracked}). */
  public double shockSum() {
    return tiltedSum;
  }

  /** How many normal price shocks the path drew (tilted or {@link #trackShocks tracked}). */
  public long shockCount() {
    return tiltedCount;
  }

  /**
   * The log of the path's likelihood ratio so far, plain density over tilted density of its
   * tilted draws (0 when not tilted). Kept in logs: the ratio itself under- or overflows over
   * long paths. Normal shocks {@code z ~ N(theta, 1)}: {@code -theta sum z + n theta^2 / 2}.
   * Jump counts, Poisson of {@code f lambda} per step: {@code -N ln f + steps lambda (f - 1)}.
   * Log-jumps {@code m + d + s e}: {@code -(d / s) sum e - N_j d^2 / (2 s^2)}.
   */
  public double logLikelihoodRatio() {
    double log = tilt == 0 ? 0 : -tilt * tiltedSum + tiltedCount * (tilt * tilt / 2);
    if (jumpFactor != 1) {
      log += -jumpCount * FdLibm.log(jumpFactor) + jumpSteps * (jumpRate - jumpsPerStep);
    }
    if (jumpShift != 0) {
      double d = jumpShift / jumpLogStd;
      log += -d * jumpNormalSum - jumpCount * (d * d / 2);
    }
    return log;
  }

  /** A normal price shock: the path's own normal (negated on an antithetic partner), tilted. */
  private double priceNormal() {
    double z = normalSign * normal.sample();
    if (tilt != 0) {
      z += tilt;
      tiltedSum += z;
      tiltedCount++;
    } else if (tracking) {
      tiltedSum += z;
      tiltedCount++;
    }
    return z;
  }

  /** Starts a path with its streams. */
  public void reset(UniformRandomProvider priceRng, UniformRandomProvider jumps,
                    UniformRandomProvider regimeStream) {
    reset(priceRng, jumps, regimeStream, false);
  }

  /**
   * Starts a path with its streams; {@code negated}: every price normal drawn is used negated
   * (the second path of an antithetic pair, on its partner's price stream). Multiplying by 1 is
   * exact, so a path that is not negated has the same bits as before.
   */
  public void reset(UniformRandomProvider priceRng, UniformRandomProvider jumps,
                    UniformRandomProvider regimeStream, boolean negated) {
    normalSign = negated ? -1.0 : 1.0;
    tiltedSum = 0;
    tiltedCount = 0;
    jumpSteps = 0;
    jumpCount = 0;
    jumpNormalSum = 0;
    normal = new ZigguratNormal(priceRng);
    historyRng = priceRng;
    historyIndex = -1;
    gamma = dof > 0 ? new MarsagliaTsangGamma(priceRng, dof / 2, 2) : null;
    jumpRng = jumps;
    jumpNormal = jumps == null ? null : new ZigguratNormal(jumps);
    regimeRng = regimeStream;
    variance = model.garch() != null ? model.garch().unconditionalVariance()
        : logVolatility * logVolatility;
    lastShockSquared = variance;
    regime = 0;
    if (assets != null) {
      for (int a = 0; a < assets.size(); a++) {
        assetLogPrice[a] = FdLibm.log(assets.initial()[a]);
      }
    }
  }

  /** The log price of asset a after the last step (several assets only; asset 0 is the main). */
  public double logPrice(int a) {
    return assetLogPrice[a];
  }

  /** How many assets move: 1, or the correlated assets' count. */
  public int assets() {
    return assetLogPrice.length;
  }

  /** The regime of the last step: 0 calm, 1 stress. */
  public int regime() {
    return regime;
  }

  /** Whether every step is plain GBM on one asset, untilted ({@link #across} may be used). */
  public boolean plainGbm() {
    return plain && tilt == 0;
  }

  /**
   * The log price {@code m} steps after {@code logPrice} in one draw ({@link #plainGbm} only):
   * the sum of m independent GBM steps N(logDrift, sigma^2) is exactly N(m logDrift, m sigma^2),
   * so this has the distribution of m calls of {@link #next}, with other bits.
   */
  public double across(double logPrice, int m) {
    return logPrice + m * logDrift
        + logVolatility * Math.sqrt(m) * (normalSign * normal.sample());
  }

  /** The log price one step after {@code logPrice}. */
  public double next(double logPrice) {
    if (plain) {
      return logPrice + logDrift + logVolatility * (normalSign * normal.sample());
    }
    return general(logPrice);
  }

  private double general(double logPrice) {
    if (assets != null) {
      return correlated(logPrice);
    }
    MarketModel.Regime r = model.regime();
    if (r != null) {
      // Before the history branch: under replay and bootstrap the regime still drives liquidity
      // and gas.
      double u = regimeRng.nextDouble();
      regime = regime == 0 ? (u < toStress ? 1 : 0) : (u < toCalm ? 0 : 1);
    }
    if (model.history() != null) {
      double next = logPrice + historicalReturn();
      if (jumpRng != null) {
        next += jump() - jumpCompensation;
      }
      return next;
    }
    double z = priceNormal();
    if (gamma != null) {
      z = z * tScale / Math.sqrt(gamma.sample() / dof);
    }
    double v;
    MarketModel.Garch g = model.garch();
    if (g != null) {
      variance = g.omega() + g.alpha() * lastShockSquared + g.beta() * variance;
      v = variance;
    } else {
      v = logVolatility * logVolatility;
    }
    if (regime == 1) {
      v *= stressVariance;
    }
    double sd = Math.sqrt(v);
    double shock = sd * z;
    // GARCH follows its own shock, sqrt(h) z: the stress multiplier scales the step, not the
    // recursion (else in stress the variance would grow by alpha m^2 + beta > 1 per step).
    lastShockSquared = g != null ? variance * z * z : shock * shock;
    // In the calm state without GARCH the step is exactly the GBM step (sqrt(x*x) == |x| in IEEE
    // arithmetic), so a regime that never leaves calm reproduces plain GBM bit for bit.
    double drift = (g == null && regime == 0) ? logDrift : muDt - 0.5 * v;
    double next = logPrice + drift + shock;
    if (jumpRng != null) {
      next += jump() - jumpCompensation;
    }
    return next;
  }

  /**
   * One step of the correlated assets: k normals e (asset 0 first), x = L e, and each asset's
   * exact GBM step on its x. Asset 0 starts from {@code logPrice} (the kernel's main price).
   */
  private double correlated(double logPrice) {
    int k = assetLogPrice.length;
    double[] l = assets.cholesky();
    for (int a = 0; a < k; a++) {
      shock[a] = priceNormal();
    }
    assetLogPrice[0] = logPrice;
    for (int a = 0; a < k; a++) {  // x = L e (L lower triangular)
      double x = 0;
      for (int b = 0; b <= a; b++) {
        x += l[a * k + b] * shock[b];
      }
      assetLogPrice[a] += assets.logDrift()[a] + assets.logVolatility()[a] * x;
    }
    return assetLogPrice[0];
  }

  /**
   * The next historical return: in order (replay), or by the stationary bootstrap, which draws
   * two uniforms every step (restart or not, and where), so its draws are fixed per step.
   */
  private double historicalReturn() {
    HistoricalReturns h = model.history();
    double[] r = h.logReturns();
    if (h.replay()) {
      historyIndex++;
      return r[historyIndex];
    }
    double restart = historyRng.nextDouble();
    int start = (int) (historyRng.nextDouble() * r.length);
    if (historyIndex < 0 || restart < 1 / h.meanBlockSteps()) {
      historyIndex = start;
    } else {
      historyIndex = historyIndex + 1 == r.length ? 0 : historyIndex + 1;
    }
    return r[historyIndex];
  }

  /** The sum of this step's log-jumps: a Poisson count by inversion of one uniform. */
  private double jump() {
    double u = jumpRng.nextDouble();
    double p = jumpZero;
    double cumulative = p;
    int n = 0;
    double lambda = jumpRate;
    while (u > cumulative && n < 1000) {
      n++;
      p *= lambda / n;
      cumulative += p;
    }
    double sum = 0;
    if (jumpFactor == 1 && jumpShift == 0) {  // untilted: the plain draws and bits
      for (int k = 0; k < n; k++) {
        sum += jumpLogMean + jumpLogStd * jumpNormal.sample();
      }
      return sum;
    }
    jumpSteps++;
    jumpCount += n;
    for (int k = 0; k < n; k++) {
      double e = jumpNormal.sample();
      jumpNormalSum += e;
      sum += (jumpLogMean + jumpShift) + jumpLogStd * e;
    }
    return sum;
  }
}
