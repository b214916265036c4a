package io.margincall.model;

/**
 * {@code log} and {@code log1p} as {@link StrictMath} computes them, bit for bit, in plain Java.
 *
 * <p>{@code StrictMath} is specified to return the results of fdlibm 5.3 (Sun Microsystems,
 * 1993: "Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved"), on every CPU and JDK build; {@code Math.log},
 * {@code exp}, {@code pow} and {@code log10} are JIT intrinsics whose last bits depend on both,
 * so results that must be portable use {@code StrictMath} or this class (src/docs/performance.md,
 * "Portable bits"). JDK 17 computes {@code StrictMath.log} and {@code log1p} in C through JNI
 * (its {@code exp} and {@code pow} are already Java); these are the same algorithms, operation
 * for operation, so the JIT can inline them (JDK 21 made the same move in its own
 * {@code FdLibm}). {@code FdLibmTest} checks them against {@code StrictMath} on millions of
 * arguments and on every branch boundary.
 */
public final class FdLibm {
  private static final double LN2_HI = 6.93147180369123816490e-01;  // 3fe62e42 fee00000
  private static final double LN2_LO = 1.90821492927058770002e-10;  // 3dea39ef 35793c76
  private static final double TWO54 = 1.80143985094819840000e+16;   // 43500000 00000000
  // fdlibm's Lp1..Lp7 (s_log1p.c), equal to Lg1..Lg7 of e_log.c: one polynomial serves both.
  private static final double LP1 = 6.666666666666735130e-01;  // 3FE55555 55555593
  private static final double LP2 = 3.999999999940941908e-01;  // 3FD99999 9997FA04
  private static final double LP3 = 2.857142874366239149e-01;  // 3FD24924 94229359
  private static final double LP4 = 2.222219843214978396e-01;  // 3FCC71C5 1D8E78AF
  private static final double LP5 = 1.818357216161805012e-01;  // 3FC74664 96CB03DE
  private static final double LP6 = 1.531383769920937332e-01;  // 3FC39A09 D078C69F
  private static final double LP7 = 1.479819860511658591e-01;  // 3FC2F112 DF3E5244

  private FdLibm() {}

  /**
   * ln(1 + x), with {@code StrictMath.log1p}'s bits. Method (fdlibm): reduce 1 + x = 2^k (1 + f)
   * with sqrt(2)/2 < 1 + f < sqrt(2), keeping the rounding error of 1 + x as a correction c;
   * then ln(1 + f) = f - (hfsq - s (hfsq + R)), s = f / (2 + f), R a minimax polynomial in s^2.
   */
  public static double log1p(double x) {
    int hx = highWord(x);
    int ax = hx & 0x7fffffff;
    int k = 1;
    int hu = 0;
    double f = 0;
    double c = 0;
    if (hx < 0x3FDA827A) {                      // x < 0.41422
      if (ax >= 0x3ff00000) {                   // x <= -1.0
        // As fdlibm: -inf for -1, and the NaN that 0/0 makes (its sign bit included) below.
        return x == -1.0 ? -TWO54 / 0.0 : (x - x) / (x - x);
      }
      if (ax < 0x3e200000) {                    // |x| < 2^-29
        if (TWO54 + x > 0 && ax < 0x3c900000) {  // |x| < 2^-54
          return x;
        }
        return x - x * x * 0.5;
      }
      if (hx > 0 || hx <= 0xbfd2bec3) {         // -0.2929 < x < 0.41422
        k = 0;
        f = x;
        hu = 1;
      }
    }
    if (hx >= 0x7ff00000) {
      return x + x;                             // +inf or NaN
    }
    if (k != 0) {
      double u;
      if (hx < 0x43400000) {
        u = 1.0 + x;
        hu = highWord(u);
        k = (hu >> 20) - 1023;
        c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);  // correction term
        c /= u;
      } else {
        u = x;
        hu = highWord(u);
        k = (hu >> 20) - 1023;
        c = 0;
      }
      hu &= 0x000fffff;
      if (hu < 0x6a09e) {
        u = withHighWord(u, hu | 0x3ff00000);   // normalize u
      } else {
        k += 1;
        u = withHighWord(u, hu | 0x3fe00000);   // normalize u/2
        hu = (0x00100000 - hu) >> 2;
      }
      f = u - 1.0;
    }
    double hfsq = 0.5 * f * f;
    if (hu == 0) {                              // |f| < 2^-20
      if (f == 0) {
        if (k == 0) {
          return 0;
        }
        c += k * LN2_LO;
        return k * LN2_HI + c;
      }
      double r = hfsq * (1.0 - 0.66666666666666666 * f);
      if (k == 0) {
        return f - r;
      }
      return k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
    }
    double s = f / (2.0 + f);
    double z = s * s;
    double r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
    if (k == 0) {
      return f - (hfsq - s * (hfsq + r));
    }
    return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
  }

  /**
   * ln(x), with {@code StrictMath.log}'s bits. Method (fdlibm e_log.c): reduce x = 2^k (1 + f)
   * with sqrt(2)/2 < 1 + f < sqrt(2); then ln(1 + f) = f - s (f - R) with s = f / (2 + f) and R a
   * minimax polynomial in s^2, or f - (hfsq - s (hfsq + R)) where that loses less (hfsq = f^2 / 2);
   * k ln2 is added in two parts (hi exact in k, lo the rest).
   */
  public static double log(double x) {
    int hx = highWord(x);
    int k = 0;
    if (hx < 0x00100000) {                      // x < 2^-1022: zero, negative or subnormal
      if (((hx & 0x7fffffff) | lowWord(x)) == 0) {
        return -TWO54 / 0.0;                    // log(+-0) = -inf
      }
      if (hx < 0) {
        return (x - x) / 0.0;                   // log(negative) = NaN, as fdlibm makes it
      }
      k -= 54;
      x *= TWO54;                               // subnormal: scale up
      hx = highWord(x);
    }
    if (hx >= 0x7ff00000) {
      return x + x;                             // +inf or NaN
    }
    k += (hx >> 20) - 1023;
    hx &= 0x000fffff;
    int i = (hx + 0x95f64) & 0x100000;
    x = withHighWord(x, hx | (i ^ 0x3ff00000));  // normalize x or x/2
    k += i >> 20;
    double f = x - 1.0;
    if ((0x000fffff & (2 + hx)) < 3) {          // |f| < 2^-20
      if (f == 0) {
        if (k == 0) {
          return 0;
        }
        double dk = k;
        return dk * LN2_HI + dk * LN2_LO;
      }
      double r = f * f * (0.5 - 0.33333333333333333 * f);
      if (k == 0) {
        return f - r;
      }
      double dk = k;
      return dk * LN2_HI - ((r - dk * LN2_LO) - f);
    }
    double s = f / (2.0 + f);
    double dk = k;
    double z = s * s;
    i = hx - 0x6147a;
    double w = z * z;
    int j = 0x6b851 - hx;
    double t1 = w * (LP2 + w * (LP4 + w * LP6));
    double t2 = z * (LP1 + w * (LP3 + w * (LP5 + w * LP7)));
    i |= j;
    double r = t2 + t1;
    if (i > 0) {
      double hfsq = 0.5 * f * f;
      if (k == 0) {
        return f - (hfsq - s * (hfsq + r));
      }
      return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
    }
    if (k == 0) {
      return f - s * (f - r);
    }
    return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
  }

  private static int highWord(double x) {
    return (int) (Double.doubleToRawLongBits(x) >>> 32);
  }

  private static int lowWord(double x) {
    return (int) Double.doubleToRawLongBits(x);
  }

  private static double withHighWord(double x, int high) {
    return Double.longBitsToDouble(((long) high << 32)
        | (Double.doubleToRawLongBits(x) & 0xffffffffL));
  }
}
