package io.margincall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario's includes cannot be silently wrong: resolved against the including file's folder
 * however the scenario is named, a missing one or one outside the scenario's folder refused with
 * its file and line, a URL refused without a network connection.
 */
class ScenarioIncludeTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", "."));

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private ConfigError fails(Path scenario) {
    return assertThrows(ConfigError.class, () -> ScenarioSettings.load(scenario, List.of()));
  }

  /** {@code --conf top.conf} run from its folder: the include was dropped, seed 1 used. */
  @Test
  void aScenarioNamedWithoutAFolderKeepsItsIncludes() throws IOException {
    // Relative names resolve against the working directory, so the files go there, briefly.
    String name = "include-test-" + UUID.randomUUID();
    Path top = Path.of(name + ".conf");
    Path base = Path.of(name + "-base.conf");
    assertFalse(top.isAbsolute());
    assertEquals(null, top.getParent(), "named without a folder");
    try {
      Files.writeString(base, "run.seed = 4242\n");
      Files.writeString(top, "include \"" + base + "\"\nrun.paths = 10\n");
      ScenarioSettings s = ScenarioSettings.load(top, List.of());
      assertEquals(4242, s.run().seed());
      assertEquals(10, s.run().paths());
    } finally {
      Files.deleteIfExists(top);
      Files.deleteIfExists(base);
    }
  }

  @Test
  void includesInTheScenarioFolderAndBelowWorkAsBefore() throws IOException {
    write("common/book.conf", "include \"seed\"\naccounts.generated.count = 7\n");
    write("common/seed.conf", "run.seed = 99\n");
    write("common/seed.properties", "run.name = from-properties\n");
    ScenarioSettings s = ScenarioSettings.load(write("top.conf",
        "include \"common/book.conf\"\ninclude required(file(\"common/seed.conf\"))\n"), List.of());
    assertEquals(99, s.run().seed());
    assertEquals(7, s.accounts().generated().count());
    assertEquals("from-properties", s.run().name(), "include \"x\" reads x.conf and x.properties");
  }

  @Test
  void everyScenarioInConfStillLoads() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT.resolve("conf"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".conf")).toList()) {
        ScenarioSettings.load(f, List.of("run.paths=1"));
      }
    }
  }

  @Test
  void aMissingIncludeNamesTheFileAndLine() throws IOException {
    Path top = write("top.conf", "run.paths = 10\ninclude \"base.conf\"\n");
    ConfigError e = fails(top);
    assertTrue(e.getMessage().startsWith(top + ":2: include \"base.conf\": no such file: "
        + dir.resolve("base.conf")), e.getMessage());
    write("sub/mid.conf", "\n\ninclude file(\"gone.conf\")\n");
    e = fails(write("top.conf", "include \"sub/mid.conf\"\n"));
    assertTrue(e.getMessage().startsWith(dir.resolve("sub/mid.conf") + ":3: include file(\"gone.conf\")"
        + ": no such file"), e.getMessage());
  }

  @Test
  void anIncludeOutsideTheScenarioFolderIsRefusedUnlessAllowed() throws IOException {
    Path outside = Files.writeString(Files.createTempFile("outside", ".conf"), "run.seed = 5\n");
    try {
      Path top = write("top.conf", "include \"../../../../../../../../../etc/hostname\"\n");
      if (Files.isRegularFile(Path.of("/etc/hostname"))) {
        ConfigError e = fails(top);
        assertTrue(e.getMessage().startsWith(top + ":1: include \"../../../../../../../../../etc/hostname\": "
            + "/etc/hostname is outside the scenario's folder"), e.getMessage());
      }
      ConfigError e = fails(write("top.conf", "run.paths = 3\ninclude file(\"/etc/passwd\")\n"));
      assertTrue(e.getMessage().contains("top.conf:2: include file(\"/etc/passwd\"): /etc/passwd is"
          + " outside the scenario's folder"), e.getMessage());
      assertTrue(e.getMessage().contains("--allow-includes-from DIR"), e.getMessage());

      top = write("top.conf", "include \"" + outside + "\"\n");
      e = fails(top);
      assertTrue(e.getMessage().contains("is outside the scenario's folder"), e.getMessage());
      assertEquals(5, ScenarioSettings.load(top, List.of(), List.of(outside.getParent())).run().seed());
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void aLinkInsideTheFolderToAFileOutsideIsRefused() throws IOException {
    Path outside = Files.writeString(Files.createTempFile("outside", ".conf"), "run.seed = 5\n");
    try {
      Files.createSymbolicLink(dir.resolve("link.conf"), outside);
      ConfigError e = fails(write("top.conf", "include \"link.conf\"\n"));
      assertTrue(e.getMessage().contains("top.conf:1: include \"link.conf\": " + outside.toRealPath()
          + " is outside"), e.getMessage());
    } finally {
      Files.delete(outside);
    }
  }

  /** A local server records any connection: a URL include must be refused before one is made. */
  @Test
  void aUrlIncludeIsRefusedWithoutOpeningAConnection() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread accepting = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept()) {
            connections.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      });
      accepting.setDaemon(true);
      accepting.start();
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/base.conf";
      for (String include : List.of("include url(\"" + url + "\")", "include \"" + url + "\"",
          "include required(url(\"" + url + "\"))")) {
        ConfigError e = fails(write("top.conf", "run.paths = 3\n" + include + "\n"));
        assertTrue(e.getMessage().contains("top.conf:2: include "), e.getMessage());
        assertTrue(e.getMessage().contains("may not include a URL"), e.getMessage());
      }
      Thread.sleep(200);  // a connection made by the parse would be accepted by now
      assertEquals(0, connections.get(), "a scenario file made the tool open a connection");
    }
  }

  @Test
  void classpathIncludesAndIncludesInSetOptionsAreRefused() throws IOException {
    ConfigError e = fails(write("top.conf", "include classpath(\"reference.conf\")\n"));
    assertTrue(e.getMessage().contains("top.conf:1: include classpath(\"reference.conf\"): a scenario"
        + " may include only files"), e.getMessage());
    write("base.conf", "run.seed = 5\n");
    Path plain = write("plain.conf", "run.paths = 3\n");
    e = assertThrows(ConfigError.class, () -> ScenarioSettings.load(plain,
        List.of("run = { include \"" + dir.resolve("base.conf") + "\" }")));
    assertTrue(e.getMessage().contains("a --set option may not include files"), e.getMessage());
  }

  @Test
  void anIncludeCycleIsReported() throws IOException {
    write("a.conf", "include \"b.conf\"\n");
    write("b.conf", "include \"a.conf\"\n");
    ConfigError e = fails(dir.resolve("a.conf"));
    assertTrue(e.getMessage().contains("an include cycle?"), e.getMessage());
  }
}
