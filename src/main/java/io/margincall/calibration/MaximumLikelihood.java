package io.margincall.calibration;

import io.margincall.model.FdLibm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Fits a {@link ReturnModel} by maximum likelihood, within the model's bounds, from several
 * starting points (SPEC 7).
 *
 * <p>Each start runs Powell's BOBYQA (bounded, derivative-free, quadratic models from 2k + 1
 * points; Powell 2009, as in Commons Math), trust region 0.5 down to 1e-8 in the internal
 * coordinates; the best optimum is polished by one more run from it. A likelihood with several
 * local maxima (a jump mixture) shows as starts that end elsewhere: the fit reports how many
 * reached the best. Standard errors come from the inverse observed information
 * ({@link ObservedInformation}) in the internal coordinates, carried to the reported parameters
 * by the delta method ({@code J C J^T}); at an optimum this equals the inverse Hessian in the
 * reported parameters. A coordinate on its bound is held fixed: the curvature there is not a
 * variance, so what depends on it gets no standard error.
 */
public final class MaximumLikelihood {
  private static final int MAX_EVALUATIONS_PER_START = 20_000;
  private static final double STOP_RADIUS = 1e-8;
  /** Two optima closer than this in ln L are the same. */
  private static final double SAME_OPTIMUM = 1e-3;

  private MaximumLikelihood() {}

  /** The maximum-likelihood fit of {@code model} to {@code sample}. */
  public static ModelFit fit(ReturnModel model, ReturnSample sample) {
    double[] lower = model.lower(sample);
    double[] upper = model.upper(sample);
    java.util.function.ToDoubleFunction<double[]> nll = x -> {
      double v = model.negLogLikelihood(x, sample);
      return Double.isFinite(v) ? v : 1e300;
    };
    List<String> notes = new ArrayList<>();
    double[] best = model.closedForm(sample);
    int starts = 1;
    int startsAtBest = 1;
    if (best == null) {
      List<double[]> points = model.starts(sample);
      List<Double> values = new ArrayList<>();
      double bestValue = Double.POSITIVE_INFINITY;
      for (double[] start : points) {
        PointValuePair p = optimize(nll, start, lower, upper, 0.5);
        if (p == null) {
          values.add(Double.POSITIVE_INFINITY);
          continue;
        }
        values.add(p.getValue());
        if (p.getValue() < bestValue) {
          bestValue = p.getValue();
          best = p.getPoint();
        }
      }
      if (best == null) {
        throw new IllegalStateException(model.name() + ": no start converged in "
            + MAX_EVALUATIONS_PER_START + " evaluations");
      }
      PointValuePair polished = optimize(nll, best, lower, upper, 0.01);
      if (polished != null && polished.getValue() < bestValue) {
        bestValue = polished.getValue();
        best = polished.getPoint();
      }
      starts = points.size();
      startsAtBest = 0;
      for (double v : values) {
        startsAtBest += v <= bestValue + SAME_OPTIMUM ? 1 : 0;
      }
    }
    double[] x = best;
    int k = model.dimension();
    boolean[] coordinateOnBound = new boolean[k];
    List<Integer> free = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      double width = upper[j] - lower[j];
      coordinateOnBound[j] = x[j] - lower[j] < 1e-6 * width || upper[j] - x[j] < 1e-6 * width;
      if (!coordinateOnBound[j]) {
        free.add(j);
      }
    }
    int[] freeIdx = free.stream().mapToInt(Integer::intValue).toArray();
    double[][] cov = ObservedInformation.covariance(ObservedInformation.hessian(nll, x, freeIdx));
    if (cov == null) {
      notes.add("the observed information is not positive definite: the likelihood is flat or"
          + " curved the wrong way in some direction, so no standard errors");
    }
    double[] reported = model.reported(x, sample);
    double[][] jac = ObservedInformation.jacobian(y -> model.reported(y, sample), x);
    int m = reported.length;
    double[] se = new double[m];
    boolean[] onBound = new boolean[m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < k; j++) {
        if (coordinateOnBound[j] && Math.abs(jac[i][j]) > 1e-12 * Math.max(1, Math.abs(reported[i]))) {
          onBound[i] = true;
        }
      }
      double var = 0;
      if (cov != null) {
        for (int a = 0; a < freeIdx.length; a++) {
          for (int b = 0; b < freeIdx.length; b++) {
            var += jac[i][freeIdx[a]] * cov[a][b] * jac[i][freeIdx[b]];
          }
        }
      }
      se[i] = cov == null || onBound[i] || !(var >= 0) ? Double.NaN : Math.sqrt(var);
    }
    for (int i = 0; i < m; i++) {
      if (onBound[i]) {
        notes.add(String.format(Locale.ROOT, "%s = %.6g is on (or set by a parameter on) a bound of"
            + " the fit's box; no standard error", model.parameters().get(i).name(), reported[i]));
      }
    }
    double logL = -nll.applyAsDouble(x);
    int n = sample.size();
    return new ModelFit(model.name(), model.parameters(), reported, se, onBound, n,
        sample.stepSeconds(), k, logL, 2 * k - 2 * logL, k * FdLibm.log(n) - 2 * logL,
        ResidualTests.of(model.residuals(x, sample)), starts, startsAtBest, List.copyOf(notes));
  }

  /** One bounded BOBYQA run, or null if it did not converge. */
  private static PointValuePair optimize(java.util.function.ToDoubleFunction<double[]> nll,
                                         double[] start, double[] lower, double[] upper,
                                         double radius) {
    int k = start.length;
    double narrowest = Double.POSITIVE_INFINITY;
    double[] x0 = start.clone();
    for (int j = 0; j < k; j++) {
      narrowest = Math.min(narrowest, upper[j] - lower[j]);
      x0[j] = Math.max(lower[j], Math.min(upper[j], x0[j]));
    }
    BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * k + 1,
        Math.min(radius, 0.25 * narrowest), STOP_RADIUS);
    try {
      return optimizer.optimize(new MaxEval(MAX_EVALUATIONS_PER_START),
          new ObjectiveFunction(nll::applyAsDouble), GoalType.MINIMIZE, new InitialGuess(x0),
          new SimpleBounds(lower, upper));
    } catch (TooManyEvaluationsException e) {
      return null;
    }
  }
}
