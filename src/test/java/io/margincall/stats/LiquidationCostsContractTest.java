package io.margincall.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LiquidationCosts} merges exactly in any split and order; and, on hand-made paths, each
 * account lands in the one class its two first-liquidation steps say.
 */
class LiquidationCostsContractTest extends MergeableContract<LiquidationCosts> {
  private final FirstLiquidations point = new FirstLiquidations(6, 4, 0);
  private final FirstLiquidations baseline = new FirstLiquidations(6, 4, 0);

  @Override
  LiquidationCosts empty() {
    return new LiquidationCosts();
  }

  /** One path, drawn from the value's bits: random first liquidations at both points. */
  @Override
  void feed(LiquidationCosts instance, double value) {
    Random r = new Random(Double.doubleToRawLongBits(value));
    point.reset();
    baseline.reset();
    for (int kind = FirstLiquidations.LOANS; kind <= FirstLiquidations.PERPS; kind++) {
      for (int i = 0; i < point.accounts(kind); i++) {
        if (r.nextInt(3) > 0) {
          point.record(kind, i, 1 + r.nextInt(20));
        }
        if (r.nextInt(3) > 0) {
          baseline.record(kind, i, 1 + r.nextInt(20));
        }
      }
    }
    instance.add(point, baseline);
  }

  @Override
  String fingerprint(LiquidationCosts k) {
    return k.toString();
  }

  @Test
  void eachAccountIsClassifiedByItsTwoSteps() {
    FirstLiquidations p = new FirstLiquidations(5, 2, 0);
    FirstLiquidations b = new FirstLiquidations(5, 2, 0);
    // Loans: 0 only here (false positive), 1 only at the baseline (prevented), 2 later here
    // (+3), 3 earlier here (-2), 4 the same step; perps: 0 only here, 1 never.
    p.record(FirstLiquidations.LOANS, 0, 7);
    b.record(FirstLiquidations.LOANS, 1, 4);
    p.record(FirstLiquidations.LOANS, 2, 9);
    b.record(FirstLiquidations.LOANS, 2, 6);
    p.record(FirstLiquidations.LOANS, 3, 5);
    b.record(FirstLiquidations.LOANS, 3, 7);
    p.record(FirstLiquidations.LOANS, 4, 8);
    b.record(FirstLiquidations.LOANS, 4, 8);
    p.record(FirstLiquidations.PERPS, 0, 3);
    p.record(FirstLiquidations.LOANS, 2, 12);  // a later liquidation keeps the first step
    LiquidationCosts k = new LiquidationCosts();
    k.add(p, b);
    assertEquals("paths=1 falsePositives=2 prevented=1 both=3 delayed=1 advanced=1"
        + " delayStepsSum=1", fingerprint(k));
    assertEquals(1.0 / 3, k.meanDelaySteps(), 0.0);
    // A reset path forgets every account.
    p.reset();
    b.reset();
    LiquidationCosts empty = new LiquidationCosts();
    empty.add(p, b);
    assertEquals("paths=1 falsePositives=0 prevented=0 both=0 delayed=0 advanced=0"
        + " delayStepsSum=0", fingerprint(empty));
  }
}
