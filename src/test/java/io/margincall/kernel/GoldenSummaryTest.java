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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A regression guard on the random streams, the order of draws and of liquidations: the summary
 * of fixed small runs, bit for bit, as committed in {@code src/test/resources/golden/}. A change
 * that moves a single draw changes these bits; so would an optimisation that changes a result.
 * Four scenarios: the quickstart (mechanisms ideal but the oracle), Black Thursday, the
 * benchmark scenario (every mechanism on) and the benchmark scenario with gas that overflows
 * (src/test/resources/scenarios/extreme-gas.conf). The last two goldens were written by the
 * kernel before the performance work of issue 8, so its optimisations are shown to change no bit. If a change is intended, regenerate with
 * {@code mvn test -Dtest=GoldenSummaryTest -Dgolden.update=true} and say why in the commit.
 */
class GoldenSummaryTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "quickstart-2000, conf/quickstart.conf, 2000, 60",
      "black-thursday-300, conf/black-thursday.conf, 300, 60",
      "extreme-gas-300, src/test/resources/scenarios/extreme-gas.conf, 300, 60",
      "bench-million-paths-1000, conf/bench/million-paths.conf, 1000, 60",
  })
  void summaryMatchesTheCommittedBits(String name, String conf, int paths, int step)
      throws IOException {
    Path golden = ROOT.resolve("src/test/resources/golden/" + name + ".txt");
    ScenarioSettings settings = ScenarioSettings.load(ROOT.resolve(conf),
        List.of("run.paths=" + paths, "time.step=" + step), List.of(ROOT.resolve("conf")));
    Scenario scenario = ScenarioFactory.build(settings);
    String actual = "# config_hash " + settings.configHash() + "\n"
        + SummaryFingerprint.of(PathBatch.simulateAll(scenario, settings.run().paths())
            .summarize(settings.time().stepSeconds()));
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
  }
}
