package io.margincall.protocol;

import java.io.Serializable;

/**
 * The parameters of Maker's Liquidations 2.0 (makerdao/dss {@code dog.sol}, {@code clip.sol},
 * {@code abaci.sol}), named as Maker names them, and the two pure rules every auction follows:
 * its price at a time since its start (the abacus) and whether it needs a reset
 * ({@code Clipper.status}). The state of running auctions is {@link DutchAuctions}'.
 *
 * @param curve the price calculator (abacus)
 * @param buf starting price over the oracle price ({@code top = oracle x buf}), {@code >= 1}
 * @param tauSeconds {@code linear}: seconds after the start when the price reaches 0, {@code > 0}
 * @param stepSeconds {@code stair-step}: seconds between two price cuts, {@code > 0}
 * @param cut {@code stair-step}: factor per step; {@code exponential}: factor per second; (0, 1]
 * @param tailSeconds an auction older than this is reset, seconds, {@code > 0}
 * @param cusp an auction whose price over its top is below this is reset, [0, 1)
 * @param tipUsd flat keeper incentive per bark (and per redo above {@code chost}), USD
 * @param chip keeper incentive per bark as a share of the tab, [0, 1)
 * @param chop liquidation penalty: the tab is the debt times this, {@code >= 1}
 * @param holeUsd {@code Hole}: the most tab all running auctions may hold at once, USD
 * @param holePerAssetUsd {@code ilk.hole}: the most tab the auctions of one collateral may hold
 */
public record AuctionRules(Curve curve, double buf, double tauSeconds, double stepSeconds,
                           double cut, double tailSeconds, double cusp, double tipUsd,
                           double chip, double chop, double holeUsd, double holePerAssetUsd)
    implements Serializable {

  /** Maker's three abaci. */
  public enum Curve {
    /** {@code LinearDecrease}: {@code top x (tau - t) / tau}, 0 from tau on. */
    LINEAR,
    /** {@code StairstepExponentialDecrease}: {@code top x cut^floor(t / step)}. */
    STAIR_STEP,
    /** {@code ExponentialDecrease}: {@code top x cut^t}, t in seconds. */
    EXPONENTIAL
  }

  public AuctionRules {
    if (curve == null) {
      throw new IllegalArgumentException("auction curve must be given");
    }
    check(buf >= 1 && buf < 1e3, "buf", buf, "in [1, 1000)");
    check(tauSeconds > 0 && tauSeconds < 1e12, "tau", tauSeconds, "> 0 seconds");
    check(stepSeconds > 0 && stepSeconds < 1e12, "step", stepSeconds, "> 0 seconds");
    check(cut > 0 && cut <= 1, "cut", cut, "in (0, 1]");
    check(tailSeconds > 0 && tailSeconds < 1e12, "tail", tailSeconds, "> 0 seconds");
    check(cusp >= 0 && cusp < 1, "cusp", cusp, "in [0, 1)");
    check(tipUsd >= 0 && tipUsd < 1e12, "tip", tipUsd, ">= 0 USD");
    check(chip >= 0 && chip < 1, "chip", chip, "in [0, 1)");
    check(chop >= 1 && chop < 2, "chop", chop, "in [1, 2)");
    check(holeUsd > 0, "Hole", holeUsd, "> 0 USD");
    check(holePerAssetUsd > 0, "hole", holePerAssetUsd, "> 0 USD");
  }

  private static void check(boolean ok, String name, double value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException("auction " + name + " must be " + allowed + ", got "
          + value);
    }
  }

  /**
   * The auction price {@code seconds} after the start of an auction that started at
   * {@code top}, USD per unit ({@code Abacus.price(top, dur)}). Powers are {@link StrictMath}'s,
   * so the bits are the same on every CPU.
   */
  public double price(double top, double seconds) {
    return switch (curve) {
      case LINEAR -> seconds >= tauSeconds ? 0 : top * ((tauSeconds - seconds) / tauSeconds);
      case STAIR_STEP -> top * StrictMath.pow(cut, Math.floor(seconds / stepSeconds));
      case EXPONENTIAL -> top * StrictMath.pow(cut, seconds);
    };
  }

  /**
   * Whether an auction {@code seconds} old, started at {@code top} and now at {@code price},
   * needs a reset ({@code Clipper.status}: {@code dur > tail || price / top < cusp}).
   */
  public boolean needsReset(double top, double price, double seconds) {
    return seconds > tailSeconds || price / top < cusp;
  }

  /** The limit on tab in auction at once, USD: with one collateral, {@code min(Hole, hole)}. */
  public double limitUsd() {
    return Math.min(holeUsd, holePerAssetUsd);
  }
}
