package io.margincall.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The layers of a scenario's config: {@code reference.conf} (namespace {@code margincall}) &lt;
 * scenario file &lt; {@code --set key=value}. Typesafe Config's own {@code checkValid} does not
 * report unknown keys, so every key the user gave is checked against the reference here, with
 * the nearest valid key suggested.
 */
final class ConfigLayers {
  private static final String NAMESPACE = "margincall";
  /** Sections whose keys are not reference keys: checked by {@link SweepPlan}. */
  private static final List<String> FREE_SECTIONS = List.of("sweep.axes.", "sweep.baseline.");
  /** reference.conf, parsed once (a sweep builds settings for every point). */
  private static final Config REFERENCE = ConfigFactory.parseResources(ConfigLayers.class,
      "/reference.conf").getConfig(NAMESPACE);
  /** Its leaf keys. */
  private static final Set<String> REFERENCE_KEYS = leafKeys(REFERENCE);

  private ConfigLayers() {}

  /** The defaults from {@code reference.conf}, without the namespace. */
  static Config reference() {
    return REFERENCE;
  }

  /**
   * What the user gave: {@code scenarioFile} (may be null), then the overrides in order. The
   * file's includes must lie in its folder or in one of {@code includesFrom} (see
   * {@link ScenarioIncluder}).
   */
  static Config user(Path scenarioFile, List<String> overrides, List<Path> includesFrom) {
    Config user = ConfigFactory.empty();
    if (scenarioFile != null) {
      if (Files.isDirectory(scenarioFile)) {
        throw new ConfigError(scenarioFile + ": is a folder; --conf names a scenario file (HOCON)");
      }
      if (!Files.isRegularFile(scenarioFile)) {
        throw new ConfigError(scenarioFile + ": scenario file not found");
      }
      try {
        user = ConfigFactory.parseFile(scenarioFile.toFile(),
            ScenarioIncluder.forScenario(scenarioFile, includesFrom));
      } catch (ConfigException e) {
        throw new ConfigError(scenarioFile + ": cannot parse: " + e.getMessage(), e);
      }
    }
    for (String override : overrides) {
      user = parseOverride(override).withFallback(user);
    }
    return user;
  }

  /** {@code user} with some keys set to other values; {@code origin} says where they came from. */
  static Config with(Config user, Map<String, Object> values, String origin) {
    Config point = user;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      point = point.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue(),
          origin + " " + e.getKey()));
    }
    return point;
  }

  /** {@code user} over the reference, resolved, after checking every user key is known. */
  static Config merge(Config user) {
    if (user.hasPath(NAMESPACE)) {
      throw new ConfigError(ConfigReader.origin(user.getValue(NAMESPACE).origin()) + ": key '"
          + NAMESPACE + "': write scenario keys without the '" + NAMESPACE
          + ".' prefix (e.g. price.initial)");
    }
    Config merged;
    Config resolvedUser;
    try {
      // No ${ENV} substitution: the resolved config is written to every output row, and an
      // environment variable may hold a secret.
      ConfigResolveOptions noEnvironment = ConfigResolveOptions.defaults().setUseSystemEnvironment(false);
      merged = user.withFallback(REFERENCE).resolve(noEnvironment);
      resolvedUser = user.resolveWith(merged, noEnvironment);
    } catch (ConfigException e) {
      throw new ConfigError("cannot resolve the configuration: " + e.getMessage(), e);
    }
    checkKnownKeys(resolvedUser);
    return merged;
  }

  private static Set<String> leafKeys(Config c) {
    Set<String> keys = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      keys.add(e.getKey());
    }
    return Collections.unmodifiableSet(keys);
  }

  private static Config parseOverride(String override) {
    int eq = override.indexOf('=');
    // An option may carry a secret (--set password=...): messages show it redacted.
    String shown = "--set " + Redaction.override(override);
    if (eq <= 0) {
      throw new ConfigError(shown + ": expected key=value, e.g. --set run.paths=1000");
    }
    String key = override.substring(0, eq).trim();
    String value = override.substring(eq + 1).trim();
    try {
      ConfigUtil.splitPath(key);
      return ConfigFactory.parseString(key + " = " + value, ScenarioIncluder.forOverride(override));
    } catch (ConfigException e) {
      throw new ConfigError(shown + ": cannot parse" + (Redaction.isSecret(override) ? ""
          : ": " + e.getMessage()), Redaction.isSecret(override) ? null : e);
    }
  }

  private static void checkKnownKeys(Config user) {
    Set<String> valid = REFERENCE_KEYS;
    for (Map.Entry<String, ConfigValue> e : leaves(user).entrySet()) {
      String key = e.getKey();
      ConfigValue value = e.getValue();
      if (valid.contains(key) || FREE_SECTIONS.stream().anyMatch(key::startsWith)) {
        continue;
      }
      String where = ConfigReader.origin(value.origin());
      if (REFERENCE.hasPathOrNull(key)) {
        throw new ConfigError(where + ": " + key + " = " + Redaction.value(key, value)
            + ": " + key + " is a section, not a value; set its keys, e.g. "
            + valid.stream().filter(k -> k.startsWith(key + ".")).findFirst().orElse(key));
      }
      String hint = KeySuggestion.nearest(key, valid).map(k -> "; did you mean '" + k + "'?")
          .orElse("; see reference.conf for the valid keys");
      throw new ConfigError(where + ": unknown key '" + key + "'" + hint);
    }
  }

  /** Every leaf of a config by path, sorted, nulls included (entrySet() leaves nulls out). */
  private static Map<String, ConfigValue> leaves(Config c) {
    Map<String, ConfigValue> out = new TreeMap<>();
    collectLeaves(c.root(), List.of(), out);
    return out;
  }

  private static void collectLeaves(ConfigObject object, List<String> prefix,
                                    Map<String, ConfigValue> out) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(e.getKey());
      if (e.getValue().valueType() == ConfigValueType.OBJECT) {
        collectLeaves((ConfigObject) e.getValue(), path, out);
      } else {
        out.put(ConfigUtil.joinPath(path), e.getValue());
      }
    }
  }
}
