package io.margincall.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

  @Test
  void zeroSuccessesGiveTheRuleOfThreeLikeUpperBound() {
    // Closed form for x = 0: upper = z^2 / (n + z^2).
    WilsonInterval w = WilsonInterval.of95(0, 10);
    double z2 = TailRisk.Z95 * TailRisk.Z95;
    assertEquals(0.0, w.estimate(), 0);
    assertEquals(0.0, w.low(), 0.0);
    assertEquals(1.0, WilsonInterval.of95(10, 10).high(), 0.0);
    assertEquals(z2 / (10 + z2), w.high(), 1e-12);
  }

  @Test
  void symmetricAroundOneHalf() {
    // x = n/2: centre 1/2, half width z sqrt(n/4 + z^2/4) / (n + z^2).
    WilsonInterval w = WilsonInterval.of95(5, 10);
    double z = TailRisk.Z95;
    double half = z * Math.sqrt(10 / 4.0 + z * z / 4) / (10 + z * z);
    assertEquals(0.5 - half, w.low(), 1e-12);
    assertEquals(0.5 + half, w.high(), 1e-12);
  }
}
