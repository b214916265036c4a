package io.margincall.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.price.PriceSeries;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The likelihoods themselves, against hand computations and closed forms. */
class LikelihoodTest {
  private static final double STEP = 300;

  private static ReturnSample noise(int n) {
    return ReturnSample.of(SimulatedReturns.gbm(7, 0, n, STEP, 0, 0.8), STEP);
  }

  /**
   * The truncated Poisson mixture is a density: it integrates to 1 (trapezoid rule over +-40
   * component standard deviations, step 1e-3 of the narrowest; its error is far below 1e-9), with
   * a tiny jump rate (one term) and with five jumps per step (dozens of terms).
   */
  @Test
  void mertonDensityIntegratesToOne() {
    ReturnSample sample = noise(100);
    double s = sample.sd();
    for (double lambdaPerDay : new double[] {0.01, 1_440}) {
      // diffusion 0.8 s, jumps of mean 2 s and sd 3 s
      double[] x = {0, Math.log(0.8), Math.log(lambdaPerDay), 2, Math.log(3)};
      int terms = MertonJumpLikelihood.terms(x, sample);
      double lambdaStep = lambdaPerDay * STEP / 86_400;
      double widest = Math.sqrt(Math.pow(0.8 * s, 2) + terms * Math.pow(3 * s, 2));
      double h = 1e-3 * 0.8 * s;
      double lo = -40 * widest;
      double hi = terms * 2 * s + 40 * widest;
      double integral = 0;
      for (double r = lo; r <= hi; r += h) {
        integral += MertonJumpLikelihood.density(r, x, sample) * h;
      }
      assertEquals(1, integral, 1e-6, "lambda dt = " + lambdaStep + ", " + terms + " terms");
      assertTrue(terms > lambdaStep, terms + " terms for lambda dt " + lambdaStep);
    }
  }

  @Test
  void mertonWithoutJumpsIsGbm() {
    ReturnSample sample = noise(500);
    double[] x = {0.1, Math.log(0.9), Math.log(1e-12), 0, Math.log(3)};
    double[] gbm = {0.1, Math.log(0.9)};
    assertEquals(new GbmLikelihood().negLogLikelihood(gbm, sample),
        new MertonJumpLikelihood().negLogLikelihood(x, sample), 1e-6);
    assertEquals(1, MertonJumpLikelihood.terms(x, sample));
  }

  /**
   * GARCH by hand on three returns with a gap of two unobserved steps before the third:
   * h1 = s^2, h2 = omega + alpha e1^2 + beta h1, h3 = omega + alpha e2^2 + beta h2 then twice
   * h <- omega + (alpha + beta) h.
   */
  @Test
  void garchFollowsTheRecursionAndItsExpectationAcrossGaps() {
    long t0 = 1_583_971_200L;
    // Bars at steps 0..30, then 33..40: the return from step 30 to 33 spans a gap and is dropped.
    long[] t = new long[39];
    double[] c = new double[39];
    for (int i = 0; i < 39; i++) {
      t[i] = t0 + (long) STEP * (i <= 30 ? i : i + 2);
      c[i] = 100 * Math.exp(0.01 * Math.sin(i * 1.7));
    }
    ReturnSample sample = ReturnSample.of(PriceSeries.of("test", t, c));
    assertEquals(37, sample.size());
    assertEquals(1, sample.returnsAcrossGaps());
    assertEquals(3, sample.unobservedBefore(30));
    double mu = 1e-4;
    double omega = 2e-6;
    double alpha = 0.1;
    double beta = 0.8;
    double s = sample.sd();
    double v = omega / (1 - alpha - beta);
    double[] x = {mu / s, Math.log(v / (s * s)), Garch11Likelihood.logit(alpha + beta),
        Garch11Likelihood.logit(alpha / (alpha + beta))};
    double h = s * s;
    double nll = 0;
    for (int i = 0; i < sample.size(); i++) {
      if (i == 30) {
        for (int k = 0; k < 3; k++) {
          h = omega + (alpha + beta) * h;
        }
      }
      double e = sample.get(i) - mu;
      nll -= new NormalDistribution(null, 0, Math.sqrt(h)).logDensity(e);
      h = omega + alpha * e * e + beta * h;
    }
    assertEquals(nll, new Garch11Likelihood().negLogLikelihood(x, sample), 1e-9 * Math.abs(nll));
  }

  /** Quantiles far in the tail, against mpmath (50 digits: root of ln(erfc(-z/sqrt 2)/2) = ln p). */
  @Test
  void normalQuantileIsAccurateInTheTail() {
    assertEquals(-1.959963984540054, NormalQuantile.lower(0.025), 1e-12);
    assertEquals(-3.090232306167814, NormalQuantile.lower(1e-3), 1e-12);
    assertEquals(-8.2220822161304356, NormalQuantile.lower(1e-16), 1e-12);
    assertEquals(-37.479332564321577, NormalQuantile.lower(1e-307), 1e-9);
    assertEquals(0, NormalQuantile.lower(0.5), 1e-15);
  }

  @Test
  void tooFewOrFlatReturnsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ReturnSample.of(new double[10], STEP));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReturnSample.of(new double[100], STEP));
    assertTrue(e.getMessage().contains("no volatility"), e.getMessage());
  }
}
