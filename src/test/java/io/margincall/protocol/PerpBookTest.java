package io.margincall.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class PerpBookTest {

  /** Trigger and bankruptcy prices from the equity formula, for a long and for a short. */
  @Test
  void triggersAreWhereEquityMeetsTheMaintenanceMargin() {
    // Long 2 @ 2000 with 400 margin, mm 1 %: equity 400 + 2 (m - 2000) = 0.02 m  ->  m = 1800/0.99.
    assertEquals(1800 / 0.99, PerpPosition.triggerPrice(400, 2, 2000, 0.01), 1e-9);
    assertEquals(1800, PerpPosition.bankruptcyPrice(400, 2, 2000), 1e-12);
    // Short 2 @ 2000 with 400 margin: 400 - 2 (m - 2000) = 0.02 m  ->  m = 2200/1.01.
    assertEquals(2200 / 1.01, PerpPosition.triggerPrice(400, -2, 2000, 0.01), 1e-9);
    assertEquals(2200, PerpPosition.bankruptcyPrice(400, -2, 2000), 1e-12);
    for (double m : new double[] {1700, 1818.18, 1818.19, 2178.21, 2178.22, 2300}) {
      assertEquals(m < 1800 / 0.99, PerpPosition.eligible(400, 2, 2000, 0.01, m), "long at " + m);
      assertEquals(m > 2200 / 1.01, PerpPosition.eligible(400, -2, 2000, 0.01, m), "short at " + m);
    }
  }

  /** Each side in tiers of one maintenance rate, ordered as the mark reaches them. */
  @Test
  void sidesAreTieredAndOrderedTheWayTheMarkReachesThem() {
    PerpBook book = PerpBook.of(new double[] {100, 200, 100, 300, 50},
        new double[] {1, 1, -1, -1, 1}, new double[] {2000, 2000, 2000, 2000, 2000},
        new double[] {0.01, 0.01, 0.01, 0.01, 0.02});
    assertEquals(3, book.count(PerpBook.LONG));
    assertEquals(2, book.tiers(PerpBook.LONG));
    assertEquals(0.01, book.tierRate(PerpBook.LONG, 0));
    // Tier 0.01: position 0 (A = 1900) before position 1 (A = 1800); tier 0.02: position 4.
    assertEquals(0, book.at(PerpBook.LONG, 0));
    assertEquals(1, book.at(PerpBook.LONG, 1));
    assertEquals(4, book.at(PerpBook.LONG, 2));
    assertEquals(2, book.tierStart(PerpBook.LONG, 1));
    // Shorts ascending: position 2 (A = 2100) before position 3 (A = 2300).
    assertEquals(2, book.at(PerpBook.SHORT, 0));
    assertEquals(3, book.at(PerpBook.SHORT, 1));
    assertEquals(2100, book.key(PerpBook.SHORT, 0), 1e-12);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PerpBook.of(new double[] {1}, new double[] {0}, new double[] {1}, new double[] {0}));
    assertTrue(e.getMessage().contains("position 0: size 0.0"), e.getMessage());
  }

  /**
   * The generated book's long share and leverage range: the long share within 4 binomial
   * standard errors, every leverage in range (margin = notional / leverage), every rate its
   * notional's tier.
   */
  @Test
  void aGeneratedBookHasItsImbalanceLeverageAndTiers() {
    int n = 20_000;
    PerpBook book = GeneratedPerpBook.draw(RandomSource.XO_RO_SHI_RO_128_PP.create(5L), n, 2000,
        0.7, 50_000, 1.0, 5, 25, 0.02,
        new MaintenanceTiers(new double[] {50_000, 250_000}, new double[] {0.004, 0.01}));
    int longs = book.count(PerpBook.LONG);
    assertEquals(0.7, longs / (double) n, 4 * Math.sqrt(0.7 * 0.3 / n));
    for (int i = 0; i < n; i++) {
      double notional = Math.abs(book.positionSize(i)) * book.entry(i);
      double leverage = notional / book.margin(i);
      assertTrue(leverage >= 5 - 1e-9 && leverage <= 25 + 1e-9, "leverage " + leverage);
      assertEquals(notional <= 50_000 ? 0.004 : 0.01, book.maintenance(i), "position " + i);
    }
  }
}
