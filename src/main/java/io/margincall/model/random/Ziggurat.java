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
// org.apache.commons.rng.sampling.distribution.ZigguratSampler: its constant TWO_POW_63, the
// 8-bit mask and interpolate(), unchanged, shared by ZigguratExponential and ZigguratNormal.

package io.margincall.model.random;

/**
 * What the two ziggurat samplers share (from Commons RNG 1.6's abstract {@code ZigguratSampler},
 * Apache License 2.0; see {@link ZigguratExponential}'s header): the byte mask that picks a layer
 * and the interpolation of a point inside an overhang.
 */
final class Ziggurat {
  /** The low 8 bits of a draw: the layer index in [0, 256). */
  static final int MASK_INT8 = 0xff;
  private static final double TWO_POW_63 = 0x1.0p63;

  private Ziggurat() {}

  /**
   * {@code v[j] + u (v[j-1] - v[j])} for a table scaled by 2^-63 and {@code u} in [0, 2^63): a
   * coordinate of the point {@code u} of the way across overhang j (Commons RNG's single-method
   * form, which its tests found within 1 ulp of the reference c code's).
   */
  static double interpolate(double[] v, int j, long u) {
    return v[j] * TWO_POW_63 + u * (v[j - 1] - v[j]);
  }
}
