package io.margincall.kernel;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.stats.SummaryFingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One golden run: a scenario, its path count and step, and the file under
 * {@code src/test/resources/golden/} that holds its summary's bits. {@link GoldenSummaryTest}
 * checks them in the test JVM; {@link PortableBitsTest} in a JVM whose exp, log, log10 and pow
 * are not the CPU's intrinsics.
 */
record GoldenRun(String name, String conf, int paths, int step) {
  static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));

  /**
   * The quickstart (mechanisms ideal but the oracle), Black Thursday, the benchmark scenario
   * with gas that overflows (src/test/resources/scenarios/extreme-gas.conf) and the benchmark
   * scenario (every mechanism on).
   */
  static final List<GoldenRun> ALL = List.of(
      new GoldenRun("quickstart-2000", "conf/quickstart.conf", 2000, 60),
      new GoldenRun("black-thursday-300", "conf/black-thursday.conf", 300, 60),
      new GoldenRun("extreme-gas-300", "src/test/resources/scenarios/extreme-gas.conf", 300, 60),
      new GoldenRun("bench-million-paths-1000", "conf/bench/million-paths.conf", 1000, 60));

  Path golden() {
    return ROOT.resolve("src/test/resources/golden/" + name + ".txt");
  }

  String committed() throws IOException {
    return Files.readString(golden(), StandardCharsets.UTF_8);
  }

  /** The run's config hash and summary, as the golden file holds them. */
  String fingerprint() {
    ScenarioSettings settings = ScenarioSettings.load(ROOT.resolve(conf),
        List.of("run.paths=" + paths, "time.step=" + step), List.of(ROOT.resolve("conf")));
    Scenario scenario = ScenarioFactory.build(settings);
    return "# config_hash " + settings.configHash() + "\n"
        + SummaryFingerprint.of(PathBatch.simulateAll(scenario, settings.run().paths())
            .summarize(settings.time().stepSeconds()));
  }

  @Override
  public String toString() {
    return name;
  }
}
