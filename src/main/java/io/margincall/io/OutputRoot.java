package io.margincall.io;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The output root ({@code --out}), checked before Spark starts: a root the run cannot write to
 * would otherwise be found only when the tables are written, after the whole simulation.
 *
 * <p>Only a local root (a path, or a {@code file:} URI) is checked here; a root on another file
 * system ({@code hdfs://}, {@code s3a://}, ...) is reached through the cluster's Hadoop
 * configuration, which exists only once Spark runs.
 */
public final class OutputRoot {
  private OutputRoot() {}

  /**
   * Throws an {@link InputError} naming {@code option} and the path if {@code root} is local and
   * cannot hold the output tables: it exists and is not a writable folder, or the nearest
   * existing folder above it is a file or cannot be written to.
   */
  public static void check(String option, String root) {
    Path path = localPath(root);
    if (path == null) {
      return;
    }
    Path absolute = path.toAbsolutePath().normalize();
    if (Files.exists(absolute)) {
      if (!Files.isDirectory(absolute)) {
        throw new InputError(option + " " + root + ": exists and is not a folder; the output root"
            + " must be a folder (it is created if missing)");
      }
      if (!Files.isWritable(absolute)) {
        throw new InputError(option + " " + root + ": the folder is not writable by this user");
      }
      return;
    }
    Path parent = absolute.getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent == null) {
      return;  // nothing of the path exists, not even its root: let the file system say why
    }
    if (!Files.isDirectory(parent)) {
      throw new InputError(option + " " + root + ": cannot be created: " + parent
          + " is a file, not a folder");
    }
    if (!Files.isWritable(parent)) {
      throw new InputError(option + " " + root + ": cannot be created: the folder " + parent
          + " is not writable by this user");
    }
  }

  /** The local path of {@code root}, or null if it names another file system. */
  private static Path localPath(String root) {
    if (!root.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
      return Path.of(root);
    }
    try {
      URI uri = new URI(root);
      return "file".equalsIgnoreCase(uri.getScheme()) && uri.getPath() != null
          ? Path.of(uri.getPath()) : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
