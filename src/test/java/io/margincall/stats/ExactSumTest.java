package io.margincall.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest extends MergeableContract<ExactSum> {

  @Override
  ExactSum empty() {
    return new ExactSum();
  }

  @Override
  void feed(ExactSum instance, double value) {
    instance.add(value);
  }

  /** Mixed signs and magnitudes, so merges must handle cancellation exactly. */
  @Override
  double[] data(Random random) {
    double[] values = super.data(random);
    for (int i = 0; i < values.length; i++) {
      if (random.nextBoolean()) {
        values[i] = -values[i] * Math.scalb(1.0, random.nextInt(40) - 20);
      }
    }
    return values;
  }

  @Override
  String fingerprint(ExactSum instance) {
    return Long.toHexString(Double.doubleToRawLongBits(instance.value()));
  }

  /** The reference: BigDecimal holds every double exactly; round once to the nearest double. */
  private static double exact(double[] values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : values) {
      sum = sum.add(new BigDecimal(v));
    }
    return sum.round(MathContext.DECIMAL128).doubleValue() == 0 ? 0.0 : sum.doubleValue();
  }

  @Test
  void equalsTheCorrectlyRoundedSumWhereNaiveSummationFails() {
    double[] values = {1e16, 1.0, -1e16, 1.0, 1e-3, 3.0e100, -3.0e100};
    ExactSum s = new ExactSum();
    double naive = 0;
    for (double v : values) {
      s.add(v);
      naive += v;
    }
    assertEquals(2.001, s.value(), 0.0);
    // The case shows the need: a plain sum loses every small term.
    assertEquals(0.0, naive, 0.0);
  }

  @Test
  void matchesBigDecimalOnRandomDataOfMixedSignsAndMagnitudes() {
    Random random = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      double[] values = new double[1 + random.nextInt(400)];
      for (int i = 0; i < values.length; i++) {
        values[i] = (random.nextBoolean() ? 1 : -1) * Math.scalb(random.nextDouble(),
            random.nextInt(120) - 60);
      }
      ExactSum s = new ExactSum();
      for (double v : values) {
        s.add(v);
      }
      assertEquals(exact(values), s.value(), 0.0, "trial " + trial);
    }
  }

  @Test
  void roundsHalfwayCasesToEven() {
    // 1 + 2^-53 is exactly halfway between 1 and the next double; the tie goes to even (1.0),
    // but a further tiny positive term breaks the tie upwards.
    ExactSum tie = new ExactSum();
    tie.add(1.0);
    tie.add(Math.scalb(1.0, -53));
    assertEquals(1.0, tie.value(), 0.0);
    tie.add(Math.scalb(1.0, -80));
    assertEquals(Math.nextUp(1.0), tie.value(), 0.0);
  }

  @Test
  void rejectsNonFiniteValues() {
    ExactSum s = new ExactSum();
    assertThrows(IllegalArgumentException.class, () -> s.add(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> s.add(Double.POSITIVE_INFINITY));
  }
}
