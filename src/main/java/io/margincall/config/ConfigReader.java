package io.margincall.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoublePredicate;

/**
 * Reads typed, range-checked values from a resolved scenario config, for the section records.
 * Every value read is also recorded, typed as the model uses it, in the canonical map the config
 * hash covers. A failure is a {@link ConfigError} naming the origin, the key, the value and what
 * is allowed.
 */
final class ConfigReader {
  private final Config config;
  /** Every setting read, as the model uses it (typed, rounded), for the config hash. */
  private final Map<String, String> canonical = new TreeMap<>();

  ConfigReader(Config config) {
    this.config = config;
  }

  /** The settings read so far, by key, as the config hash covers them. */
  Map<String, String> canonical() {
    return Collections.unmodifiableMap(canonical);
  }

  /**
   * Leaves the settings read so far under {@code prefix} out of the hash: a mechanism switched
   * off changes no result, so its switch does not change the hash either.
   */
  void forget(String prefix) {
    canonical.keySet().removeIf(k -> k.startsWith(prefix));
  }

  /** Records a setting the reader's typed getters do not cover (a list, a matrix). */
  void canonical(String key, String value) {
    canonical.put(key, value);
  }

  /** Where a value came from: {@code file:line}, or the {@code --set} option that gave it. */
  static String origin(ConfigOrigin origin) {
    if (origin.filename() != null) {
      return origin.filename() + (origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "");
    }
    // A --set value's description is "--set key=value: <line>"; the line adds nothing.
    return origin.description().replaceFirst(": \\d+$", "");
  }

  /** The value at {@code key}, a NULL value included (getValue() throws on those). */
  ConfigValue raw(String key) {
    ConfigValue v = config.root();
    for (String part : ConfigUtil.splitPath(key)) {
      v = ((com.typesafe.config.ConfigObject) v).get(part);
    }
    return v;
  }

  /** The value at {@code key}, checked not to be null. */
  ConfigValue present(String key, String allowed) {
    ConfigValue v = raw(key);
    if (v.valueType() == ConfigValueType.NULL) {
      throw invalid(key, allowed);
    }
    return v;
  }

  /** The error for the value at {@code key}: it must be {@code allowed}. */
  ConfigError invalid(String key, String allowed) {
    ConfigValue value = raw(key);
    return new ConfigError(origin(value.origin()) + ": " + key + " = "
        + Redaction.value(key, value) + ": must be " + allowed);
  }

  double number(String key, DoublePredicate ok, String allowed) {
    present(key, allowed);
    double v;
    try {
      v = config.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw invalid(key, allowed);
    }
    if (!Double.isFinite(v) || !ok.test(v)) {
      throw invalid(key, allowed);
    }
    canonical.put(key, Double.toString(v));
    return v;
  }

  long integer(String key, long min, long max) {
    String allowed = "an integer in [" + min + ", " + max + "]";
    ConfigValue value = present(key, allowed);
    if (value.valueType() != ConfigValueType.NUMBER && value.valueType() != ConfigValueType.STRING) {
      throw invalid(key, allowed);
    }
    long v;
    try {
      Number n = config.getNumber(key);
      if (!(n instanceof Integer || n instanceof Long)) {
        throw invalid(key, allowed);
      }
      v = n.longValue();
    } catch (ConfigException.WrongType e) {
      throw invalid(key, allowed);
    }
    if (v < min || v > max) {
      throw invalid(key, allowed);
    }
    canonical.put(key, Long.toString(v));
    return v;
  }

  boolean bool(String key) {
    if (present(key, "true or false").valueType() != ConfigValueType.BOOLEAN) {
      throw invalid(key, "true or false");
    }
    canonical.put(key, Boolean.toString(config.getBoolean(key)));
    return config.getBoolean(key);
  }

  String string(String key) {
    ConfigValue value = present(key, "a string");
    if (value.valueType() != ConfigValueType.STRING) {
      throw invalid(key, "a string");
    }
    canonical.put(key, config.getString(key));
    return config.getString(key);
  }

  String choice(String key, String... allowed) {
    ConfigValue value = present(key, "one of " + String.join(", ", allowed));
    String v = value.valueType() == ConfigValueType.STRING ? config.getString(key) : null;
    for (String a : allowed) {
      if (a.equals(v)) {
        canonical.put(key, v);
        return v;
      }
    }
    throw invalid(key, "one of " + String.join(", ", allowed));
  }

  /** {@code seconds} as a whole number of time steps; the hash records the steps. */
  long multipleOfStep(String key, double seconds, double stepSeconds) {
    return multipleOfStep(key, seconds, stepSeconds, "");
  }

  /**
   * As {@link #multipleOfStep(String, double, double)}; an error names {@code usedBy}, the
   * mechanism switch that makes the run use the key ("" for a key every run uses).
   */
  long multipleOfStep(String key, double seconds, double stepSeconds, String usedBy) {
    double ratio = seconds / stepSeconds;
    double rounded = Math.rint(ratio);
    if (Math.abs(ratio - rounded) > 1e-9 * Math.max(1, ratio)) {
      throw invalid(key, "a multiple of time.step (" + stepSeconds + " s)" + usedBy(usedBy));
    }
    // Hash what the model uses: the whole number of steps.
    canonical.put(key, "steps:" + (long) rounded);
    return (long) rounded;
  }

  /**
   * A duration of a mechanism that may be off: checked to be a multiple of the step only when
   * {@code used} (a run with daily steps need not fix the durations of mechanisms it does not
   * model). Unused, the hash records the steps as before when they are whole, else the seconds.
   */
  long stepsIfUsed(String key, double seconds, double stepSeconds, boolean used, String usedBy) {
    if (used) {
      return multipleOfStep(key, seconds, stepSeconds, usedBy);
    }
    double ratio = seconds / stepSeconds;
    double rounded = Math.rint(ratio);
    boolean whole = Math.abs(ratio - rounded) <= 1e-9 * Math.max(1, ratio);
    canonical.put(key, whole ? "steps:" + (long) rounded : "seconds:" + seconds);
    return (long) rounded;
  }

  /** {@code " while <switch>"}: the mechanism a key belongs to, for an error. */
  static String usedBy(String mechanism) {
    return mechanism.isEmpty() ? "" : " while " + mechanism;
  }

  /** An ISO-8601 instant or "", as given (checked here, parsed by the factory). */
  String instant(String key) {
    String v = string(key);
    if (!v.isEmpty()) {
      try {
        java.time.Instant.parse(v);
      } catch (java.time.format.DateTimeParseException e) {
        throw invalid(key, "an ISO-8601 UTC instant like \"2020-03-12T00:00:00Z\", or \"\"");
      }
    }
    return v;
  }

  /**
   * An existing input file, {@code kind} (for a message: "a CSV or Parquet account book"); a
   * relative path is resolved against the folder of its origin.
   */
  Path inputFile(String key, String file, String allowed, String kind) {
    if (file.isBlank()) {
      throw invalid(key, allowed);
    }
    Path path = Path.of(file);
    String from = config.getValue(key).origin().filename();
    if (!path.isAbsolute() && from != null) {
      Path parent = Path.of(from).toAbsolutePath().getParent();
      path = parent == null ? path : parent.resolve(path);
    }
    if (Files.isDirectory(path)) {
      throw invalid(key, "a file, not a folder: " + path + " is a folder; name " + kind + " in it");
    }
    if (!Files.exists(path)) {
      throw invalid(key, "an existing file; " + path + " does not exist");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw invalid(key, "a readable regular file; " + path + " is not one");
    }
    return path;
  }
}
