package io.margincall.model.price;

import java.io.Serializable;

/**
 * The market price process: geometric Brownian motion, optionally with fat-tailed innovations,
 * GARCH(1,1) volatility clustering, a calm/stress regime and Merton jumps. Each part has an
 * ideal (off) setting; with all of them off the step is exactly {@link GeometricBrownianMotion}'s,
 * bit for bit. Immutable; {@link #newPath()} gives the per-path state a kernel reuses.
 *
 * <p>Per step (all in log price, per-step units):
 * <pre>
 *   regime_t  : calm -> stress with prob. 1 - exp(-lambda_cs dt), stress -> calm 1 - exp(-lambda_sc dt)
 *   v_t       : sigma^2 dt (constant), or h_t = omega + alpha eps_{t-1}^2 + beta h_{t-1} (GARCH);
 *               times m^2 in the stress regime
 *   z_t       : N(0,1), or Student-t with nu dof scaled to unit variance
 *   J_t       : sum of N_t ~ Poisson(lambda_J dt) normal log-jumps N(mu_J, s_J^2)
 *   ln S_t    = ln S_{t-1} + mu dt - v_t/2 - lambda_J k dt + sqrt(v_t) z_t + J_t,  k = E[e^J] - 1
 * </pre>
 * With no GARCH, no regime and no jumps this is {@code (mu - sigma^2/2) dt + sigma sqrt(dt) z}.
 *
 * @param gbm drift, volatility and step
 * @param studentDof degrees of freedom of Student-t innovations (> 2), or 0 for normal
 * @param garch GARCH(1,1) volatility, or null for constant volatility
 * @param regime the calm/stress regime, or null for none
 * @param jumps Merton jumps, or null for none
 * @param history real log-returns replayed or bootstrapped instead of the diffusion (GBM, t,
 *     GARCH and regime volatility are then unused; jumps still come on top), or null
 */
public record MarketModel(GeometricBrownianMotion gbm, double studentDof, Garch garch,
                          Regime regime, Jumps jumps, HistoricalReturns history)
    implements Serializable {

  public MarketModel {
    if (studentDof != 0 && !(studentDof > 2 && studentDof <= 1000)) {
      throw new IllegalArgumentException("Student-t degrees of freedom must be in (2, 1000], got "
          + studentDof);
    }
  }

  /** Plain GBM: every other part off. */
  public static MarketModel of(GeometricBrownianMotion gbm) {
    return new MarketModel(gbm, 0, null, null, null, null);
  }

  /** Without history. */
  public MarketModel(GeometricBrownianMotion gbm, double studentDof, Garch garch, Regime regime,
                     Jumps jumps) {
    this(gbm, studentDof, garch, regime, jumps, null);
  }

  /** Whether the step is exactly the GBM step (the fast path). */
  public boolean plainGbm() {
    return studentDof == 0 && garch == null && regime == null && jumps == null && history == null;
  }

  public MarketPath newPath() {
    return new MarketPath(this, null);
  }

  /**
   * The per-path state of several correlated assets, each a GBM of its own (asset 0 the main
   * one); only plain GBM is supported with several assets (the configuration refuses the rest).
   */
  public MarketPath newPath(CorrelatedAssets assets) {
    if (!plainGbm()) {
      throw new IllegalArgumentException("several correlated assets need a plain GBM market");
    }
    return new MarketPath(this, assets);
  }

  /**
   * GARCH(1,1) on per-step log returns: {@code h_t = omega + alpha eps_{t-1}^2 + beta h_{t-1}},
   * started at its unconditional level {@code omega / (1 - alpha - beta)}.
   *
   * @param omega per-step variance constant (> 0)
   * @param alpha weight of the last squared shock (>= 0)
   * @param beta weight of the last variance (>= 0), alpha + beta < 1
   */
  public record Garch(double omega, double alpha, double beta) implements Serializable {
    public Garch {
      if (!(omega > 0) || !(alpha >= 0) || !(beta >= 0) || !(alpha + beta < 1)) {
        throw new IllegalArgumentException("GARCH needs omega > 0, alpha, beta >= 0 and "
            + "alpha + beta < 1; got " + omega + ", " + alpha + ", " + beta);
      }
    }

    /** The unconditional per-step variance {@code omega / (1 - alpha - beta)}. */
    public double unconditionalVariance() {
      return omega / (1 - alpha - beta);
    }

    /** GARCH with the unconditional variance of {@code sigma} per year over steps of dt. */
    public static Garch targeting(double annualVolatility, double stepSeconds, double alpha,
                                  double beta) {
      double perStep = annualVolatility * annualVolatility * stepSeconds
          / GeometricBrownianMotion.SECONDS_PER_YEAR;
      return new Garch(perStep * (1 - alpha - beta), alpha, beta);
    }
  }

  /**
   * A two-state Markov regime, calm (0) and stress (1), with switching intensities per day;
   * volatility is multiplied by {@code stressVolatilityMultiplier} in stress. Its state is also
   * read by the liquidity model (and congestion, when modelled).
   *
   * @param calmToStressPerDay intensity of calm -> stress, per day (>= 0)
   * @param stressToCalmPerDay intensity of stress -> calm, per day (> 0)
   * @param stressVolatilityMultiplier volatility multiplier in stress (>= 1 usually; > 0)
   * @param stepSeconds the step
   */
  public record Regime(double calmToStressPerDay, double stressToCalmPerDay,
                      double stressVolatilityMultiplier, double stepSeconds) implements Serializable {
    public Regime {
      if (!(calmToStressPerDay >= 0) || !(stressToCalmPerDay > 0) || !(stressVolatilityMultiplier > 0)) {
        throw new IllegalArgumentException("regime needs intensities >= 0 (stress->calm > 0) "
            + "and a multiplier > 0");
      }
    }

    /** P(calm -> stress) in one step. */
    public double toStress() {
      return -StrictMath.expm1(-calmToStressPerDay * stepSeconds / 86_400);
    }

    /** P(stress -> calm) in one step. */
    public double toCalm() {
      return -StrictMath.expm1(-stressToCalmPerDay * stepSeconds / 86_400);
    }

    /** The stationary share of time in stress, {@code p_cs / (p_cs + p_sc)}. */
    public double stationaryStress() {
      return toStress() / (toStress() + toCalm());
    }
  }

  /**
   * Merton compound-Poisson jumps in log price: intensity per day, log-jump mean and standard
   * deviation. The drift is compensated by {@code -lambda k dt}, {@code k = exp(mu_J + s_J^2/2) - 1},
   * so jumps do not change the expected price.
   */
  public record Jumps(double intensityPerDay, double logMean, double logStd, double stepSeconds)
      implements Serializable {
    public Jumps {
      if (!(intensityPerDay > 0) || !Double.isFinite(logMean) || !(logStd >= 0)) {
        throw new IllegalArgumentException("jumps need intensity > 0, a finite log mean and "
            + "log std >= 0");
      }
    }

    /** Expected jumps per step. */
    public double perStep() {
      return intensityPerDay * stepSeconds / 86_400;
    }

    /** The drift compensation per step, {@code lambda dt (exp(mu + s^2/2) - 1)}. */
    public double compensation() {
      return perStep() * StrictMath.expm1(logMean + 0.5 * logStd * logStd);
    }
  }
}
