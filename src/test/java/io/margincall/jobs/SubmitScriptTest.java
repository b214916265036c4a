package io.margincall.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jobs/submit.sh (and jobs/nightly-sweep.sh through it) with a fake spark-submit on PATH that
 * records its arguments: what would be submitted, or that nothing is.
 */
class SubmitScriptTest {
  private static final Path ROOT =
      Path.of(System.getProperty("margincall.basedir", ".")).toAbsolutePath();

  @TempDir
  Path dir;
  private Path recorded;
  private Path jar;

  record Result(int exit, String output, List<String> submitted) {}

  @BeforeEach
  void fakeSparkSubmit() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path fake = bin.resolve("spark-submit");
    Files.writeString(fake, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"$FAKE_SUBMIT_ARGS\"\n");
    assertTrue(fake.toFile().setExecutable(true));
    recorded = dir.resolve("submitted.txt");
    jar = Files.writeString(dir.resolve("margincall-cluster.jar"), "not a jar");
  }

  private Result run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().remove("SPARK_HOME");
    pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_SUBMIT_ARGS", recorded.toString());
    pb.environment().put("MARGINCALL_CLUSTER_JAR", jar.toString());
    pb.environment().putAll(env);
    Files.deleteIfExists(recorded);  // what an earlier call of the same test submitted
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    List<String> submitted = Files.exists(recorded) ? Files.readAllLines(recorded) : null;
    return new Result(p.exitValue(), out, submitted);
  }

  private Result submit(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("jobs/submit.sh").toString()));
    command.addAll(Arrays.asList(args));
    return run(Map.of(), command.toArray(String[]::new));
  }

  /** The margincall arguments: what follows the jar. */
  private List<String> appArgs(Result r) {
    assertEquals(0, r.exit(), r.output());
    int at = r.submitted().indexOf(jar.toString());
    assertTrue(at >= 0, "no jar in " + r.submitted());
    return r.submitted().subList(at + 1, r.submitted().size());
  }

  /** The files shipped with --files. */
  private static List<String> shipped(Result r) {
    int at = r.submitted().indexOf("--files");
    return at < 0 ? List.of() : List.of(r.submitted().get(at + 1).split(","));
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"simulate", "sweep"})
  void everyRunCommandIsSubmitted(String command) throws Exception {
    String conf = ROOT.resolve("conf/sweep-delay-bonus.conf").toString();
    Result r = submit("--master", "spark://127.0.0.1:7077", "--conf", "spark.ui.enabled=false",
        "--verbose", command, "--conf", conf, "--out", "out");
    assertEquals(List.of(command, "--conf", conf, "--out", "out"), appArgs(r));
    assertTrue(r.submitted().containsAll(List.of("--master", "spark://127.0.0.1:7077",
        "--conf", "spark.ui.enabled=false", "--verbose", "--class", "io.margincall.cli.Main")),
        r.submitted().toString());
  }

  @Test
  void compareIsSubmitted() throws Exception {
    assertEquals(List.of("compare", "a", "b"), appArgs(submit("--master", "yarn", "compare", "a", "b")));
  }

  @Test
  void noCommandIsABadCommandLine() throws Exception {
    Result r = submit("--master", "yarn");
    assertEquals(2, r.exit(), r.output());
    assertTrue(r.output().contains("no margincall command"), r.output());
    assertEquals(null, r.submitted());
  }

  /** The README's recipe: MARGINCALL_SUBMIT="jobs/submit.sh ..." jobs/nightly-sweep.sh. */
  @Test
  void theNightlySweepRunsThroughSubmit() throws Exception {
    Result r = run(Map.of("MARGINCALL_SUBMIT", ROOT.resolve("jobs/submit.sh") + " --master yarn"),
        ROOT.resolve("jobs/nightly-sweep.sh").toString(), "--date", "2026-01-02",
        "--out", dir.resolve("out").toString(), "--log-dir", dir.resolve("logs").toString(),
        "--no-report", "--", "--set", "run.paths=500");
    assertEquals(0, r.exit(), r.output() + Files.readString(dir.resolve("logs/nightly-sweep-2026-01-02.log")));
    List<String> app = appArgs(r);
    assertEquals("sweep", app.get(0));
    assertTrue(String.join(" ", app).contains("--run-date 2026-01-02 --job nightly --replace"), app.toString());
    assertTrue(app.containsAll(List.of("--set", "run.paths=500")), app.toString());
  }

  /** In cluster deploy mode the driver reads the scenario from its working directory. */
  @Test
  void clusterModeShipsEveryIncludedFile() throws Exception {
    Path top = write("scenario/top.conf", "include \"mid\"   # extension-less, as HOCON allows\n"
        + "run.seed = 3\n# include \"commented-out.conf\"\n");
    Path mid = write("scenario/mid.conf", "price { include required(file(\"base.conf\")) }\n");
    Path base = write("scenario/base.conf", "include \"top.conf\"\nrun.name = \"include \\\"no\\\"\"\n");
    Result r = submit("--master", "yarn", "--deploy-mode", "cluster", "--files", "/etc/hostname",
        "simulate", "--conf", top.toString());
    assertEquals(List.of("simulate", "--conf", "top.conf"), appArgs(r));
    assertEquals(new TreeSet<>(List.of("/etc/hostname", top.toString(), mid.toString(), base.toString())),
        new TreeSet<>(shipped(r)));
    assertEquals(1, r.submitted().stream().filter("--files"::equals).count(), r.submitted().toString());
  }

  /**
   * On a standalone master the cluster-mode driver gets no --files in its working directory: the
   * scenario goes by its absolute path, read in place with its includes (a shared file system),
   * and a missing include still stops the submission.
   */
  @Test
  void standaloneClusterModeReadsTheScenarioInPlace() throws Exception {
    write("scenario/common/base.conf", "run.seed = 4\n");
    write("scenario/nested.conf", "include \"common/base.conf\"\n");
    Path top = write("scenario/top.conf", "include \"nested.conf\"\n");
    Result r = submit("--master", "spark://127.0.0.1:7077", "--deploy-mode", "cluster",
        "simulate", "--conf", top.toString());
    assertEquals(List.of("simulate", "--conf", top.toAbsolutePath().toString()), appArgs(r));
    assertEquals(List.of(), shipped(r));

    write("scenario/nested.conf", "include \"common/missing.conf\"\n");
    r = submit("--master=spark://127.0.0.1:7077", "--deploy-mode=cluster", "simulate", "--conf",
        top.toString());
    assertEquals(2, r.exit(), r.output());
    assertTrue(r.output().contains("nested.conf:1: include \"common/missing.conf\": no such file"),
        r.output());
    assertEquals(null, r.submitted(), "nothing may be submitted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"include \"common/base.conf\"", "include file(\"/etc/margincall/base.conf\")",
      "include \"missing.conf\""})
  void clusterModeRefusesAnIncludeItCannotShipBeforeSubmitting(String include) throws Exception {
    write("scenario/common/base.conf", "run.seed = 4\n");
    write("scenario/nested.conf", "run.seed = 5\n" + include + "\n");
    Path top = write("scenario/top.conf", "include \"nested.conf\"\n");
    String path = include.replaceAll(".*\"(.*)\".*", "$1");
    for (String mode : List.of("--deploy-mode=cluster", "--conf=spark.submit.deployMode=cluster")) {
      Result r = submit("--master", "yarn", mode, "sweep", "--conf", top.toString());
      assertEquals(2, r.exit(), r.output());
      assertTrue(r.output().contains("nested.conf:2: include \"" + path + "\""), r.output());
      assertEquals(null, r.submitted(), "nothing may be submitted");
    }
    // In client mode the driver reads the scenario where it is.
    Result client = submit("--master", "yarn", "sweep", "--conf", top.toString());
    assertEquals(List.of("sweep", "--conf", top.toString()), appArgs(client));
  }

  /** The Kubernetes examples name a Spark image of the version the jar is built against. */
  @Test
  void kubernetesImageMatchesTheSparkVersionOfTheBuild() throws IOException {
    Matcher v = Pattern.compile("<spark.version>([^<]+)</spark.version>")
        .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertTrue(v.find());
    int images = 0;
    for (String file : List.of("README.md", "jobs/submit.sh")) {
      Matcher image = Pattern.compile("apache/spark:([0-9.]+)").matcher(Files.readString(ROOT.resolve(file)));
      while (image.find()) {
        images++;
        assertEquals(v.group(1), image.group(1), file + ": " + image.group());
      }
    }
    assertFalse(images == 0, "no Kubernetes image named");
  }
}
