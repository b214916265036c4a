package io.margincall.stats;

import java.util.Arrays;

/**
 * Every statistic of a summary as text, doubles as raw bits: equal text means equal bits. The
 * counts print one line per {@link OutcomeCount}, named by its {@link OutcomeCount#fieldName()}.
 */
public final class SummaryFingerprint {
  private SummaryFingerprint() {}

  private static long[] plainTailPaths(BadDebtSummary s) {
    long[] plain = new long[s.tail().length];
    for (int k = 0; k < plain.length; k++) {
      plain[k] = BadDebtSummary.plainTailPaths(s.tail()[k].perMille(), s.paths(),
          s.pathsWithBadDebt());
    }
    return plain;
  }

  /**
   * The bins as their record text without the exceedance interval, which with every weight 1 is
   * the Wilson interval of the counts printed (so plain fingerprints keep their text); with it
   * when weighted paths made it say more.
   */
  private static String distribution(LossHistogram.Bin[] bins, long paths) {
    StringBuilder b = new StringBuilder("[");
    for (int k = 0; k < bins.length; k++) {
      LossHistogram.Bin bin = bins[k];
      b.append(k > 0 ? ", " : "").append("Bin[lower=").append(bin.lower()).append(", upper=")
          .append(bin.upper()).append(", count=").append(bin.count()).append(", atOrAbove=")
          .append(bin.atOrAbove());
      if (!bin.exceedance().equals(WilsonInterval.of95(bin.atOrAbove(), paths))) {
        b.append(", exceedance=").append(bin.exceedance());
      }
      b.append(']');
    }
    return b.append(']').toString();
  }

  public static String of(BadDebtSummary s) {
    StringBuilder b = new StringBuilder();
    for (var component : BadDebtSummary.class.getRecordComponents()) {
      try {
        Object v = component.getAccessor().invoke(s);
        if (component.getName().equals("tailPaths")) {
          // The plain figures' tail paths follow from paths and pathsWithBadDebt (printed above):
          // written only when they say more (weighted paths), so plain fingerprints keep their text.
          if (!Arrays.equals((long[]) v, plainTailPaths(s))) {
            b.append("tailPaths=").append(Arrays.toString((long[]) v)).append('\n');
          }
          continue;
        }
        if (v instanceof LossHistogram.Bin[] bins) {
          b.append("distribution=").append(distribution(bins, s.paths())).append('\n');
          continue;
        }
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
