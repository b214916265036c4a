package io.margincall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlanTest {
  @TempDir
  Path dir;

  private SweepPlan plan(String text) throws IOException {
    Path file = dir.resolve("sweep.conf");
    Files.writeString(file, text);
    return SweepPlan.of(ScenarioSettings.load(file, List.of()));
  }

  private ConfigError fails(String text) {
    return assertThrows(ConfigError.class, () -> plan(text));
  }

  @Test
  void gridIsTheCartesianProductInAxisOrder() throws IOException {
    SweepPlan p = plan("sweep.axes {\n oracle.delay = [0, 60]\n protocol.bonus = [0.0, 0.05, 0.1]\n}\n");
    assertEquals(6, p.points().size());
    assertEquals(List.of("oracle.delay", "protocol.bonus"), p.axes().stream().map(SweepPlan.Axis::key).toList());
    assertEquals("oracle.delay=0, protocol.bonus=0", p.points().get(0).label());
    assertEquals(Map.of("oracle.delay", 60L, "protocol.bonus", 0.1), p.points().get(5).values());
    assertEquals(5, p.points().get(5).settings().oracle().delaySteps());
    assertEquals(0.1, p.points().get(5).settings().protocol().bonus());
    assertEquals(0, p.baseline());
    assertEquals("oracle.delay=60, protocol.bonus=0.1", p.points().get(5).label());
  }

  @Test
  void rangesAreEvenlySpacedAndRounded() throws IOException {
    SweepPlan p = plan("sweep.axes.oracle.delay = { from = 0, to = 600, count = 4, round-to = 12 }\n"
        + "sweep.axes.protocol.bonus = { from = 0.0, to = 0.1, count = 3 }\n");
    assertEquals(List.of(0L, 204L, 396L, 600L), p.axes().get(0).values());
    assertEquals(List.of(0.0, 0.05, 0.1), p.axes().get(1).values());
  }

  @Test
  void latinHypercubeUsesEveryStratumOfEveryAxisOnce() throws IOException {
    int n = 16;
    SweepPlan p = plan("sweep { mode = latin-hypercube, points = " + n + " }\n"
        + "sweep.axes.protocol.bonus = { from = 0.0, to = 0.16, count = 2 }\n"
        + "sweep.axes.price.gbm.volatility = { from = 0.5, to = 2.1, count = 2 }\n");
    assertEquals(n, p.points().size());
    Set<Integer> bonusStrata = new HashSet<>();
    Set<Integer> volStrata = new HashSet<>();
    for (SweepPlan.Point point : p.points()) {
      double bonus = (Double) point.values().get("protocol.bonus");
      double vol = (Double) point.values().get("price.gbm.volatility");
      bonusStrata.add((int) Math.floor(bonus / 0.16 * n));
      volStrata.add((int) Math.floor((vol - 0.5) / 1.6 * n));
    }
    assertEquals(n, bonusStrata.size());
    assertEquals(n, volStrata.size());
  }

  @Test
  void oneAtATimeChangesOneAxisPerPointAfterTheBase() throws IOException {
    SweepPlan p = plan("sweep { mode = one-at-a-time }\n"
        + "sweep.axes { oracle.delay = [0], protocol.bonus = [0.0, 0.1] }\n"
        + "oracle.delay = 600\nprotocol.bonus = 0.05\n");
    assertEquals(4, p.points().size());
    assertEquals("base", p.points().get(0).label());
    assertEquals(50, p.points().get(0).settings().oracle().delaySteps());
    assertEquals(0, p.points().get(1).settings().oracle().delaySteps());
    assertEquals(0.05, p.points().get(1).settings().protocol().bonus());
    assertEquals(50, p.points().get(3).settings().oracle().delaySteps());
    assertEquals(0.1, p.points().get(3).settings().protocol().bonus());
    assertEquals(java.util.Arrays.asList(null, 0.1), p.points().get(3).axisValues(p.axes()));
  }

  @Test
  void allTogetherAddsOnePointWithEveryAxisAtItsLastValue() throws IOException {
    SweepPlan p = plan("sweep { mode = one-at-a-time, all-together = true }\n"
        + "sweep.axes { oracle.delay = [0], protocol.bonus = [0.0, 0.1] }\n"
        + "oracle.delay = 600\nprotocol.bonus = 0.05\n");
    assertEquals(5, p.points().size());
    SweepPlan.Point last = p.points().get(4);
    assertEquals(0, last.settings().oracle().delaySteps());
    assertEquals(0.1, last.settings().protocol().bonus());
    assertEquals("oracle.delay=0, protocol.bonus=0.1", last.label());
    assertEquals(0, p.baseline());
    ConfigError e = fails("sweep { all-together = true }\nsweep.axes.oracle.delay = [0, 60]\n");
    assertTrue(e.getMessage().contains("sweep.all-together = true: only with sweep.mode = one-at-a-time"),
        e.getMessage());
    assertTrue(e.getMessage().contains("sweep.conf:1"), e.getMessage());
  }

  @Test
  void baselineIsPickedByAxisValues() throws IOException {
    SweepPlan p = plan("sweep.axes.oracle.delay = [0, 60, 120]\nsweep.baseline.oracle.delay = 60\n");
    assertEquals(1, p.baseline());
    ConfigError e = fails("sweep.axes.oracle.delay = [0, 60]\nsweep.baseline.oracle.delay = 30\n");
    assertTrue(e.getMessage().contains("must pick exactly one point"), e.getMessage());
  }

  @Test
  void misspeltAxisKeySuggestsTheNearest() {
    ConfigError e = fails("sweep.axes.oracle.dealy = [0, 60]\n");
    assertTrue(e.getMessage().contains("sweep.axes.oracle.dealy"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'oracle.delay'"), e.getMessage());
  }

  @Test
  void timeGridAndSampleKeysAreNotSweepable() {
    for (String key : List.of("time.step", "run.paths", "run.seed", "time.horizon")) {
      ConfigError e = fails("sweep.axes." + key + " = [1, 2]\n");
      assertTrue(e.getMessage().contains("not sweepable"), key + ": " + e.getMessage());
    }
  }

  @Test
  void anInvalidPointValueNamesTheAxis() {
    ConfigError e = fails("sweep.axes.oracle.delay = [0, 30]\n");
    assertTrue(e.getMessage().contains("sweep axis oracle.delay"), e.getMessage());
    assertTrue(e.getMessage().contains("multiple of time.step"), e.getMessage());
  }

  @Test
  void emptyAxesAndBadRangesAreRejected() {
    assertTrue(fails("run.paths = 10\n").getMessage().contains("sweep.axes is empty"));
    assertTrue(fails("sweep.axes.oracle.delay = { from = 0, to = 60 }\n").getMessage()
        .contains("'count' is missing"));
    assertTrue(fails("sweep.axes.oracle.delay = 60\n").getMessage()
        .contains("a list of values or a range"));
    assertTrue(fails("sweep.axes.oracle.delay = []\n").getMessage().contains("at least one value"));
  }
}
