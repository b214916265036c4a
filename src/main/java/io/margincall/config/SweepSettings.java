package io.margincall.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Section {@code sweep}: the axes (a sweepable key and its values, a list or a range
 * {@code { from, to, count, round-to }}), the mode ({@code grid}, {@code one-at-a-time},
 * {@code latin-hypercube} with its number of points) and the baseline point's axis values, read
 * and checked with the file and line of each bad key or value. {@link SweepPlan} builds the
 * points from it.
 *
 * @param axes the axes, in the order of the file
 * @param ranges the axes given as ranges, by key (a Latin hypercube samples them continuously)
 * @param mode grid, one-at-a-time or latin-hypercube
 * @param points the number of Latin hypercube points (0 in the other modes)
 * @param baseline the baseline's axis values, by key (empty: the first point)
 * @param baselineOrigin where {@code sweep.baseline} is set, for messages
 * @param allTogether one-at-a-time only: a last point with every axis at its last value
 */
public record SweepSettings(List<SweepPlan.Axis> axes, Map<String, Range> ranges, String mode,
                            int points, Map<String, Object> baseline, String baselineOrigin,
                            boolean allTogether) {
  /** Sections whose keys cannot be axes: the time grid, the sample, and non-model sections. */
  private static final List<String> NOT_SWEEPABLE = List.of("time.", "run.", "sweep.", "output.",
      "faults.", "statistics.", "sampling.");
  private static final Set<String> RANGE_KEYS = Set.of("from", "to", "count", "round-to");

  /** An axis given as a range: from, to, and the multiple values round to (null: none). */
  public record Range(double from, double to, Double roundTo) {}

  /**
   * Where the scenario defines sweep axes, as {@code "<file>:<line>: sweep.axes defines <keys>"}
   * (the origin of the first axis), or empty if it defines none: {@code simulate} refuses such a
   * scenario rather than run its base point alone without a word.
   */
  public static Optional<String> declaredAxes(ScenarioSettings base) {
    Set<String> keys = new TreeSet<>();
    ConfigOrigin first = null;
    for (Map.Entry<String, ConfigValue> e : base.config().getConfig("sweep.axes").entrySet()) {
      String leaf = e.getKey();
      int dot = leaf.lastIndexOf('.');
      keys.add(dot > 0 && RANGE_KEYS.contains(leaf.substring(dot + 1)) ? leaf.substring(0, dot) : leaf);
      ConfigOrigin o = e.getValue().origin();
      if (first == null || o.lineNumber() > 0 && o.lineNumber() < first.lineNumber()) {
        first = o;
      }
    }
    return first == null ? Optional.empty()
        : Optional.of(ConfigReader.origin(first) + ": sweep.axes defines " + String.join(", ", keys));
  }

  /** The sweep section of a scenario's settings. */
  static SweepSettings read(ScenarioSettings base) {
    Config c = base.config();
    Map<String, Range> ranges = new LinkedHashMap<>();
    List<SweepPlan.Axis> axes = axes(c.getConfig("sweep.axes"), ranges);
    if (axes.isEmpty()) {
      throw new ConfigError(base.userOrigin("sweep.axes") + ": sweep.axes is empty: the scenario"
          + " defines no sweep; give at least one axis, e.g. sweep.axes.oracle.delay = [0, 600],"
          + " or run it with simulate");
    }
    String mode = c.getString("sweep.mode");
    int points = 0;
    switch (mode) {
      case "grid", "one-at-a-time" -> { }
      case "latin-hypercube" -> {
        points = c.getInt("sweep.points");
        if (points < 1 || points > 100_000) {
          throw new ConfigError(ConfigReader.origin(c.getValue("sweep.points").origin())
              + ": sweep.points = " + points + ": must be an integer in [1, 100000]");
        }
      }
      default -> throw new ConfigError(ConfigReader.origin(c.getValue("sweep.mode").origin())
          + ": sweep.mode = " + mode + ": must be one of grid, one-at-a-time, latin-hypercube");
    }
    boolean allTogether = c.getBoolean("sweep.all-together");
    if (allTogether && !mode.equals("one-at-a-time")) {
      throw new ConfigError(ConfigReader.origin(c.getValue("sweep.all-together").origin())
          + ": sweep.all-together = true: only with sweep.mode = one-at-a-time (sweep.mode = "
          + mode + ")");
    }
    Config wanted = c.getConfig("sweep.baseline");
    String where = wanted.isEmpty() ? "sweep.baseline"
        : ConfigReader.origin(c.getValue("sweep.baseline").origin()) + ": sweep.baseline";
    Map<String, Object> baseline = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : wanted.entrySet()) {
      if (axes.stream().noneMatch(a -> a.key().equals(e.getKey()))) {
        throw new ConfigError(where + "." + e.getKey() + ": not an axis of this sweep");
      }
      baseline.put(e.getKey(), e.getValue().unwrapped());
    }
    return new SweepSettings(axes, ranges, mode, points, baseline,
        wanted.isEmpty() ? where : where + " = " + wanted.root().render(
            ConfigRenderOptions.concise()), allTogether);
  }

  private static List<SweepPlan.Axis> axes(Config axesConfig, Map<String, Range> ranges) {
    Set<String> valid = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : ScenarioSettings.reference().entrySet()) {
      String key = e.getKey();
      if (NOT_SWEEPABLE.stream().noneMatch(key::startsWith)) {
        valid.add(key);
      }
    }
    // Each leaf under sweep.axes must be a sweepable key (a list) or one of its range fields.
    Map<String, ConfigValue> byKey = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : axesConfig.entrySet()) {
      String leaf = e.getKey();
      String key = leaf;
      if (!valid.contains(key)) {
        int dot = leaf.lastIndexOf('.');
        String last = dot < 0 ? "" : leaf.substring(dot + 1);
        key = dot < 0 ? leaf : leaf.substring(0, dot);
        if (!RANGE_KEYS.contains(last) || !valid.contains(key)) {
          String where2 = ConfigReader.origin(e.getValue().origin());
          String hint = KeySuggestion.nearest(leaf, valid).map(k -> "; did you mean '" + k + "'?")
              .orElse("");
          String why = NOT_SWEEPABLE.stream().anyMatch(leaf::startsWith)
              ? ": keys of the time grid, the sample and the sweep, output, statistics, sampling and faults sections are not sweepable"
              : ": not a sweepable key" + hint;
          throw new ConfigError(where2 + ": sweep.axes." + leaf + why);
        }
      }
      byKey.putIfAbsent(key, axesConfig.getValue(key));
    }
    List<SweepPlan.Axis> axes = new ArrayList<>();
    // Keep the order of first appearance in the file (entrySet is unordered): sort by line.
    List<String> keys = new ArrayList<>(byKey.keySet());
    keys.sort((a, b) -> Integer.compare(byKey.get(a).origin().lineNumber(),
        byKey.get(b).origin().lineNumber()) != 0
        ? Integer.compare(byKey.get(a).origin().lineNumber(), byKey.get(b).origin().lineNumber())
        : a.compareTo(b));
    for (String key : keys) {
      axes.add(new SweepPlan.Axis(key, values(key, byKey.get(key), ranges)));
    }
    return axes;
  }

  private static List<Object> values(String key, ConfigValue v, Map<String, Range> ranges) {
    String where = ConfigReader.origin(v.origin()) + ": sweep.axes." + key;
    if (v.valueType() == ConfigValueType.LIST) {
      List<Object> out = new ArrayList<>();
      for (ConfigValue item : (ConfigList) v) {
        Object x = item.unwrapped();
        if (x instanceof Integer i) {
          x = i.longValue();
        }
        if (!(x instanceof Long || x instanceof Double || x instanceof Boolean || x instanceof String)) {
          throw new ConfigError(where + ": " + item.render(ConfigRenderOptions.concise())
              + ": axis values must be numbers, booleans or strings");
        }
        out.add(x);
      }
      if (out.isEmpty()) {
        throw new ConfigError(where + " = []: an axis needs at least one value");
      }
      return out;
    }
    if (v.valueType() == ConfigValueType.OBJECT) {
      Config r = ((ConfigObject) v).toConfig();
      for (String field : List.of("from", "to", "count")) {
        if (!r.hasPath(field)) {
          throw new ConfigError(where + ": a range needs from, to and count, e.g. "
              + "{ from = 0.0, to = 0.1, count = 5 }; '" + field + "' is missing");
        }
      }
      double from = rangeNumber(r, "from", where);
      double to = rangeNumber(r, "to", where);
      double count = rangeNumber(r, "count", where);
      if (count < 1 || count > 10_000 || count != Math.rint(count)) {
        throw new ConfigError(where + ".count = " + r.getValue("count").render()
            + ": must be an integer in [1, 10000]");
      }
      if (count == 1 && from != to) {
        throw new ConfigError(where + ": a range with count = 1 needs from = to");
      }
      Double roundTo = r.hasPath("round-to") ? rangeNumber(r, "round-to", where) : null;
      if (roundTo != null && !(roundTo > 0)) {
        throw new ConfigError(where + ".round-to = " + roundTo + ": must be > 0");
      }
      ranges.put(key, new Range(from, to, roundTo));
      List<Object> out = new ArrayList<>();
      int n = (int) count;
      for (int k = 0; k < n; k++) {
        double x = n == 1 ? from : from + (to - from) * k / (n - 1);
        out.add(round(x, roundTo));
      }
      return out;
    }
    throw new ConfigError(where + " = " + v.render(ConfigRenderOptions.concise())
        + ": an axis is a list of values or a range { from, to, count }");
  }

  private static double rangeNumber(Config r, String field, String where) {
    ConfigValue v = r.getValue(field);
    if (v.valueType() != ConfigValueType.NUMBER) {
      throw new ConfigError(where + "." + field + " = " + v.render(ConfigRenderOptions.concise())
          + ": must be a number");
    }
    return r.getDouble(field);
  }

  /** Rounded to a multiple of {@code roundTo}; a whole number when roundTo is whole. */
  static Object round(double x, Double roundTo) {
    if (roundTo == null) {
      return x;
    }
    double r = Math.rint(x / roundTo) * roundTo;
    return roundTo == Math.rint(roundTo) ? (Object) Math.round(r) : (Object) r;
  }
}
