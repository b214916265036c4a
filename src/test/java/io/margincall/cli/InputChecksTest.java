package io.margincall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
