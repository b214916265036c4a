package io.margincall.io;

import io.margincall.stats.BadDebtSummary;
import io.margincall.stats.LiquidationCosts;
import java.util.List;

/**
 * Everything the tables say about one point of a run (a simulate run has one point).
 *
 * @param point index of the point
 * @param label {@code key=value, ...} of its axis values, or {@code base}
 * @param axisValues its axis values, in axis order (Long, Double, Boolean or String)
 * @param baseline index of the baseline point
 * @param configHash the point's config hash
 * @param config the point's resolved configuration
 * @param steps steps per path
 * @param stepSeconds dt
 * @param accounts lending accounts in the book
 * @param totalDebtUsd debt of the book at time 0
 * @param perpPositions perpetual-futures positions in the book
 * @param perpNotionalUsd their notional at entry, USD
 * @param summary the bad-debt statistics
 * @param badDebtDiff mean bad debt minus the baseline's, path by path, with {@code badDebtDiffSe}
 * @param badDebtDiffSe paired standard error of {@code badDebtDiff}
 * @param badDebtDiffSeUnpaired what that standard error would be on independent paths
 * @param pBadDebtDiff P(bad debt) minus the baseline's, with paired and unpaired errors
 * @param pBadDebtDiffSe paired standard error of {@code pBadDebtDiff}
 * @param pBadDebtDiffSeUnpaired unpaired standard error of {@code pBadDebtDiff}
 * @param importanceTilt importance sampling's tilt of the price normals (0: off)
 * @param liquidationCosts the point's liquidations against the baseline's, account by account
 *     on each path; null when not compared (a simulate run, or a point whose book is not the
 *     baseline's accounts)
 */
public record PointStatistics(int point, String label, List<Object> axisValues, int baseline,
                              String configHash, String config, int steps, double stepSeconds,
                              int accounts, double totalDebtUsd, int perpPositions,
                              double perpNotionalUsd, BadDebtSummary summary,
                              double badDebtDiff, double badDebtDiffSe, double badDebtDiffSeUnpaired,
                              double pBadDebtDiff, double pBadDebtDiffSe,
                              double pBadDebtDiffSeUnpaired, double importanceTilt,
                              LiquidationCosts liquidationCosts) {

  /** As the canonical constructor, not compared account by account with a baseline. */
  public PointStatistics(int point, String label, List<Object> axisValues, int baseline,
                         String configHash, String config, int steps, double stepSeconds,
                         int accounts, double totalDebtUsd, int perpPositions,
                         double perpNotionalUsd, BadDebtSummary summary, double badDebtDiff,
                         double badDebtDiffSe, double badDebtDiffSeUnpaired, double pBadDebtDiff,
                         double pBadDebtDiffSe, double pBadDebtDiffSeUnpaired,
                         double importanceTilt) {
    this(point, label, axisValues, baseline, configHash, config, steps, stepSeconds, accounts,
        totalDebtUsd, perpPositions, perpNotionalUsd, summary, badDebtDiff, badDebtDiffSe,
        badDebtDiffSeUnpaired, pBadDebtDiff, pBadDebtDiffSe, pBadDebtDiffSeUnpaired,
        importanceTilt, null);
  }
}
