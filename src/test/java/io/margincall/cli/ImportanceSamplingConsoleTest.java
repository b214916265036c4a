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
 * A simulate run under importance sampling prints its tilt and effective paths and its weighted
 * VaR/ES, never NaN.
 */
class ImportanceSamplingConsoleTest {
  @TempDir
  Path dir;

  @Test
  void printsTheTiltAndNoNaN() throws IOException {
    String console = simulate("tilted", "sampling.importance.tilt = -0.02");
    assertTrue(Pattern.compile("^  importance sampling tilt -0\\.02; effective paths [\\d,]+ of 200 ",
        Pattern.MULTILINE).matcher(console).find(), console);
    for (String level : new String[] {"95.0", "99.0", "99.9"}) {
      assertTrue(Pattern.compile("^  VaR / ES  " + Pattern.quote(level) + " %    [\\d,.]+ / [\\d,.]+ USD",
          Pattern.MULTILINE).matcher(console).find(), console);
    }
    assertTrue(!console.contains("VaR / ES  95.0 %    NaN"), console);
  }

  /** tilt = auto: the pilot's choice is printed and is the tilt the run uses and reports. */
  @Test
  void autoPrintsThePilotsChoice() throws IOException {
    String console = simulate("auto", "sampling.importance.tilt = auto",
        "sampling.importance.pilot-paths = 200");
    var chose = Pattern.compile("^importance sampling: the cross-entropy pilot chose tilt"
        + " (-?[\\d.]+) \\(\\d iterations? of 200 paths", Pattern.MULTILINE).matcher(console);
    assertTrue(chose.find(), console);
    double tilt = Double.parseDouble(chose.group(1));
    assertTrue(tilt < 0, console);
    var used = Pattern.compile("^  importance sampling tilt (-?[\\d.E-]+); effective paths",
        Pattern.MULTILINE).matcher(console);
    assertTrue(used.find(), console);
    assertEquals(tilt, Double.parseDouble(used.group(1)), 5e-5, console);
  }

  /** The console of a small simulate run (200 paths, 6 h of minutes, 50 accounts) plus lines. */
  private String simulate(String name, String... lines) throws IOException {
    Path file = dir.resolve(name + ".conf");
    Files.writeString(file, String.join("\n", "run.paths = 200", "time.step = 60",
        "time.horizon = 21600", "accounts.generated.count = 50", "oracle.delay = 0",
        String.join("\n", lines), ""));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"simulate", "--conf", file.toString(), "--out",
        dir.resolve("out-" + name).toString(), "--master", "local[1]", "--progress-seconds", "0"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
