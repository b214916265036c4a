package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.model.liquidity.InfiniteDepth;
import io.margincall.model.oracle.OracleRules;
import org.junit.jupiter.api.Test;

class ScenarioBuilderTest {
  /** The defaults are the ideal mechanisms of SPEC 7. */
  @Test
  void unsetMechanismsAreIdeal() {
    Scenario s = TestScenarios.singleAccount(1, 0.8, 12, 10, 100, 1, 50, 0.8, OracleRules.ideal());
    assertInstanceOf(InfiniteDepth.class, s.depth());
    assertEquals(0, s.permanentImpact());
    assertEquals(0, s.minProfitUsd());
    assertNull(s.congestion());
    assertNull(s.crossMargin());
    assertEquals(s, s.toBuilder().build());
  }

  @Test
  void aMissingRequiredValueIsNamed() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Scenario.builder().seed(1).steps(10).stepSeconds(12).initialPrice(100).build());
    assertTrue(e.getMessage().contains("market is not set"), e.getMessage());
  }
}
