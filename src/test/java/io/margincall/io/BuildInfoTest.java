package io.margincall.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** code_version names the code that ran: the project version and the git commit it was built at. */
class BuildInfoTest {
  private static final Pattern VERSION = Pattern.compile("([^+]+)\\+([0-9a-f]{7,40})(\\.dirty)?");

  @Test
  void codeVersionIsTheBuildsVersionAndGitCommit() throws Exception {
    String codeVersion = BuildInfo.codeVersion();
    Matcher m = VERSION.matcher(codeVersion);
    assertTrue(m.matches(), "code_version " + codeVersion + ": expected <version>+<commit>[.dirty]");
    assertTrue(!m.group(1).contains("unknown") && !m.group(1).startsWith("${"), codeVersion);
    String head = gitHead();
    if (head != null) {  // built from a git checkout (a worktree too): the commit checked out
      assertTrue(head.startsWith(m.group(2)), "code_version " + codeVersion + " but HEAD is " + head);
    }
  }

  /** The full commit id checked out in the project directory, or null without git. */
  static String gitHead() throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("margincall.basedir", ".")).toAbsolutePath();
    Process git;
    try {
      git = new ProcessBuilder("git", "rev-parse", "--verify", "HEAD").directory(root.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException noGit) {
      return null;
    }
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(git.waitFor(30, TimeUnit.SECONDS));
    return git.exitValue() == 0 ? out : null;
  }

  @Test
  void unknownOutsideABuild() {
    assertEquals("0.1+unknown", BuildInfo.format("0.1", null, null));
    assertEquals("0.1+unknown", BuildInfo.format("0.1", "${git.commit.id.abbrev}", "${git.dirty}"));
    assertEquals("0.1+abc.dirty", BuildInfo.format("0.1", "abc", "true"));
  }
}
