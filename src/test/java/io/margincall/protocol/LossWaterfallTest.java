package io.margincall.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.stats.OutcomeAmount;
import org.junit.jupiter.api.Test;

/**
 * The loss waterfall's order, by hand: the fund, then a deficit the backstop covers after its
 * delay (if that falls within the horizon) up to its capacity, then socialized loss; the fund's
 * share of perp fees; and the breaker's booking of losses after a pause.
 */
class LossWaterfallTest {

  private static LossWaterfall waterfall(double fund, double feeShare, double capacity, int delay) {
    LossWaterfall w = new LossWaterfall(new InsuranceRules(fund, 0, feeShare,
        new InsuranceRules.Backstop(capacity, delay)), 100);
    w.reset();
    return w;
  }

  @Test
  void theBackstopCoversTheDeficitUpToItsCapacityAndTheRestIsSocialized() {
    LossWaterfall w = waterfall(3, 1, 5, 10);
    PathOutcome out = new PathOutcome();
    w.realise(10, 20, out);  // fund 3, deficit 7: backstop 5, socialized 2
    assertEquals(3, out.insuranceDraw);
    assertEquals(7, out.amountOf(OutcomeAmount.DEFICIT));
    assertEquals(5, out.amountOf(OutcomeAmount.BACKSTOP_COVERED));
    assertEquals(2, out.socializedLoss);
    assertTrue(out.fundExhausted);
    w.realise(4, 30, out);  // fund and backstop spent: all socialized
    assertEquals(14, out.badDebt);
    assertEquals(11, out.amountOf(OutcomeAmount.DEFICIT));
    assertEquals(5, out.amountOf(OutcomeAmount.BACKSTOP_COVERED));
    assertEquals(6, out.socializedLoss);
    w.reset();  // a new path: the fund and the backstop full again
    out.reset();
    w.realise(4, 30, out);
    assertEquals(1, out.amountOf(OutcomeAmount.BACKSTOP_COVERED));
    assertEquals(0, out.socializedLoss);
  }

  @Test
  void aDeficitDueAfterTheHorizonIsNotCoveredOnThePath() {
    LossWaterfall w = waterfall(0, 1, 100, 10);
    PathOutcome out = new PathOutcome();
    w.realise(7, 91, out);  // due at 101 > 100
    assertEquals(0, out.amountOf(OutcomeAmount.BACKSTOP_COVERED));
    assertEquals(7, out.socializedLoss);
    w.realise(6, 90, out);  // due at 100: covered
    assertEquals(6, out.amountOf(OutcomeAmount.BACKSTOP_COVERED));
    assertEquals(13, out.amountOf(OutcomeAmount.DEFICIT));
    assertEquals(7, out.socializedLoss);
  }

  @Test
  void withoutABackstopNoDeficitIsRecordedAndTheLossIsSocialized() {
    LossWaterfall w = waterfall(2, 1, 0, 0);
    PathOutcome out = new PathOutcome();
    w.realise(5, 1, out);
    assertEquals(0, out.amountOf(OutcomeAmount.DEFICIT));
    assertEquals(3, out.socializedLoss);
  }

  @Test
  void theFundTakesItsShareOfPerpFees() {
    LossWaterfall w = waterfall(0, 0.25, 0, 0);
    PathOutcome out = new PathOutcome();
    w.depositFee(100);
    w.realise(40, 1, out);
    assertEquals(25, out.insuranceDraw);
    assertEquals(15, out.socializedLoss);
  }

  @Test
  void lossesAfterAPauseAreBookedAsSuch() {
    LossWaterfall w = waterfall(0, 1, 0, 0);
    PathOutcome out = new PathOutcome();
    w.realise(1, 1, out);
    w.breakerPhase(true, true);
    w.realise(2, 2, out);
    w.breakerPhase(true, false);
    w.realise(4, 3, out);
    assertEquals(7, out.badDebt);
    assertEquals(6, out.amountOf(OutcomeAmount.BAD_DEBT_AFTER_PAUSE));
    assertEquals(2, out.amountOf(OutcomeAmount.BAD_DEBT_AT_RESUME));
  }

  @Test
  void badSharesAndBackstopsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new InsuranceRules(0, 0, 1.5, InsuranceRules.Backstop.none()));
    assertThrows(IllegalArgumentException.class, () -> new InsuranceRules.Backstop(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new InsuranceRules.Backstop(1, -1));
  }
}
