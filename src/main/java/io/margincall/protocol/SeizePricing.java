package io.margincall.protocol;

/** The price at which a liquidation values the collateral it takes. */
public enum SeizePricing {
  /**
   * The liquidator sells at once at the market (a flash liquidation, or an auction as in
   * MakerDAO's): collateral is taken until its sale raises the repaid debt plus bonus at the
   * market price. The oracle decides when; the market decides what the collateral fetches.
   * With close factor 1 and no bonus this is SPEC 2.7's ideal: bad debt {@code max(0, D - c P)}.
   */
  MARKET,
  /**
   * Collateral is valued at the oracle price (Aave, Compound): the liquidator, not the protocol,
   * bears the gap between the oracle and the market on the part it takes.
   */
  ORACLE
}
