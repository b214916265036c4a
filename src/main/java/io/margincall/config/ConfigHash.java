package io.margincall.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The config hash: sha256 of the model settings as the model uses them (sorted {@code key=value}
 * lines of typed values: {@code "12"} and {@code 12} hash alike; delays as whole steps) and of the
 * content of every input file. Run name, partition count, file paths and the sweep, output,
 * statistics and faults sections are left out, as they do not change a path's outcome (the
 * statistics section chooses how the tail is summarized, which the summary states itself).
 */
public final class ConfigHash {
  /** Keys that do not change a point's results. */
  private static final Set<String> NOT_HASHED = Set.of("run.name", "run.partitions", "accounts.file",
      "price.series.file");
  /** Sections that do not change a point's results. */
  private static final List<String> NOT_HASHED_SECTIONS = List.of("faults.", "sweep.", "output.",
      "statistics.");

  private ConfigHash() {}

  /**
   * The hash of the settings read, sorted by key, and of the input files (null when unused).
   */
  static String of(Map<String, String> canonical, Path accountFile, Path seriesFile) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(canonical).entrySet()) {
        if (NOT_HASHED.contains(e.getKey())
            || NOT_HASHED_SECTIONS.stream().anyMatch(e.getKey()::startsWith)) {
          continue;
        }
        update(sha, e.getKey() + "=" + e.getValue());
      }
      if (accountFile != null) {
        update(sha, "accounts.file.sha256=" + sha256(accountFile));
      }
      if (seriesFile != null) {
        update(sha, "price.series.file.sha256=" + sha256(seriesFile));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest sha, String line) {
    sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The sha256 of a file's bytes, hex. */
  public static String sha256(Path file) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new ConfigError(file + ": cannot read: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
