package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.stats.SummaryFingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A regression guard on the random streams and the order of draws: the summary of a fixed small
 * run, bit for bit, as committed in {@code src/test/resources/golden/}. A change that moves a
 * single draw changes these bits. If the change is intended, regenerate with
 * {@code mvn test -Dtest=GoldenSummaryTest -Dgolden.update=true} and say why in the commit.
 */
class GoldenSummaryTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));
  private static final Path GOLDEN = ROOT.resolve("src/test/resources/golden/quickstart-2000.txt");

  @Test
  void quickstartSummaryMatchesTheCommittedBits() throws IOException {
    ScenarioSettings settings = ScenarioSettings.load(ROOT.resolve("conf/quickstart.conf"),
        List.of("run.paths=2000", "time.step=60"));
    Scenario scenario = ScenarioFactory.build(settings);
    String actual = "# config_hash " + settings.configHash() + "\n"
        + SummaryFingerprint.of(PathBatch.simulateAll(scenario, settings.paths)
            .summarize(settings.stepSeconds));
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual);
  }
}
