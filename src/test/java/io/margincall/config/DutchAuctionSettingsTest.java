package io.margincall.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.protocol.AuctionRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protocol.incentive}: the fixed bonus keeps the hash of a scenario written before the
 * switch existed; the auction's keys are read with Maker's ranges and named when wrong.
 */
class DutchAuctionSettingsTest {
  private static final String KEY = "protocol.incentive.dutch-auction.";

  @TempDir
  Path dir;

  private ScenarioSettings load(String... sets) throws IOException {
    return loadFile("run.paths = 10\n", sets);
  }

  private ScenarioSettings loadFile(String text, String... sets) throws IOException {
    Path file = Files.writeString(dir.resolve("scenario.conf"), text);
    return ScenarioSettings.load(file, List.of(sets));
  }

  @Test
  void theFixedBonusLeavesTheSectionOutOfTheHash() throws IOException {
    ScenarioSettings fixed = load();
    assertNull(fixed.protocol().dutchAuction());
    // Auction keys changed while the model is fixed change nothing, not even the hash.
    assertEquals(fixed.configHash(), load(KEY + "buf=1.5").configHash());
    assertNotEquals(fixed.configHash(), load("protocol.incentive.model=dutch-auction")
        .configHash());
  }

  @Test
  void theAuctionReadsMakersParameters() throws IOException {
    AuctionRules r = load("protocol.incentive.model=dutch-auction", KEY + "curve=exponential",
        KEY + "cut=0.999", KEY + "hole-usd=5e6").protocol().dutchAuction().rules();
    assertEquals(AuctionRules.Curve.EXPONENTIAL, r.curve());
    assertEquals(0.999, r.cut());
    assertEquals(1.2, r.buf());
    assertEquals(1.13, r.chop());
    assertEquals(5e6, r.limitUsd());  // min(Hole, hole) = min(5M, 40M)
  }

  @Test
  void aValueOutOfRangeIsNamedWithWhatIsAllowed() {
    ConfigError e = assertThrows(ConfigError.class,
        () -> load("protocol.incentive.model=dutch-auction", KEY + "chop=0.9"));
    assertTrue(e.getMessage().contains(KEY + "chop = 0.9: must be a factor in [1, 2)"),
        e.getMessage());
    e = assertThrows(ConfigError.class,
        () -> load("protocol.incentive.model=dutch-auction", KEY + "curve=cubic"));
    assertTrue(e.getMessage().contains(
        KEY + "curve = \"cubic\": must be one of linear, stair-step, exponential"), e.getMessage());
    e = assertThrows(ConfigError.class, () -> load("protocol.incentive.model=english"));
    assertTrue(e.getMessage().contains("must be one of fixed, aave-v3, euler, morpho, dutch-auction"),
        e.getMessage());
  }

  @Test
  void severalAssetsAreRefused() {
    ConfigError e = assertThrows(ConfigError.class,
        () -> loadFile("price.assets = [ { name = BTC, initial = 60000, volatility = 0.6 } ]\n",
            "protocol.incentive.model=dutch-auction"));
    assertTrue(e.getMessage().contains("protocol.incentive.model = \"dutch-auction\": must be fixed"
        + " with several assets"), e.getMessage());
  }
}
