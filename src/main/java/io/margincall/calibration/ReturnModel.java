package io.margincall.calibration;

import java.util.List;

/**
 * A model of one-step log-returns, in the form a bounded optimizer needs.
 *
 * <p>The optimizer works in internal coordinates {@code x}, scaled by the sample's standard
 * deviation and log- or logit-transformed so that each is of order 1 and the box
 * {@code [lower, upper]} keeps every parameter valid (positive volatilities, a GARCH persistence
 * below 1). What users see are the {@link #parameters()}, computed from {@code x} by
 * {@link #reported}; their standard errors follow by the delta method.
 */
public interface ReturnModel {

  /** One reported quantity. {@code derived} ones are functions of the others, not counted in k. */
  record Parameter(String name, String unit, boolean derived) {}

  /** {@code gbm}, {@code merton} or {@code garch}. */
  String name();

  /** The reported quantities, free parameters first. */
  List<Parameter> parameters();

  /** The number of free parameters k (the dimension of {@code x}). */
  int dimension();

  double[] lower(ReturnSample sample);

  double[] upper(ReturnSample sample);

  /** Starting points, inside the box; the fit keeps the best optimum found from them. */
  List<double[]> starts(ReturnSample sample);

  /** Minus the log-likelihood of the whole sample at {@code x}; finite everywhere in the box. */
  double negLogLikelihood(double[] x, ReturnSample sample);

  /** The values of {@link #parameters()} at {@code x}. */
  double[] reported(double[] x, ReturnSample sample);

  /**
   * Standardized residuals: each return mapped to the normal quantile of its model probability,
   * {@code z_i = Phi^-1(F_i(r_i))}, which are independent N(0, 1) if the model is right.
   */
  double[] residuals(double[] x, ReturnSample sample);

  /** The maximum-likelihood {@code x} in closed form, or null if it must be searched for. */
  default double[] closedForm(ReturnSample sample) {
    return null;
  }
}
