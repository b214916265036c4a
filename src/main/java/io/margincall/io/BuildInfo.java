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
    // Absolute: the build writes it under io/margincall/, not next to this class (io/margincall/io/).
    try (InputStream in = BuildInfo.class.getResourceAsStream("/io/margincall/build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return format(p.getProperty("version"), p.getProperty("commit"), p.getProperty("dirty"));
  }

  /** The code version from the recorded properties; unset or unfiltered ones read "unknown". */
  static String format(String version, String commit, String dirty) {
    return clean(version, "unknown") + "+" + clean(commit, "unknown")
        + ("true".equals(dirty) ? ".dirty" : "");
  }

  private static String clean(String value, String fallback) {
    return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
  }
}
