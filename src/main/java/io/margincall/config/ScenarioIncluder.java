package io.margincall.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code include}s of one scenario file. Typesafe Config's own includer resolves a relative
 * include against the including file's folder only when the file was named with a folder (a
 * scenario named {@code top.conf} loses its includes), ignores a missing include, reads any file
 * and fetches URLs. A scenario cannot be silently wrong and must never open a network connection,
 * so here an include is a file, resolved against the folder of the file that includes it
 * ({@code file("x")} too), that must exist and lie inside the scenario's folder or a folder the
 * user allowed; anything else is a {@link ConfigError} naming the file and line of the include.
 * One includer per file parsed, so that it knows which file its includes are in.
 */
final class ScenarioIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL,
    ConfigIncluderClasspath {
  /** Includes nested deeper than this are a cycle (Typesafe Config's own limit is 50). */
  private static final int MAX_DEPTH = 50;
  private static final List<String> EXTENSIONS = List.of(".conf", ".json", ".properties");

  /** The file whose includes this resolves, as the user named it; null for a --set option. */
  private final Path including;
  /** Real paths of the folders includes may come from: the scenario's, then the allowed ones. */
  private final List<Path> roots;
  private final int depth;

  private ScenarioIncluder(Path including, List<Path> roots, int depth) {
    this.including = including;
    this.roots = roots;
    this.depth = depth;
  }

  /** Parse options for the scenario file itself, includes allowed from {@code allowed} too. */
  static ConfigParseOptions forScenario(Path scenarioFile, List<Path> allowed) {
    List<Path> roots = new ArrayList<>();
    roots.add(realFolder(scenarioFile.toAbsolutePath().getParent(), "the scenario's folder"));
    for (Path dir : allowed) {
      roots.add(realFolder(dir, "--allow-includes-from " + dir));
    }
    return options(new ScenarioIncluder(scenarioFile, List.copyOf(roots), 0));
  }

  /** Parse options for a {@code --set} option: it may include nothing. */
  static ConfigParseOptions forOverride(String override) {
    return options(new ScenarioIncluder(null, List.of(), 0)).setOriginDescription("--set " + Redaction.override(override));
  }

  private static ConfigParseOptions options(ScenarioIncluder includer) {
    return ConfigParseOptions.defaults().setAllowMissing(false).setIncluder(includer);
  }

  private static Path realFolder(Path dir, String what) {
    try {
      Path real = dir.toRealPath();
      if (Files.isDirectory(real)) {
        return real;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new ConfigError(what + ": " + dir + " is not an existing folder");
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    return this;  // never Typesafe Config's own: it would read what this refuses
  }

  /** {@code include "x"}: a URL if it reads as one (refused), else a file. */
  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    if (what.matches("(?i)[a-z][a-z0-9+.-]+:.*") && !what.matches("(?i)[a-z]:[\\\\/].*")) {
      throw refused("\"" + what + "\"", what, "a scenario may not include a URL (it never opens"
          + " a network connection); save the file in the scenario's folder and include it by name");
    }
    return file("\"" + what + "\"", what, Path.of(what));
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    return file("file(\"" + what + "\")", what.toString(), what.toPath());
  }

  @Override
  public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
    // The URL object was only parsed by Typesafe Config; nothing here opens it.
    throw refused("url(\"" + what + "\")", what.toString(), "a scenario may not include a URL (it"
        + " never opens a network connection); save the file in the scenario's folder and"
        + " include it by name");
  }

  @Override
  public ConfigObject includeResources(ConfigIncludeContext context, String what) {
    throw refused("classpath(\"" + what + "\")", what, "a scenario may include only files;"
        + " every default is in reference.conf already");
  }

  private ConfigObject file(String shown, String name, Path path) {
    if (including == null) {
      throw refused(shown, name, "a --set option may not include files");
    }
    if (depth >= MAX_DEPTH) {
      throw refused(shown, name, "includes nested " + MAX_DEPTH + " deep: an include cycle?");
    }
    Path folder = including.getParent() == null ? Path.of("") : including.getParent();
    Path target = folder.resolve(path).normalize();
    List<Path> found = new ArrayList<>();
    if (Files.isRegularFile(target)) {
      found.add(target);
    } else if (EXTENSIONS.stream().noneMatch(target.toString()::endsWith)) {
      // As Typesafe Config: include "x" means x.conf, x.json and x.properties, whichever exist.
      for (String ext : EXTENSIONS) {
        Path candidate = target.resolveSibling(target.getFileName() + ext);
        if (Files.isRegularFile(candidate)) {
          found.add(candidate);
        }
      }
    }
    if (found.isEmpty()) {
      throw refused(shown, name, Files.isDirectory(target) ? target + " is a folder, not a file"
          : "no such file: " + target.toAbsolutePath());
    }
    for (Path f : found) {
      checkInside(shown, name, f);
    }
    ConfigParseOptions child = options(new ScenarioIncluder(found.get(0), roots, depth + 1));
    try {
      return found.size() == 1 && found.get(0).equals(target)
          ? ConfigFactory.parseFile(target.toFile(), child).root()
          : ConfigFactory.parseFileAnySyntax(target.toFile(), child).root();
    } catch (ConfigException e) {
      throw new ConfigError(found.get(0) + ": cannot parse: " + e.getMessage(), e);
    }
  }

  private void checkInside(String shown, String name, Path file) {
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      throw refused(shown, name, "cannot read " + file + ": " + e.getMessage());
    }
    if (roots.stream().noneMatch(real::startsWith)) {
      throw refused(shown, name, real + " is outside the scenario's folder " + roots.get(0)
          + "; a scenario includes files in its folder and below, unless the command line"
          + " allows another folder with --allow-includes-from DIR");
    }
  }

  /** The error for an include: {@code file:line: include <shown>: why}. */
  private ConfigError refused(String shown, String name, String why) {
    String where = including == null ? "" : including + lineOf(including, name) + ": ";
    return new ConfigError(where + "include " + shown + ": " + why);
  }

  /**
   * {@code ":line"} of the first include of {@code name} in {@code file}, or "" if not found:
   * Typesafe Config does not tell an includer which line it is on.
   */
  private static String lineOf(Path file, String name) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        int include = line.indexOf("include");
        if (include >= 0 && line.indexOf("\"" + name + "\"", include) > 0
            && !line.stripLeading().startsWith("#") && !line.stripLeading().startsWith("//")) {
          return ":" + (i + 1);
        }
      }
    } catch (IOException e) {
      // no line then: the file name still says where
    }
    return "";
  }
}
