package io.margincall.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.margincall.kernel.PathStreams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The points of a sweep: the base scenario with the {@code sweep.axes} keys set to each
 * combination of values (grid) or to a Latin hypercube sample. Every point is checked like a
 * scenario of its own, before Spark starts.
 *
 * @param axes the axes, in the order of the file
 * @param points the points, first the one with every axis at its first value (grid)
 * @param baseline index of the point the others are compared with
 */
public record SweepPlan(List<Axis> axes, List<Point> points, int baseline) {
  /** Sections whose keys cannot be axes: the time grid, the sample, and non-model sections. */
  private static final List<String> NOT_SWEEPABLE = List.of("time.", "run.", "sweep.", "output.",
      "faults.");
  private static final Set<String> RANGE_KEYS = Set.of("from", "to", "count", "round-to");

  /** One axis: a config key and its values (Long, Double, Boolean or String). */
  public record Axis(String key, List<Object> values) {}

  /**
   * One point: its index, the axis values it sets (by key, in axis order; in one-at-a-time
   * mode only the one axis it changes) and its settings.
   */
  public record Point(int index, Map<String, Object> values, ScenarioSettings settings) {
    /** Its value of every axis in order, null where it keeps the scenario's own value. */
    public List<Object> axisValues(List<Axis> axes) {
      List<Object> out = new ArrayList<>();
      for (Axis a : axes) {
        out.add(values.get(a.key()));
      }
      return out;
    }

    /** {@code key=value, ...}, or {@code base} without axes. */
    public String label() {
      if (values.isEmpty()) {
        return "base";
      }
      List<String> parts = new ArrayList<>();
      values.forEach((k, v) -> parts.add(k + "=" + v));
      return String.join(", ", parts);
    }
  }

  /** The plan of a scenario without axes: one point, the scenario itself. */
  public static SweepPlan single(ScenarioSettings base) {
    return new SweepPlan(List.of(), List.of(new Point(0, Map.of(), base)), 0);
  }

  /** The sweep the scenario's {@code sweep} section defines. */
  public static SweepPlan of(ScenarioSettings base) {
    Config c = base.config();
    List<Axis> axes = axes(c.getConfig("sweep.axes"), c.getValue("sweep.axes").origin().description());
    if (axes.isEmpty()) {
      throw new ConfigError(ConfigReader.origin(c.getValue("sweep.axes").origin())
          + ": sweep.axes is empty; give at least one axis, e.g. sweep.axes.oracle.delay = [0, 600]");
    }
    String mode = c.getString("sweep.mode");
    List<Map<String, Object>> combos;
    switch (mode) {
      case "grid" -> combos = grid(axes);
      case "one-at-a-time" -> combos = oneAtATime(axes);
      case "latin-hypercube" -> {
        int n = c.getInt("sweep.points");
        if (n < 1 || n > 100_000) {
          throw new ConfigError(ConfigReader.origin(c.getValue("sweep.points").origin())
              + ": sweep.points = " + n + ": must be an integer in [1, 100000]");
        }
        combos = latinHypercube(axes, n, base.run().seed(), c.getConfig("sweep.axes"));
      }
      default -> throw new ConfigError(ConfigReader.origin(c.getValue("sweep.mode").origin())
          + ": sweep.mode = " + mode + ": must be one of grid, one-at-a-time, latin-hypercube");
    }
    if (combos.size() > 10_000) {
      throw new ConfigError("sweep: " + combos.size() + " points; at most 10000 in one run");
    }
    List<Point> points = new ArrayList<>();
    for (Map<String, Object> values : combos) {
      points.add(new Point(points.size(), values, base.with(values, "sweep axis")));
    }
    return new SweepPlan(axes, points, baseline(c, axes, points));
  }

  private static List<Axis> axes(Config axesConfig, String where) {
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
              ? ": keys of the time grid, the sample and the sweep, output and faults sections are not sweepable"
              : ": not a sweepable key" + hint;
          throw new ConfigError(where2 + ": sweep.axes." + leaf + why);
        }
      }
      byKey.putIfAbsent(key, axesConfig.getValue(key));
    }
    List<Axis> axes = new ArrayList<>();
    // Keep the order of first appearance in the file (entrySet is unordered): sort by line.
    List<String> keys = new ArrayList<>(byKey.keySet());
    keys.sort((a, b) -> Integer.compare(byKey.get(a).origin().lineNumber(),
        byKey.get(b).origin().lineNumber()) != 0
        ? Integer.compare(byKey.get(a).origin().lineNumber(), byKey.get(b).origin().lineNumber())
        : a.compareTo(b));
    for (String key : keys) {
      axes.add(new Axis(key, values(key, byKey.get(key))));
    }
    return axes;
  }

  private static List<Object> values(String key, ConfigValue v) {
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
  private static Object round(double x, Double roundTo) {
    if (roundTo == null) {
      return x;
    }
    double r = Math.rint(x / roundTo) * roundTo;
    return roundTo == Math.rint(roundTo) ? (Object) Math.round(r) : (Object) r;
  }

  /**
   * The base scenario first, then each axis value alone (every other key as in the scenario):
   * an ablation, where each axis lists a mechanism's ideal setting.
   */
  private static List<Map<String, Object>> oneAtATime(List<Axis> axes) {
    List<Map<String, Object>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Axis axis : axes) {
      for (Object value : axis.values()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(axis.key(), value);
        combos.add(m);
      }
    }
    return combos;
  }

  private static List<Map<String, Object>> grid(List<Axis> axes) {
    List<Map<String, Object>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Axis axis : axes) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> partial : combos) {
        for (Object value : axis.values()) {
          Map<String, Object> m = new LinkedHashMap<>(partial);
          m.put(axis.key(), value);
          next.add(m);
        }
      }
      combos = next;
    }
    return combos;
  }

  /**
   * n points; axis a takes, at point i, the value at position {@code (perm_a(i) + u) / n} of its
   * range (a list axis: of its list), perm_a a random permutation, u uniform in [0, 1): each of
   * the n strata of every axis is used exactly once (McKay, Beckman and Conover, 1979).
   */
  private static List<Map<String, Object>> latinHypercube(List<Axis> axes, int n, long seed,
                                                           Config axesConfig) {
    UniformRandomProvider rng = PathStreams.stream(seed, 0, PathStreams.SWEEP_DESIGN);
    List<Map<String, Object>> combos = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      combos.add(new LinkedHashMap<>());
    }
    for (Axis axis : axes) {
      int[] perm = new int[n];
      for (int i = 0; i < n; i++) {
        perm[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      ConfigValue raw = axesConfig.getValue(axis.key());
      for (int i = 0; i < n; i++) {
        double x = (perm[i] + rng.nextDouble()) / n;
        Object value;
        if (raw.valueType() == ConfigValueType.OBJECT) {
          Config r = ((ConfigObject) raw).toConfig();
          double from = r.getDouble("from");
          double to = r.getDouble("to");
          value = round(from + (to - from) * x, r.hasPath("round-to") ? r.getDouble("round-to") : null);
        } else {
          List<Object> values = axis.values();
          value = values.get(Math.min(values.size() - 1, (int) (x * values.size())));
        }
        combos.get(i).put(axis.key(), value);
      }
    }
    return combos;
  }

  private static int baseline(Config c, List<Axis> axes, List<Point> points) {
    Config wanted = c.getConfig("sweep.baseline");
    if (wanted.isEmpty()) {
      return 0;
    }
    String where = ConfigReader.origin(c.getValue("sweep.baseline").origin()) + ": sweep.baseline";
    for (Map.Entry<String, ConfigValue> e : wanted.entrySet()) {
      if (axes.stream().noneMatch(a -> a.key().equals(e.getKey()))) {
        throw new ConfigError(where + "." + e.getKey() + ": not an axis of this sweep");
      }
    }
    List<Integer> matches = new ArrayList<>();
    for (Point p : points) {
      boolean all = true;
      for (Map.Entry<String, ConfigValue> e : wanted.entrySet()) {
        if (!same(p.values().get(e.getKey()), e.getValue().unwrapped())) {
          all = false;
          break;
        }
      }
      if (all) {
        matches.add(p.index());
      }
    }
    if (matches.size() != 1) {
      throw new ConfigError(where + " = " + wanted.root().render(ConfigRenderOptions.concise())
          + ": must pick exactly one point; it matches " + matches.size());
    }
    return matches.get(0);
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return a != null && a.equals(b);
  }
}
