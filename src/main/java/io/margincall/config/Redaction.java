package io.margincall.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets kept out of messages (which land in scheduler logs) and out of the resolved config
 * stored in every output row: the value of a key matching Spark's default
 * {@code spark.redaction.regex} is replaced by Spark's replacement text (in messages also a
 * value that matches it, as Spark does; the stored config keeps such values, file paths among
 * them, for provenance). The config hash is not
 * affected: it is computed from the values the model reads, never from this text.
 */
public final class Redaction {
  /** Spark's default {@code spark.redaction.regex}. */
  static final Pattern SECRET = Pattern.compile("(?i)secret|password|token|access[.]key");
  /** Spark's replacement text. */
  public static final String REDACTED = "*********(redacted)";

  private Redaction() {}

  /** Whether a key (or text) names a secret. */
  static boolean isSecret(String text) {
    return SECRET.matcher(text).find();
  }

  /**
   * A {@code --set key=value} option as it may be shown: the value redacted when the option
   * names a secret anywhere (HOCON lets one option set several keys); without an '=' it is
   * all redacted.
   */
  static String override(String override) {
    if (!isSecret(override)) {
      return override;
    }
    int eq = override.indexOf('=');
    return eq < 0 ? REDACTED : override.substring(0, eq) + "=" + REDACTED;
  }

  /**
   * The value at {@code key} as shown in a message: rendered, or redacted when the key or (as
   * Spark does) the value names a secret.
   */
  static String value(String key, ConfigValue value) {
    String shown = value.render(ConfigRenderOptions.concise());
    return isSecret(key) || isSecret(shown) ? REDACTED : shown;
  }

  /** {@code config} with every value whose key path names a secret redacted. */
  static Config redact(Config config) {
    Config out = config;
    for (String path : secretPaths(config.root(), List.of())) {
      out = out.withValue(path, ConfigValueFactory.fromAnyRef(REDACTED));
    }
    return out;
  }

  private static List<String> secretPaths(ConfigObject object, List<String> prefix) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(e.getKey());
      String joined = ConfigUtil.joinPath(path);
      if (isSecret(e.getKey())) {
        out.add(joined);
      } else if (e.getValue().valueType() == ConfigValueType.OBJECT) {
        out.addAll(secretPaths((ConfigObject) e.getValue(), path));
      }
    }
    return out;
  }
}
