package io.margincall.sweep;

import io.margincall.stats.BadDebtSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For each combination of the other axes, the least strict value of a policy axis whose point
 * meets a {@link Target}: "least strict" is the largest value (or, with {@code preferMax}
 * false, the smallest) in the axis's order (numeric for numbers, list order otherwise).
 */
public final class Recommendation {
  private Recommendation() {}

  /** One point's inputs: its index, axis values (key -> value) and statistics. */
  public record Candidate(int point, Map<String, Object> values, BadDebtSummary summary,
                          double insuranceBalanceUsd) {}

  /**
   * One group's answer. {@code point} and {@code value} are null when no point of the group
   * meets the target; the measures are then those of the point closest to meeting it.
   */
  public record Choice(String group, Integer point, Object value, double estimate, double low,
                       double high, double bound, boolean met) {}

  public static List<Choice> recommend(List<Candidate> candidates, List<String> axisOrder,
                                       Map<String, List<Object>> axisValues, String policyAxis,
                                       boolean preferMax, Target target) {
    Map<String, List<Candidate>> groups = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      List<String> parts = new ArrayList<>();
      for (String axis : axisOrder) {
        if (!axis.equals(policyAxis)) {
          parts.add(axis + "=" + c.values().get(axis));
        }
      }
      String group = parts.isEmpty() ? "all" : String.join(", ", parts);
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(c);
    }
    List<Object> order = axisValues.get(policyAxis);
    Comparator<Candidate> byValue = (a, b) -> compare(a.values().get(policyAxis),
        b.values().get(policyAxis), order);
    List<Choice> out = new ArrayList<>();
    for (Map.Entry<String, List<Candidate>> g : groups.entrySet()) {
      Candidate best = null;
      Candidate closest = null;
      double closestGap = Double.POSITIVE_INFINITY;
      for (Candidate c : g.getValue()) {
        double[] m = target.measure(c.summary());
        double bound = target.bound(c.insuranceBalanceUsd());
        if (m[2] <= bound) {
          if (best == null || (preferMax ? byValue.compare(c, best) > 0 : byValue.compare(c, best) < 0)) {
            best = c;
          }
        } else if (m[2] - bound < closestGap) {
          closestGap = m[2] - bound;
          closest = c;
        }
      }
      Candidate shown = best != null ? best : closest;
      double[] m = target.measure(shown.summary());
      out.add(new Choice(g.getKey(), best == null ? null : best.point(),
          best == null ? null : best.values().get(policyAxis), m[0], m[1], m[2],
          target.bound(shown.insuranceBalanceUsd()), best != null));
    }
    return out;
  }

  private static int compare(Object a, Object b, List<Object> order) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return Integer.compare(order.indexOf(a), order.indexOf(b));
  }
}
