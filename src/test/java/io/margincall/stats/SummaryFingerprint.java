package io.margincall.stats;

import java.util.Arrays;

/**
 * Every statistic of a summary as text, doubles as raw bits: equal text means equal bits. The
 * counts print one line per {@link OutcomeCount}, named by its {@link OutcomeCount#fieldName()}.
 */
public final class SummaryFingerprint {
  private SummaryFingerprint() {}

  public static String of(BadDebtSummary s) {
    StringBuilder b = new StringBuilder();
    for (var component : BadDebtSummary.class.getRecordComponents()) {
      try {
        Object v = component.getAccessor().invoke(s);
        if (v instanceof long[]) {
          for (OutcomeCount c : OutcomeCount.values()) {
            b.append(c.fieldName()).append('=').append(s.count(c)).append('\n');
          }
          continue;
        }
        if (v instanceof double[]) {
          for (OutcomeAmount a : OutcomeAmount.values()) {
            double d = s.amountMean(a);
            b.append(a.fieldName()).append('=').append(Long.toHexString(Double.doubleToRawLongBits(d)))
                .append(" # ").append(d).append('\n');
          }
          continue;
        }
        b.append(component.getName()).append('=');
        if (v instanceof Double d) {
          b.append(Long.toHexString(Double.doubleToRawLongBits(d))).append(" # ").append(d);
        } else if (v instanceof Object[] array) {
          b.append(Arrays.toString(array));
        } else {
          b.append(v);
        }
        b.append('\n');
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return b.toString();
  }
}
