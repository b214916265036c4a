package io.margincall.kernel;

/**
 * When the stepping kernel may finish a path before its horizon ({@code statistics.oracle-gap
 * = false}): at the first step after which no account can be eligible again (the book's fall
 * trigger is -infinity and its rise trigger +infinity: every account closed, no auction running),
 * and only in scenarios where nothing else writes an outcome after that step. Every outcome is
 * then what the full walk writes, bit for bit:
 *
 * <ul>
 *   <li>liquidations, bad debt, the loss waterfall (its backstop is booked when the deficit is
 *       realised: {@code LossWaterfall}), first steps and the largest loss are written at the
 *       step they happen, all before the finish;
 *   <li>the horizon shortfall of open accounts is 0 at any horizon price: no account is left
 *       whose debt can exceed its collateral (an account with debt has a finite trigger);
 *   <li>the oracle posts at every step it skips (deviation 0), so the kernel adds them; no
 *       outage is modelled, so no outage step is skipped;
 *   <li>the other paths keep their streams: each path draws from its own, and an antithetic
 *       partner negates its partner's normals step by step whether it finishes early or not.
 * </ul>
 *
 * Refused (the path walks every step) where a mechanism still writes per step or reads every
 * draw; each reason is in {@link #refusal}. The oracle-gap statistics are the only outcomes that
 * need every step: with the option off they are NaN.
 */
final class EarlyFinish {
  private EarlyFinish() {
  }

  /** Why no path of {@code s} may finish early, or null if one may. */
  static String refusal(Scenario s) {
    if (s.tilt().active()) {
      return "importance sampling: the likelihood ratio multiplies a factor for every step's draw";
    }
    if (s.congestion() != null) {
      return "congestion: gas prices and inclusion waits advance and are counted every step";
    }
    if (s.margin() != null) {
      return "dynamic margin: it observes every step and scores its forecast to the horizon";
    }
    if (s.circuitBreaker() != null) {
      return "circuit breaker: it observes every step and counts its pauses";
    }
    if (s.perps() != null) {
      return "perps: funding is paid at every interval";
    }
    if (s.crossMargin() != null) {
      return "cross-margin: the book is settled every step";
    }
    if (s.oracle().deviation() != 0) {
      return "oracle deviation threshold: the posts of the skipped steps depend on the path";
    }
    if (s.oracle().outagesPerStep() != 0) {
      return "oracle outages: the outage steps of the skipped steps depend on the path";
    }
    return null;
  }
}
