/*
 * Licensed to the Apache Software Foundation (ASF) under one or more
 * contributor license agreements.  See the NOTICE file distributed with
 * this work for additional information regarding copyright ownership.
 * The ASF licenses this file to You under the Apache License, Version 2.0
 * (the "License"); you may not use this file except in compliance with
 * the License.  You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
// Derived from Apache Commons RNG 1.6 (tag rel/commons-rng-1.6),
// org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler, its
// MarsagliaTsangGammaSampler (alpha >= 1). Changed: FdLibm.log (fdlibm's bits, as StrictMath)
// in place of Math.log in the accept test, and this package's ZigguratNormal for the normal
// (portable bits, issue 19); a final class of its own without the base class, toString and
// withUniformRandomProvider. The Ahrens-Dieter branch (alpha < 1) is not copied: the model's
// only gamma is Student-t's with price.student-t-dof in (2, 1000], alpha = dof / 2 > 1. The
// algorithm and the sequence of generator calls are the original's.

package io.margincall.model.random;

import io.margincall.model.FdLibm;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Marsaglia and Tsang's gamma sampler ("A Simple Method for Generating Gamma Variables", ACM
 * TOMS 26(3), 2000) for shape {@code alpha >= 1} and scale {@code theta}: Commons RNG 1.6's
 * draws from the same generator, with fdlibm's log in the accept test so a draw does not depend
 * on the CPU's {@code Math.log} intrinsic. Student-t price shocks divide a normal by the root
 * of a chi-square, a gamma with {@code alpha = dof / 2}, {@code theta = 2}.
 */
public final class MarsagliaTsangGamma {
  private static final double ONE_THIRD = 1d / 3;

  private final UniformRandomProvider rng;
  private final double theta;
  private final double dOptim;
  private final double cOptim;
  /** The normal of the transformation: a sampler of its own on the same generator. */
  private final ZigguratNormal gaussian;

  /**
   * A sampler drawing from {@code rng}.
   *
   * @throws IllegalArgumentException if {@code alpha < 1} (Ahrens-Dieter's range, not copied) or
   *     {@code theta <= 0}, or either is not finite
   */
  public MarsagliaTsangGamma(UniformRandomProvider rng, double alpha, double theta) {
    if (!(alpha >= 1 && alpha < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("gamma shape alpha " + alpha
          + ": Marsaglia-Tsang needs a finite alpha >= 1");
    }
    if (!(theta > 0 && theta < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("gamma scale theta " + theta + ": needs a finite theta > 0");
    }
    this.rng = rng;
    this.theta = theta;
    this.gaussian = new ZigguratNormal(rng);
    this.dOptim = alpha - ONE_THIRD;
    this.cOptim = ONE_THIRD / Math.sqrt(dOptim);
  }

  /** A gamma deviate. */
  public double sample() {
    while (true) {
      final double x = gaussian.sample();
      final double oPcTx = 1 + cOptim * x;
      final double v = oPcTx * oPcTx * oPcTx;
      if (v <= 0) {
        continue;
      }
      final double x2 = x * x;
      final double u = rng.nextDouble();
      // Squeeze.
      if (u < 1 - 0.0331 * x2 * x2) {
        return theta * dOptim * v;
      }
      // The one transcendental test: fdlibm's log, not the original's Math.log (issue 19).
      if (FdLibm.log(u) < 0.5 * x2 + dOptim * (1 - v + FdLibm.log(v))) {
        return theta * dOptim * v;
      }
    }
  }
}
