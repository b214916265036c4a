package io.margincall.kernel;

import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;

/**
 * Random streams keyed by (seed, path index, mechanism).
 *
 * <p>A path's numbers depend only on these three values, never on which task or executor runs
 * it, so results do not depend on partitioning or retries. Each mechanism has its own stream
 * (SPEC 7: switching one mechanism never shifts another's draws). The 128-bit state of a
 * xoroshiro128++ generator (Blackman and Vigna) is filled by two outputs of SplitMix64 from a
 * key that hashes the three values with the SplitMix64 finalizer (Steele, Lea and Flood,
 * "Fast splittable pseudorandom number generators", 2014). Creating a stream costs ~10-20 ns.
 */
public final class PathStreams {
  /** Draws that build a generated account book (path index 0). */
  public static final int ACCOUNT_BOOK = 0;
  /** Normal shocks of the market price. */
  public static final int PRICE = 1;
  /** Draws of a Latin hypercube sweep design (path index 0). */
  public static final int SWEEP_DESIGN = 2;
  /** Market jumps: one uniform per step, one normal per jump. */
  public static final int JUMPS = 3;
  /** The calm/stress regime: one uniform per step. */
  public static final int REGIME = 4;
  /** Oracle outages: one uniform per step, one more per outage. */
  public static final int ORACLE = 5;
  /** The gas price: one normal and one uniform per step. */
  public static final int GAS = 6;
  /** Auto-deleveraging's random start (ranking {@code random}): one uniform per ADL event. */
  public static final int ADL = 7;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long MECHANISM_SALT = 0xD1B54A32D192ED03L;

  private PathStreams() {}

  /** The generator for one (seed, path, mechanism). */
  public static XoRoShiRo128PlusPlus stream(long seed, long path, int mechanism) {
    long key = mix64(mix64(seed) + GOLDEN * (path + 1));
    key = mix64(key + MECHANISM_SALT * (mechanism + 1));
    long s0 = mix64(key + GOLDEN);
    long s1 = mix64(key + 2 * GOLDEN);
    if ((s0 | s1) == 0) {
      s1 = GOLDEN; // the all-zero state is the one state xoroshiro cannot leave
    }
    return new XoRoShiRo128PlusPlus(s0, s1);
  }

  /** The SplitMix64 finalizer (Stafford's Mix13). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
