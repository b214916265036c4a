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

/** The sweep table shows every axis value of every point, in a column per axis. */
class SweepConsoleTest {
  @TempDir
  Path dir;

  @Test
  void pointsThatDifferInTheLastAxisOnlyAreTold() throws IOException {
    // Long keys: the points' labels share their first 60 characters.
    Path file = dir.resolve("long-keys.conf");
    Files.writeString(file, String.join("\n", "run.paths = 100", "time.step = 300",
        "accounts.generated.count = 20", "sweep.axes {",
        "  accounts.generated.size-median-usd = [50000]",
        "  protocol.liquidation-threshold = [0.8]",
        "  insurance.balance = [0, 1000]", "}", ""));
    String console = sweep(file);
    assertTrue(Pattern.compile("(?m)^  point accounts\\.generated\\.size-median-usd"
        + " protocol\\.liquidation-threshold insurance\\.balance P\\(bad debt\\)").matcher(console).find(),
        console);
    assertTrue(Pattern.compile("(?m)^  0 +50000 +0\\.8 +0 +\\d").matcher(console).find(), console);
    assertTrue(Pattern.compile("(?m)^  1 +50000 +0\\.8 +1000 +\\d").matcher(console).find(), console);
  }

  /** Below the sweep table, each point against the baseline: paired changes and costs. */
  @Test
  void eachPointIsComparedWithTheBaseline() throws IOException {
    Path file = dir.resolve("lt.conf");
    Files.writeString(file, String.join("\n", "run.paths = 200", "time.step = 300",
        "accounts.generated.count = 30", "sweep.axes {",
        "  protocol.liquidation-threshold = [0.8, 0.76]", "}", ""));
    String console = sweep(file);
    assertTrue(console.contains("vs baseline, same paths"), console);
    assertTrue(Pattern.compile("(?m)^  0 +baseline +[\\d,.]+$").matcher(console).find(), console);
    // A stricter threshold liquidates accounts the baseline did not, and earlier.
    assertTrue(Pattern.compile("(?m)^  1 +[+-]0\\.\\d{5} \\[[+-]0\\.\\d{5}, [+-]0\\.\\d{5}\\] +[+-][\\d,.]+ "
        + "\\[[+-][\\d,.]+, [+-][\\d,.]+\\] +[1-9]\\d*\\.\\d{3} +0\\.000 +-\\d+\\.\\d\\d +[\\d,.]+$")
        .matcher(console).find(), console);
  }

  /** The console of a successful sweep of {@code file}, on one local core. */
  private String sweep(Path file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"sweep", "--conf", file.toString(), "--out",
        dir.resolve("out").toString(), "--master", "local[1]", "--progress-seconds", "0"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
