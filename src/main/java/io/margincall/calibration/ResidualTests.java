package io.margincall.calibration;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * How normal a model's standardized residuals are: if the model is right they are independent
 * N(0, 1).
 *
 * <p>Kolmogorov-Smirnov: {@code D = sup |F_n(z) - Phi(z)|}, p-value from the asymptotic
 * Kolmogorov distribution; the parameters were fitted to the same data, which makes this p-value
 * conservative (too large; Lilliefors). Jarque-Bera: {@code JB = n (S^2 / 6 + K^2 / 24)} with
 * skewness {@code S} and excess kurtosis {@code K}, chi-squared with 2 degrees of freedom, so
 * {@code p = exp(-JB / 2)}; it measures the tails, which is what bad debt depends on.
 */
public record ResidualTests(int n, double mean, double sd, double skewness, double excessKurtosis,
                            double ksStatistic, double ksPValue, double jarqueBera,
                            double jarqueBeraPValue) {

  static ResidualTests of(double[] z) {
    int n = z.length;
    double mean = 0;
    for (double v : z) {
      mean += v;
    }
    mean /= n;
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (double v : z) {
      double d = v - mean;
      m2 += d * d;
      m3 += d * d * d;
      m4 += d * d * d * d;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    double skew = m3 / StrictMath.pow(m2, 1.5);
    double kurt = m4 / (m2 * m2) - 3;
    double jb = n * (skew * skew / 6 + kurt * kurt / 24);
    NormalDistribution normal = new NormalDistribution(null, 0, 1);
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    return new ResidualTests(n, mean, Math.sqrt(m2), skew, kurt,
        ks.kolmogorovSmirnovStatistic(normal, z), ks.kolmogorovSmirnovTest(normal, z, false),
        jb, StrictMath.exp(-jb / 2));
  }
}
