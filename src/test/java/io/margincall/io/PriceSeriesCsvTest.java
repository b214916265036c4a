package io.margincall.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.io.PriceSeriesCsv.GapPolicy;
import io.margincall.model.price.PriceSeries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceSeriesCsvTest {
  private static final String HEADER = "timestamp,open,high,low,close,volume\\n";
  /** 2020-03-12T00:00:00Z, epoch seconds. */
  private static final long T0 = 1_583_971_200L;

  @TempDir
  Path dir;

  private Path write(String text) throws IOException {
    Path file = dir.resolve("series.csv");
    Files.writeString(file, text.replace("\\n", "\n"));
    return file;
  }

  @Test
  void readsIsoTimestampsWithOhlcInAnyColumnOrder() throws IOException {
    Path file = write("close,timestamp,low,high,open\n"
        + "101,2020-03-12T00:00:00Z,99,102,100\n\n"
        + "98.5,2020-03-12T00:05:00Z,97,101.5,101\r\n"
        + "99,2020-03-12T00:10:00Z,98,99.5,98.5\n");
    PriceSeries s = PriceSeriesCsv.read(file, GapPolicy.REJECT);
    assertEquals(3, s.size());
    assertEquals(300, s.resolutionSeconds());
    assertArrayEquals(new long[] {T0, T0 + 300, T0 + 600}, s.epochSeconds());
    assertArrayEquals(new double[] {101, 98.5, 99}, s.closes());
    assertArrayEquals(new double[] {102, 101.5, 99.5}, s.highs());
    assertTrue(s.gaps().isEmpty());
  }

  @Test
  void readsEpochSecondsAndMillisecondsToldApartBySize() throws IOException {
    // CryptoDataDownload switched from seconds to milliseconds mid-file: both are read right.
    Path file = write("timestamp,close\n" + T0 + ",1\n" + (T0 + 60) + ",2\n" + (T0 + 120) * 1000 + ",3\n");
    PriceSeries s = PriceSeriesCsv.read(file, GapPolicy.REJECT);
    assertArrayEquals(new long[] {T0, T0 + 60, T0 + 120}, s.epochSeconds());
    assertFalse(s.hasOhlc());
    assertEquals(60, s.resolutionSeconds());
  }

  @Test
  void gapsAreListedWhenAllowedAndNamedWhenRejected() throws IOException {
    // Bars at 0, 5, 10 min, then 30 and 35 min: three 5-minute bars (15, 20, 25) are missing.
    Path file = write("timestamp,close\n2020-03-12T00:00:00Z,1\n2020-03-12T00:05:00Z,1\n"
        + "2020-03-12T00:10:00Z,1\n2020-03-12T00:30:00Z,1\n2020-03-12T00:35:00Z,1\n");
    PriceSeries s = PriceSeriesCsv.read(file, GapPolicy.ALLOW);
    assertEquals(List.of(new PriceSeries.Gap(T0 + 900, T0 + 1800, 3)), s.gaps());
    assertEquals(5, s.size(), "nothing is filled in");
    InputError e = assertThrows(InputError.class, () -> PriceSeriesCsv.read(file, GapPolicy.REJECT));
    assertEquals(file + ":5: field 'timestamp': 2020-03-12T00:30:00Z follows 2020-03-12T00:10:00Z"
        + " (line 4): 3 bars of 300 s missing; gap policy 'reject' (with 'allow' gaps are listed,"
        + " never filled)", e.getMessage());
  }

  /**
   * A corpus of broken files, one kind of breakage each: every error starts with the file and
   * names the line, the field and the value.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "empty file             | ''                                                                   | :1: missing header",
      "missing close column   | timestamp,open\\n2020-03-12T00:00:00Z,1\\n                             | :1: missing column 'close'",
      "missing timestamp      | close\\n1\\n2\\n                                                      | :1: missing column 'timestamp'",
      "unknown column         | timestamp,close,vwap\\n2020-03-12T00:00:00Z,1,1\\n                    | :1: unknown column 'vwap'",
      "duplicate column       | timestamp,close,close\\n2020-03-12T00:00:00Z,1,1\\n                   | :1: column 'close' appears twice",
      "high without low       | timestamp,open,high,close\\n2020-03-12T00:00:00Z,1,1,1\\n             | :1: missing column 'low'; open, high and low come together",
      "header only            | timestamp,close\\n                                                    | : no bars after the header",
      "one bar                | timestamp,close\\n2020-03-12T00:00:00Z,1\\n                           | : only 1 bar after the header",
      "wrong field count      | timestamp,close\\n2020-03-12T00:00:00Z,1\\n2020-03-12T00:05:00Z\\n    | :3: expected 2 fields (timestamp,close), found 1",
      "bad timestamp          | timestamp,close\\n12/03/2020 00:00,1\\n                               | :2: field 'timestamp': '12/03/2020 00:00' is not a timestamp",
      "impossible date        | timestamp,close\\n2020-02-30T00:00:00Z,1\\n                           | :2: field 'timestamp': '2020-02-30T00:00:00Z' is not a valid time",
      "local time, no Z       | timestamp,close\\n2020-03-12T00:00:00,1\\n                            | :2: field 'timestamp': '2020-03-12T00:00:00' is not a timestamp",
      "offset, not UTC        | timestamp,close\\n2020-03-12T00:00:00+01:00,1\\n                      | :2: field 'timestamp': '2020-03-12T00:00:00+01:00' is not a timestamp",
      "milliseconds fraction  | timestamp,close\\n1583971200500,1\\n                                  | :2: field 'timestamp': '1583971200500' (epoch milliseconds) is not a whole second",
      "year 2200              | timestamp,close\\n7258118400,1\\n                                     | :2: field 'timestamp': '7258118400' is 2200-01-01T00:00:00Z",
      "mixed timestamp forms  | timestamp,close\\n2020-03-12T00:00:00Z,1\\n1583971500,1\\n            | :3: field 'timestamp': '1583971500' is an epoch integer, but line 2 is ISO-8601",
      "unsorted timestamps    | timestamp,close\\n2020-03-12T00:05:00Z,1\\n2020-03-12T00:00:00Z,1\\n | :3: field 'timestamp': 2020-03-12T00:00:00Z is before 2020-03-12T00:05:00Z on line 2",
      "duplicate timestamp    | timestamp,close\\n2020-03-12T00:05:00Z,1\\n2020-03-12T00:05:00Z,1\\n | :3: field 'timestamp': 2020-03-12T00:05:00Z repeats the time of line 2",
      "irregular spacing      | timestamp,close\\n2020-03-12T00:00:00Z,1\\n2020-03-12T00:05:00Z,1\\n2020-03-12T00:10:00Z,1\\n2020-03-12T00:12:00Z,1\\n | :5: field 'timestamp': 2020-03-12T00:12:00Z is 120 s after the bar of line 4, not a multiple of the series resolution 300 s",
      "NaN close              | timestamp,close\\n2020-03-12T00:00:00Z,NaN\\n                         | :2: field 'close': 'NaN' is not finite",
      "infinite open          | " + HEADER + "2020-03-12T00:00:00Z,Infinity,2,1,1,0\\n                 | :2: field 'open': 'Infinity' is not finite",
      "zero price             | timestamp,close\\n2020-03-12T00:00:00Z,1\\n2020-03-12T00:05:00Z,0\\n | :3: field 'close': 0 is out of range; expected a price >= 1.0E-12 and < 1.0E12",
      "negative price         | timestamp,close\\n2020-03-12T00:00:00Z,-5\\n                          | :2: field 'close': -5 is out of range",
      "huge price             | timestamp,close\\n2020-03-12T00:00:00Z,1e300\\n                       | :2: field 'close': 1e300 is out of range",
      "overflowing price      | timestamp,close\\n2020-03-12T00:00:00Z,1e400\\n                       | :2: field 'close': '1e400' is not finite",
      "not a number           | timestamp,close\\n2020-03-12T00:00:00Z,12.5.1\\n                      | :2: field 'close': '12.5.1' is not a number",
      "hex float              | timestamp,close\\n2020-03-12T00:00:00Z,0x1p3\\n                       | :2: field 'close': '0x1p3' is not a number",
      "high below low         | " + HEADER + "2020-03-12T00:00:00Z,10,9,11,10,0\\n                     | :2: field 'high': 9 is below low 11",
      "high below close       | " + HEADER + "2020-03-12T00:00:00Z,10,10.5,9,11,0\\n                   | :2: field 'high': 10.5 is below max(open, close) = 11.0",
      "low above open         | " + HEADER + "2020-03-12T00:00:00Z,10,12,10.5,11,0\\n                  | :2: field 'low': 10.5 is above min(open, close) = 10.0",
      "negative volume        | " + HEADER + "2020-03-12T00:00:00Z,10,12,9,11,-1\\n                    | :2: field 'volume': -1 is out of range",
      "stray quote            | timestamp,close\\n2020-03-12T00:00:00Z\",1\\n                          | :2: field 'timestamp': 2020-03-12T00:00:00Z\": a double quote inside an unquoted field",
  })
  void brokenFilesAreRejectedPrecisely(String kind, String text, String expected) throws IOException {
    Path file = write(text.equals("''") ? "" : text);
    InputError e = assertThrows(InputError.class, () -> PriceSeriesCsv.read(file, GapPolicy.ALLOW), kind);
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), kind + ": " + e.getMessage());
  }

  @Test
  void invalidUtf8IsRejectedWithItsLine() throws IOException {
    Path file = dir.resolve("latin1.csv");
    byte[] head = "timestamp,close\n2020-03-12T00:00:00Z,1\n2020-03-12T00:05:00Z,1".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
    bytes[head.length] = (byte) 0xE9; // 'é' in Latin-1, a broken sequence in UTF-8
    bytes[head.length + 1] = '\n';
    Files.write(file, bytes);
    InputError e = assertThrows(InputError.class, () -> PriceSeriesCsv.read(file, GapPolicy.ALLOW));
    assertEquals(file + ":3: not valid UTF-8 text", e.getMessage());
  }

  @Test
  void overlongLineIsRejectedWithoutReadingIt() throws IOException {
    Path file = write("timestamp,close\n2020-03-12T00:00:00Z," + "1".repeat(5_000) + "\n");
    InputError e = assertThrows(InputError.class, () -> PriceSeriesCsv.read(file, GapPolicy.ALLOW));
    assertEquals(file + ":2: line longer than 1000 characters", e.getMessage());
  }

  @Test
  void binaryFileIsRejected() throws IOException {
    Path file = dir.resolve("series.parquet");
    Files.write(file, new byte[] {'P', 'A', 'R', '1', 0, 0, (byte) 0x15, 4, (byte) 0xFF, (byte) 0xFE});
    InputError e = assertThrows(InputError.class, () -> PriceSeriesCsv.read(file, GapPolicy.ALLOW));
    assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
  }

  @Test
  void missingFileIsAnInputError() {
    Path file = dir.resolve("absent.csv");
    InputError e = assertThrows(InputError.class, () -> PriceSeriesCsv.read(file, GapPolicy.ALLOW));
    assertEquals(file + ": price series file not found", e.getMessage());
  }

  @Test
  void gapPolicyParsesOnlyItsTwoNames() {
    assertEquals(GapPolicy.ALLOW, GapPolicy.parse("allow"));
    assertEquals(GapPolicy.REJECT, GapPolicy.parse("reject"));
    assertThrows(IllegalArgumentException.class, () -> GapPolicy.parse("interpolate"));
  }
}
