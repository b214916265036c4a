package io.margincall.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of the code that is running, baked into the jar at build time. */
public final class BuildInfo {
  private BuildInfo() {}

  /**
   * {@code <version>+<git commit>}, with {@code .dirty} if the build had uncommitted changes;
   * {@code <version>+unknown} when built outside git.
   */
  public static String codeVersion() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    String version = clean(p.getProperty("version"), "unknown");
    String commit = clean(p.getProperty("commit"), "unknown");
    boolean dirty = "true".equals(p.getProperty("dirty"));
    return version + "+" + commit + (dirty ? ".dirty" : "");
  }

  private static String clean(String value, String fallback) {
    return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
  }
}
