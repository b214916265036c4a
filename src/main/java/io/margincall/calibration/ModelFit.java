package io.margincall.calibration;

import java.util.List;

/**
 * A maximum-likelihood fit: estimates with standard errors and how well the model fits.
 *
 * @param model {@code gbm}, {@code merton} or {@code garch}
 * @param parameters what {@code estimates} hold, free parameters first
 * @param estimates the reported values at the optimum
 * @param standardErrors from the inverse observed information by the delta method; NaN where a
 *     parameter sits on a bound of its box or the information is not positive definite
 * @param onBound for each reported value, whether it depends on a coordinate at its bound
 * @param returns the number n of returns fitted
 * @param stepSeconds their step
 * @param freeParameters k
 * @param logLikelihood the maximum, {@code ln L}
 * @param aic {@code 2 k - 2 ln L}
 * @param bic {@code k ln n - 2 ln L}
 * @param residuals normality of the standardized residuals
 * @param starts how many starting points were tried ...
 * @param startsAtBest ... and how many reached the best optimum (within 0.001 in ln L)
 * @param notes what a user should know about this fit (bounds, flat directions)
 */
public record ModelFit(String model, List<ReturnModel.Parameter> parameters, double[] estimates,
                       double[] standardErrors, boolean[] onBound, int returns, double stepSeconds,
                       int freeParameters, double logLikelihood, double aic, double bic,
                       ResidualTests residuals, int starts, int startsAtBest, List<String> notes) {

  /** The estimate of the parameter called {@code name}. */
  public double estimate(String name) {
    return estimates[index(name)];
  }

  /** The standard error of the parameter called {@code name}. */
  public double standardError(String name) {
    return standardErrors[index(name)];
  }

  private int index(String name) {
    for (int i = 0; i < parameters.size(); i++) {
      if (parameters.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(model + " has no parameter '" + name + "'");
  }
}
