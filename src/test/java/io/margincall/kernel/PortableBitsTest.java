package io.margincall.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Results do not depend on how the CPU or the JDK build computes exp, log, log10 and pow (issue
 * 19): the golden runs, computed in a JVM where those are not the JIT's intrinsics (each falls
 * back to {@code StrictMath}, as another CPU or JDK build may compute them differently from this
 * one), give the committed bits that {@link GoldenSummaryTest} checks with the intrinsics on.
 *
 * <p>That the switch took effect is checked too: the child reports whether {@code Math} and
 * {@code StrictMath} agree on a sample of arguments after the JIT has compiled the loop. With the
 * intrinsics on, this x86-64 JDK 17 differs from StrictMath on about 10 % of exp and pow
 * arguments, 3 % of log and 7 % of log10.
 */
class PortableBitsTest {
  static final List<String> NO_INTRINSICS = List.of("-XX:+UnlockDiagnosticVMOptions",
      "-XX:DisableIntrinsic=_dexp,_dlog,_dlog10,_dpow");
  private static final String RUN = "=== golden ";

  @Test
  void goldensHaveTheSameBitsWithoutTheMathIntrinsics() throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(NO_INTRINSICS);
    command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "-Dmargincall.basedir=" + GoldenRun.ROOT.toAbsolutePath(),
        PortableBitsTest.class.getName()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    child.waitFor(5, TimeUnit.MINUTES);
    assertEquals(0, child.exitValue(), out);
    String[] parts = out.split(RUN);
    assertEquals("math-differs-from-strictmath 0 of " + SAMPLE + "\n", parts[0],
        "the child's Math must be StrictMath (with the intrinsics on, here: "
            + mathDiffersFromStrictMath() + " of " + SAMPLE + ")");
    assertEquals(GoldenRun.ALL.size() + 1, parts.length, out);
    for (int i = 0; i < GoldenRun.ALL.size(); i++) {
      GoldenRun run = GoldenRun.ALL.get(i);
      assertEquals(run.name() + "\n" + run.committed(), parts[i + 1],
          run.name() + " without the intrinsics");
    }
  }

  /** The child: whether the switch took effect, then each golden run's bits. */
  public static void main(String[] args) throws IOException {
    StringBuilder out = new StringBuilder("math-differs-from-strictmath ")
        .append(mathDiffersFromStrictMath()).append(" of ").append(SAMPLE).append('\n');
    for (GoldenRun run : GoldenRun.ALL) {
      out.append(RUN).append(run.name()).append('\n').append(run.fingerprint());
    }
    System.out.print(out);
  }

  private static final int SAMPLE = 400_000;

  /**
   * Of {@link #SAMPLE} arguments, how many give Math's exp, log, log10 or pow other bits than
   * StrictMath's; counted on the last of several passes, so the JIT has compiled the loop.
   */
  static int mathDiffersFromStrictMath() {
    int differ = 0;
    for (int pass = 0; pass < 5; pass++) {
      SplittableRandom rng = new SplittableRandom(19);
      differ = 0;
      for (int i = 0; i < SAMPLE / 4; i++) {
        double x = (rng.nextDouble() - 0.5) * 20;
        double y = rng.nextDouble() * 100;
        differ += Math.exp(x) != StrictMath.exp(x) ? 1 : 0;
        differ += Math.log(y) != StrictMath.log(y) ? 1 : 0;
        differ += Math.log10(y) != StrictMath.log10(y) ? 1 : 0;
        differ += Math.pow(y, x) != StrictMath.pow(y, x) ? 1 : 0;
      }
    }
    return differ;
  }
}
