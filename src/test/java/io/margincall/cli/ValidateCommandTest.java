package io.margincall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.ScenarioSettings;
import io.margincall.config.SweepPlan;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code margincall validate}: the checks of a run, the hash and the config; no Spark. */
class ValidateCommandTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", ".")).toAbsolutePath();

  @TempDir
  Path dir;

  @Test
  void aValidScenarioPrintsItsHashAndItsRedactedConfig() throws IOException {
    Path file = Files.writeString(dir.resolve("s.conf"), "include \"base.conf\"\nrun.paths = 10\n"
        + "sweep.baseline.api-token = \"hunter2-s3cr3t\"\n");
    Files.copy(ROOT.resolve("conf/quickstart.conf"), dir.resolve("base.conf"));
    CommandResult r = CommandResult.of("validate", "--conf", file.toString(), "--set", "time.step=60");
    assertEquals(0, r.code(), r.err());
    String hash = ScenarioSettings.load(file, List.of("time.step=60")).configHash();
    assertTrue(r.out().contains("config_hash " + hash + "\n"), r.out());
    assertTrue(r.out().startsWith("margincall validate: " + file + " is valid: quickstart, seed"
        + " 20240312, 10 paths x 1,440 steps of 60 s"), r.out());
    assertTrue(r.out().contains("seed=20240312"), "the resolved config is printed: " + r.out());
    assertTrue(r.out().contains("api-token=\"*********(redacted)\""), r.out());
    assertFalse(r.out().contains("hunter2-s3cr3t"), r.out());
  }

  @Test
  void everySweepPointIsCheckedAndHashed() {
    Path conf = ROOT.resolve("conf/sweep-delay-bonus.conf");
    CommandResult r = CommandResult.of("validate", "--conf", conf.toString());
    assertEquals(0, r.code(), r.err());
    SweepPlan plan = SweepPlan.of(ScenarioSettings.load(conf, List.of()));
    for (SweepPlan.Point p : plan.points()) {
      assertTrue(r.out().contains("config_hash " + p.settings().configHash() + "  " + p.label()),
          r.out());
    }
    r = CommandResult.of("validate", "--conf", conf.toString(), "--set", "sweep.axes.oracle.delay=[0, 30]");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("oracle.delay = 30: must be a multiple of time.step"), r.err());
  }

  @Test
  void badInputExitsTwoNamingIt() throws IOException {
    Path file = Files.writeString(dir.resolve("s.conf"),
        "accounts { source = file, file = \"book.csv\" }\n");
    Files.writeString(dir.resolve("book.csv"), "account_id,collateral,debt\n\"acct-3,1,100\n");
    CommandResult r = CommandResult.of("validate", "--conf", file.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("book.csv:2: field 'account_id'"), "input files are read: " + r.err());
    assertEquals("", r.out());
    assertEquals(2, CommandResult.of("validate").code());
    assertEquals(2, CommandResult.of("validate", "--conf", file.toString(), "--out", "x").code());
    assertTrue(CommandResult.of("--help").out().contains("validate"));
  }

  /** Run in a JVM whose class path holds no Spark or Scala: validate must not need them. */
  @Test
  void validateStartsNoSpark() throws Exception {
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        // by file name: the checkout's own directory may be named after Spark
        .filter(e -> !Path.of(e).getFileName().toString().contains("spark")
            && !Path.of(e).getFileName().toString().contains("scala"))
        .collect(Collectors.joining(File.pathSeparator));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", classPath, "io.margincall.cli.Main",
        "validate", "--conf", ROOT.resolve("conf/quickstart.conf").toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("conf/quickstart.conf is valid"), output);
  }
}
