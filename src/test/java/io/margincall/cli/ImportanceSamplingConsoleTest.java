package io.margincall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulate run under importance sampling prints its tilt and effective paths, and says why it
 * has no VaR/ES (weighted quantiles are not built) instead of printing NaN with a wrong reason.
 */
class ImportanceSamplingConsoleTest {
  @TempDir
  Path dir;

  @Test
  void printsTheTiltAndNoNaN() throws IOException {
    Path file = dir.resolve("tilted.conf");
    Files.writeString(file, String.join("\n", "run.paths = 200", "time.step = 60",
        "time.horizon = 21600", "accounts.generated.count = 50", "oracle.delay = 0",
        "sampling.importance.tilt = -0.02", ""));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"simulate", "--conf", file.toString(), "--out",
        dir.resolve("out").toString(), "--master", "local[1]", "--progress-seconds", "0"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    String console = out.toString(StandardCharsets.UTF_8);
    assertTrue(Pattern.compile("^  importance sampling tilt -0\\.02; effective paths [\\d,]+ of 200 ",
        Pattern.MULTILINE).matcher(console).find(), console);
    for (String level : new String[] {"95.0", "99.0", "99.9"}) {
      assertTrue(console.contains("  VaR / ES  " + level
          + " %    not estimated under importance sampling"), console);
    }
    assertTrue(!console.contains("VaR / ES  95.0 %    NaN"), console);
  }
}
