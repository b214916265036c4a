package io.margincall.protocol;

import io.margincall.model.price.CorrelatedAssets;
import java.io.Serializable;

/**
 * Cross-margined accounts over several collateral assets: account i holds {@code c[i][a]} units
 * of asset a (row-major), owes {@code debt[i]} USD, and has one liquidation threshold: health is
 * {@code sum_a c_a O_a LT / D}.
 *
 * @param assets the assets and their price processes
 * @param collateral units per (account, asset), row-major n x k
 * @param debt USD per account
 * @param threshold liquidation threshold per account
 */
public record CrossMarginBook(CorrelatedAssets assets, double[] collateral, double[] debt,
                              double[] threshold) implements Serializable {
  public int size() {
    return debt.length;
  }
}
