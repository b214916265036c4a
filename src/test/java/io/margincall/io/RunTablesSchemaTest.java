package io.margincall.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.margincall.protocol.PathOutcome;
import io.margincall.stats.BadDebtAccumulator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs of different sweeps write tables of one schema: readers that take the schema from one
 * file (pandas, pyarrow datasets, DuckDB) would otherwise drop the columns of every other run.
 */
class RunTablesSchemaTest {
  private static final RunProvenance RUN = new RunProvenance("run", LocalDate.EPOCH, "adhoc",
      "test", 1, "0+test", Instant.EPOCH);

  private static PointStatistics point(String label, Object... axisValues) {
    BadDebtAccumulator acc = new BadDebtAccumulator(1);
    PathOutcome out = new PathOutcome();
    out.reset();
    acc.add(out);
    return new PointStatistics(0, label, Arrays.asList(axisValues), 0, "hash", "config", 10, 60,
        1, 100, 0, 0, acc.summarize(60), 0, 0, 0, 0, 0, 0, 0);
  }

  private static final PointStatistics SIMULATE = point("base");
  private static final List<RunTables.Axis> GRID_AXES = List.of(
      new RunTables.Axis("oracle.delay", true), new RunTables.Axis("price.model", false));
  private static final PointStatistics GRID = point("oracle.delay=600, price.model=jump", 600L, "jump");
  private static final List<RunTables.Axis> OAT_AXES = List.of(
      new RunTables.Axis("protocol.bonus", true), new RunTables.Axis("protocol.close-factor", true));
  private static final PointStatistics OAT = point("protocol.close-factor=1.0", null, 1.0);

  @Test
  void summaryAndDistributionHaveOneSchemaWhateverTheRunSweeps() {
    var simulate = RunTables.summary(RUN, SIMULATE, List.of()).schema();
    assertEquals(simulate, RunTables.summary(RUN, GRID, GRID_AXES).schema());
    assertEquals(simulate, RunTables.summary(RUN, OAT, OAT_AXES).schema());
    var distribution = RunTables.distribution(RUN, SIMULATE, List.of()).get(0).schema();
    assertEquals(distribution, RunTables.distribution(RUN, GRID, GRID_AXES).get(0).schema());
    assertEquals(distribution, RunTables.distribution(RUN, OAT, OAT_AXES).get(0).schema());
  }

  @Test
  void axisValuesAreMapsKeyedByConfigKeyInAxisOrder() {
    var row = RunTables.summary(RUN, GRID, GRID_AXES);
    int axes = row.schema().fieldIndex("axes");
    int text = row.schema().fieldIndex("axes_text");
    assertEquals(Map.of("oracle.delay", 600.0), row.row().get(axes));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("oracle.delay", "600");
    expected.put("price.model", "jump");
    assertEquals(List.copyOf(expected.entrySet()),
        List.copyOf(((Map<?, ?>) row.row().get(text)).entrySet()));
    // One-at-a-time: the axis the point leaves at the base is not in the maps.
    var oat = RunTables.summary(RUN, OAT, OAT_AXES);
    assertEquals(Map.of("protocol.close-factor", 1.0), oat.row().get(axes));
    assertEquals(Map.of(), RunTables.summary(RUN, SIMULATE, List.of()).row().get(axes));
  }
}
