package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A regression guard on the random streams, the order of draws and of liquidations: the summary
 * of fixed small runs ({@link GoldenRun#ALL}), bit for bit, as committed in
 * {@code src/test/resources/golden/}. A change that moves a single draw changes these bits; so
 * would an optimisation that changes a result. The last two goldens were first written by the
 * kernel before the performance work of issue 8, so its optimisations were shown to change no
 * bit. If a change is intended, regenerate with
 * {@code mvn test -Dtest=GoldenSummaryTest -Dgolden.update=true} and say why in the commit.
 */
class GoldenSummaryTest {

  @ParameterizedTest(name = "{0}")
  @FieldSource("io.margincall.kernel.GoldenRun#ALL")
  void summaryMatchesTheCommittedBits(GoldenRun run) throws IOException {
    String actual = run.fingerprint();
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(run.golden().getParent());
      Files.writeString(run.golden(), actual, StandardCharsets.UTF_8);
    }
    assertEquals(run.committed(), actual);
  }
}
