package io.margincall.sweep;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.config.SweepPlan;
import io.margincall.kernel.PathBatch;
import io.margincall.kernel.Scenario;
import io.margincall.stats.SweepAccumulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test support: a sweep over the quickstart, run in this JVM without Spark. */
public final class QuickstartSweep {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));

  private QuickstartSweep() {}

  /**
   * Writes {@code conf/quickstart.conf} plus {@code text} to a scenario in {@code dir}, runs all
   * its sweep points on the same paths and returns their statistics; {@code plan[0]} gets the
   * plan.
   */
  public static SweepAccumulator run(Path dir, String text, SweepPlan[] plan) throws IOException {
    Path file = dir.resolve("s.conf");
    Files.writeString(file, "include \"" + ROOT.resolve("conf/quickstart.conf").toAbsolutePath()
        + "\"\n" + text);
    SweepPlan p = SweepPlan.of(ScenarioSettings.load(file, List.of(),
        List.of(ROOT.resolve("conf"))));
    plan[0] = p;
    List<Scenario> scenarios = new ArrayList<>();
    p.points().forEach(point -> scenarios.add(ScenarioFactory.build(point.settings())));
    return PathBatch.simulateSweep(scenarios, p.baseline(),
        p.points().get(0).settings().run().paths());
  }
}
