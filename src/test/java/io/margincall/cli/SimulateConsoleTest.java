package io.margincall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code simulate} prints says what its figures are. One small run, shared by the tests:
 * 300 paths of six hours of a market with flash crashes (four a day, -26 % each on average),
 * one-minute steps, through an ideal oracle (no delay, no heartbeat): a crash gaps past the
 * bankruptcy price of accounts between two steps.
 */
class SimulateConsoleTest {
  @TempDir
  static Path dir;

  private static String console;

  @BeforeAll
  static void simulate() throws IOException {
    Path file = dir.resolve("violent.conf");
    Files.writeString(file, String.join("\n", "run.paths = 300", "time.step = 60",
        "time.horizon = 21600",
        "accounts.generated.count = 50", "price.jumps.intensity-per-day = 4", "price.jumps.log-mean = -0.3",
        "oracle.delay = 0", ""));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"simulate", "--conf", file.toString(), "--out",
        dir.resolve("out").toString(), "--master", "local[1]", "--progress-seconds", "0"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    console = out.toString(StandardCharsets.UTF_8);
  }

  private static Matcher line(String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(console);
    assertTrue(m.find(), "no line matching " + regex + " in:\n" + console);
    return m;
  }

  private static long count(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }

  /**
   * failed_oracle_stale counts liquidations, and counts them with an oracle that does not lag:
   * the console says what they are, not "accounts" and not an oracle's fault.
   */
  @Test
  void theLateLiquidationsAreNamedForWhatIsCounted() {
    Matcher m = line("^  liquidations +([\\d,]+) executed; ([\\d,]+) of them of accounts already"
        + " insolvent at the market$");
    long late = count(m.group(2));
    assertTrue(late > 0 && late <= count(m.group(1)), m.group());
  }

  /**
   * With 300 paths the 99 % and 99.9 % tails hold 3 and 1 losses (ceil((1 - q) N)), fewer than
   * the 10 an ES interval needs: the console says so instead of printing NaN; the 95 % tail
   * (15 losses) has its interval.
   */
  @Test
  void anEsWithoutIntervalSaysWhy() {
    assertTrue(!console.contains("NaN"), console);
    line("^  VaR / ES  95.0 % .*\\(ES 95% CI \\[[\\d,.]+, [\\d,.]+]\\)$");
    line("^  VaR / ES  99.0 % .*\\(no ES CI: too few tail losses, 3 < 10; needs 901\\+ paths\\)$");
    line("^  VaR / ES  99.9 % .*\\(no ES CI: too few tail losses, 1 < 10; needs 9,001\\+ paths\\)$");
  }

  /**
   * The figures that rest on fewer than 50 paths with bad debt are named: with 300 paths the
   * 99.9 % tail holds 1 path, the 99 % tail 3 (both have bad debt on this violent market).
   */
  @Test
  void figuresOnFewTailPathsAreNamed() {
    Matcher m = line("^  few tail paths +(.*): fewer than 50 paths with bad debt behind them.*$");
    assertTrue(m.group(1).contains("var_99/es_99 (3)") && m.group(1).contains("var_999/es_999 (1)"),
        m.group());
  }

  /**
   * Beyond statistics.exact-tail-max-values the tail is binned: each VaR and ES is printed with
   * its error bound (here 5 exact values for 300 paths: every level is binned).
   */
  @Test
  void aBinnedTailPrintsEachFigureWithItsBound() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"simulate", "--conf", dir.resolve("violent.conf").toString(),
        "--set", "statistics.exact-tail-max-values=5", "--out", dir.resolve("binned").toString(),
        "--master", "local[1]", "--progress-seconds", "0"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    String binned = out.toString(StandardCharsets.UTF_8);
    assertTrue(Pattern.compile("^  VaR / ES  95.0 %    [\\d,.]+ \\+- [\\d,.]+ / [\\d,.]+ \\+- [\\d,.]+ USD",
        Pattern.MULTILINE).matcher(binned).find(), binned);
    assertTrue(!console.contains("+-"), "the exact tail prints no bound:\n" + console);
  }
  /**
   * A Dutch-auction run prints its auctions: every bark is a liquidation, so the auctions started
   * are the liquidations executed; the fixed bonus prints no such line.
   */
  @Test
  void aDutchAuctionRunPrintsItsAuctions() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"simulate", "--conf", dir.resolve("violent.conf").toString(),
        "--set", "protocol.incentive.model=dutch-auction", "--out", dir.resolve("auction").toString(),
        "--master", "local[1]", "--progress-seconds", "0"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    String auction = out.toString(StandardCharsets.UTF_8);
    Matcher started = Pattern.compile("^  dutch auctions      ([\\d,]+) started, [\\d,]+ reset,"
        + " [\\d,]+ takes, [\\d,]+ barks throttled by hole; keeper incentives [\\d,.]+ USD per"
        + " path \\(in the bad debt\\)$", Pattern.MULTILINE).matcher(auction);
    assertTrue(started.find(), auction);
    Matcher executed = Pattern.compile("^  liquidations        ([\\d,]+) executed",
        Pattern.MULTILINE).matcher(auction);
    assertTrue(executed.find(), auction);
    assertTrue(count(started.group(1)) > 0, auction);
    assertEquals(count(executed.group(1)), count(started.group(1)), auction);
    assertTrue(!console.contains("dutch auctions"), console);
  }
}
