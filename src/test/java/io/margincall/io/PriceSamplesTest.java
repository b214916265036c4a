package io.margincall.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.config.ConfigHash;
import io.margincall.io.PriceSeriesCsv.GapPolicy;
import io.margincall.model.price.PriceSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real series load strictly, and are what their documentation says: bar counts, ranges and
 * gaps as listed in {@code data-samples/README.md} and in the shared data set's README (which
 * counted them with other tools), and the sha256 the samples README gives.
 */
class PriceSamplesTest {
  private static final Path ROOT = Path.of(System.getProperty("margincall.basedir", ".")).toAbsolutePath();
  /** The shared data set beside the checkout; absent on a clean clone (CI), then skipped. */
  private static final Path SHARED = ROOT.resolve("../shared/data").normalize();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "eth_usdt_binance_5m_2020-02-10_2020-03-31.csv,  14523, 300,   2020-02-10T00:00:00Z, 2020-03-31T18:05:00Z, 2, 95",
      "eth_usdt_binance_1m_2021-05-15_2021-05-25.csv,  14916, 60,    2021-05-15T15:24:00Z, 2021-05-25T23:59:00Z, 0, 0",
      "eth_usd_bitstamp_1d_2017-11_2025-07.csv,         2796, 86400, 2017-11-09T00:00:00Z, 2025-07-05T00:00:00Z, 0, 0",
      "btc_usd_bitstamp_1d_2014-11_2025-07.csv,         3873, 86400, 2014-11-28T00:00:00Z, 2025-07-05T00:00:00Z, 0, 0",
  })
  void shippedSamplesLoadAsDocumented(String name, int bars, long resolution, String first,
                                      String last, int gaps, long missing) throws IOException {
    Path file = ROOT.resolve("data-samples/prices").resolve(name);
    PriceSeries s = PriceSeriesCsv.read(file, GapPolicy.ALLOW);
    assertEquals(bars, s.size());
    assertEquals(resolution, s.resolutionSeconds());
    assertEquals(Instant.parse(first).getEpochSecond(), s.epochSecond(0));
    assertEquals(Instant.parse(last).getEpochSecond(), s.epochSecond(s.size() - 1));
    assertEquals(gaps, s.gaps().size(), s.gaps().toString());
    assertEquals(missing, s.missingBars());
    assertTrue(s.hasOhlc());
    assertEquals(documentedSha256(name), ConfigHash.sha256(file), "sha256 in data-samples/README.md");
  }

  @Test
  void blackThursdayGapsAreTheTwoBinanceOutages() {
    PriceSeries s = PriceSeriesCsv.read(
        ROOT.resolve("data-samples/prices/eth_usdt_binance_5m_2020-02-10_2020-03-31.csv"), GapPolicy.ALLOW);
    // The shared README lists them as first..last missing bar: 2020-02-19 11:40-17:25 (70 bars)
    // and 2020-03-04 09:25-11:25 (25 bars); a Gap ends at the next bar present.
    assertEquals(List.of(
        new PriceSeries.Gap(epoch("2020-02-19T11:40:00Z"), epoch("2020-02-19T17:30:00Z"), 70),
        new PriceSeries.Gap(epoch("2020-03-04T09:25:00Z"), epoch("2020-03-04T11:30:00Z"), 25)), s.gaps());
  }

  /**
   * Every file of the shared data set, read directly (skipped where it is absent). Counts of bars,
   * gaps and missing bars from the shared README: the two Bitfinex hourly files have 17 missing
   * hours in 7 gaps (ETH) and 12 in 5 (BTC).
   */
  @Test
  void sharedDataSetLoadsWithItsDocumentedGaps() {
    Assumptions.assumeTrue(Files.isDirectory(SHARED), "no shared data set at " + SHARED);
    Map<String, long[]> expected = Map.of(
        "eth_usd_bitfinex_1h_2018-05_2023-01.csv", new long[] {40970, 3600, 7, 17},
        "btc_usd_bitfinex_1h_2018-05_2023-03.csv", new long[] {42295, 3600, 5, 12},
        "eth_usdt_binance_5m_2020-02-10_2020-03-31.csv", new long[] {14523, 300, 2, 95},
        "eth_usdt_binance_1m_2021-05-15_2021-05-25.csv", new long[] {14916, 60, 0, 0},
        "btc_usdt_binance_1m_2021-05-12_2021-05-20.csv", new long[] {12761, 60, 0, 0},
        "eth_usd_bitstamp_1d_2017-11_2025-07.csv", new long[] {2796, 86400, 0, 0},
        "btc_usd_bitstamp_1d_2014-11_2025-07.csv", new long[] {3873, 86400, 0, 0});
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      Path file = SHARED.resolve(e.getKey());
      Assumptions.assumeTrue(Files.isRegularFile(file), "missing " + file);
      PriceSeries s = PriceSeriesCsv.read(file, GapPolicy.ALLOW);
      long[] x = e.getValue();
      assertEquals(x[0], s.size(), e.getKey());
      assertEquals(x[1], s.resolutionSeconds(), e.getKey());
      assertEquals(x[2], s.gaps().size(), e.getKey() + " " + s.gaps());
      assertEquals(x[3], s.missingBars(), e.getKey());
    }
  }

  private static long epoch(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }

  /** The sha256 given under the file's heading in data-samples/README.md. */
  private static String documentedSha256(String name) throws IOException {
    String readme = Files.readString(ROOT.resolve("data-samples/README.md"));
    int at = readme.indexOf("### `prices/" + name + "`");
    assertTrue(at >= 0, "data-samples/README.md has no section for " + name);
    Matcher m = Pattern.compile("sha256 of the shipped file: `([0-9a-f]{64})`").matcher(readme);
    assertTrue(m.find(at), "no sha256 for " + name);
    return m.group(1);
  }
}
