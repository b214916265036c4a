package io.margincall.config;

import io.margincall.kernel.PathStreams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    SweepSettings sweep = SweepSettings.read(base);
    List<Axis> axes = sweep.axes();
    List<Map<String, Object>> combos = switch (sweep.mode()) {
      case "grid" -> grid(axes);
      case "one-at-a-time" -> oneAtATime(axes, sweep.allTogether());
      default -> latinHypercube(axes, sweep.points(), base.run().seed(), sweep.ranges());
    };
    if (combos.size() > 10_000) {
      throw new ConfigError("sweep: " + combos.size() + " points; at most 10000 in one run");
    }
    List<Point> points = new ArrayList<>();
    for (Map<String, Object> values : combos) {
      points.add(new Point(points.size(), values, base.with(values, "sweep axis")));
    }
    return new SweepPlan(axes, points, baseline(sweep, points));
  }

  /**
   * The base scenario first, then each axis value alone (every other key as in the scenario):
   * an ablation, where each axis lists a mechanism's ideal setting. With {@code allTogether},
   * a last point sets every axis to its last value at once (every defence on together).
   */
  private static List<Map<String, Object>> oneAtATime(List<Axis> axes, boolean allTogether) {
    List<Map<String, Object>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Axis axis : axes) {
      for (Object value : axis.values()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(axis.key(), value);
        combos.add(m);
      }
    }
    if (allTogether) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Axis axis : axes) {
        m.put(axis.key(), axis.values().get(axis.values().size() - 1));
      }
      combos.add(m);
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
                                                           Map<String, SweepSettings.Range> ranges) {
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
      SweepSettings.Range range = ranges.get(axis.key());
      for (int i = 0; i < n; i++) {
        double x = (perm[i] + rng.nextDouble()) / n;
        Object value;
        if (range != null) {
          value = SweepSettings.round(range.from() + (range.to() - range.from()) * x,
              range.roundTo());
        } else {
          List<Object> values = axis.values();
          value = values.get(Math.min(values.size() - 1, (int) (x * values.size())));
        }
        combos.get(i).put(axis.key(), value);
      }
    }
    return combos;
  }

  /** The point whose axis values are the settings' baseline: exactly one, or the first. */
  private static int baseline(SweepSettings sweep, List<Point> points) {
    if (sweep.baseline().isEmpty()) {
      return 0;
    }
    List<Integer> matches = new ArrayList<>();
    for (Point p : points) {
      boolean all = true;
      for (Map.Entry<String, Object> e : sweep.baseline().entrySet()) {
        if (!same(p.values().get(e.getKey()), e.getValue())) {
          all = false;
          break;
        }
      }
      if (all) {
        matches.add(p.index());
      }
    }
    if (matches.size() != 1) {
      throw new ConfigError(sweep.baselineOrigin() + ": must pick exactly one point; it matches "
          + matches.size());
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
