package io.margincall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that cannot be silently wrong, from the command line: exit 2, a message, no output. */
class InputChecksTest {
  @TempDir
  Path dir;

  private static CommandResult run(String... args) {
    return CommandResult.of(args);
  }

  @Test
  void aBadIncludeExitsTwoAndWritesNothing() throws IOException {
    Path out = dir.resolve("out");
    Path top = Files.writeString(dir.resolve("top.conf"), "run.paths = 10\ninclude \"base.conf\"\n");
    for (String command : List.of("simulate", "sweep")) {
      CommandResult r = run(command, "--conf", top.toString(), "--out", out.toString());
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains("top.conf:2: include \"base.conf\": no such file"), r.err());
      assertFalse(Files.exists(out), "nothing may be written");
    }
  }

  @Test
  void includesFromAnotherFolderNeedTheOption() throws IOException {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.writeString(shared.resolve("base.conf"), "run.seed = 5\n");
    Path scenario = Files.createDirectories(dir.resolve("scenario"));
    Files.writeString(scenario.resolve("top.conf"), "include \"../shared/base.conf\"\n");
    CommandResult r = run("simulate", "--conf", scenario.resolve("top.conf").toString(), "--out",
        dir.resolve("out").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("is outside the scenario's folder"), r.err());
    RunCommand.Options o = RunCommand.parse(new String[] {"--conf", "top.conf",
        "--allow-includes-from", shared.toString(), "--allow-includes-from", "x"}, false);
    assertEquals(List.of(shared, Path.of("x")), o.includesFrom());
  }

  @Test
  void anUnknownSetKeyNamingASecretIsNotEchoedToStderr() throws IOException {
    Path file = Files.writeString(dir.resolve("s.conf"), "run.paths = 10\n");
    CommandResult r = run("simulate", "--conf", file.toString(), "--set", "password=hunter2-s3cr3t",
        "--out", dir.resolve("out").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--set password=*********(redacted): unknown key 'password'"), r.err());
    assertFalse((r.out() + r.err()).contains("hunter2-s3cr3t"), r.err());
  }

  /** The resolved config stored in an output row, read back from the Parquet the run wrote. */
  @Test
  void theConfigStoredInAnOutputRowHasNoSecret() throws IOException {
    Path file = Files.writeString(dir.resolve("s.conf"), "run { paths = 20, name = redaction }\n"
        + "time.horizon = 3600\nsweep.baseline.api-token = \"hunter2-s3cr3t\"\n");
    Path out = dir.resolve("out");
    CommandResult r = run("simulate", "--conf", file.toString(), "--out", out.toString(),
        "--master", "local[1]", "--progress-seconds", "0");
    assertEquals(0, r.code(), r.err());
    List<Path> parts;
    try (Stream<Path> files = Files.walk(out.resolve("summary"))) {
      parts = files.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
    assertFalse(parts.isEmpty(), "no summary written");
    int rows = 0;
    for (Path part : parts) {
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
          new org.apache.hadoop.fs.Path(part.toUri())).withConf(new Configuration()).build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          String config = g.getString("config", 0);
          assertTrue(config.contains("api-token=\"*********(redacted)\""), config);
          assertFalse(config.contains("hunter2-s3cr3t"), config);
          rows++;
        }
      }
    }
    assertEquals(1, rows);
  }
}
