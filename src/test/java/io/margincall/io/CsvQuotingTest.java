package io.margincall.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CSV inputs read RFC 4180 quoted fields and refuse a stray double quote. */
class CsvQuotingTest {
  @TempDir
  Path dir;

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("book.csv"), text);
  }

  @Test
  void aStrayQuoteInAnIdIsRefusedWithFileLineAndField() throws IOException {
    Path file = write("account_id,collateral,debt\nacct-1,1,100\n\"acct-3,2,100\n");
    InputError e = assertThrows(InputError.class, () -> AccountBookCsv.read(file, 0.8));
    assertTrue(e.getMessage().startsWith(file + ":3: field 'account_id': a quoted field is not"
        + " closed on its line"), e.getMessage());
    Path mid = write("account_id,collateral,debt\nac\"ct,1,100\n");
    e = assertThrows(InputError.class, () -> AccountBookCsv.read(mid, 0.8));
    assertTrue(e.getMessage().startsWith(mid + ":2: field 'account_id': ac\"ct: a double quote inside"
        + " an unquoted field"), e.getMessage());
  }

  /** As spreadsheets and pandas (QUOTE_ALL, QUOTE_NONNUMERIC) write them. */
  @Test
  void quotedFieldsAreRead() throws IOException {
    AccountBookCsv.Accounts a = AccountBookCsv.read(write(
        "\"account_id\",\"collateral\",\"debt\"\n\"acct, 1\",\"1.5\",100\n\"say \"\"hi\"\"\",2,\"0\"\n"),
        0.8);
    assertEquals(List.of("acct, 1", "say \"hi\""), a.ids());
    assertArrayEquals(new double[] {1.5, 2}, a.collateral());
    assertArrayEquals(new double[] {100, 0}, a.debt());
    assertEquals(List.of(2, 3), a.lines());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"a\"x,1,100  | :2: field 'account_id': text after the closing double quote",
      "a,\"1,100     | :2: field 'collateral': a quoted field is not closed",
      "a,1,100\"     | :2: field 'debt': 100\": a double quote inside an unquoted field",
      "a,1,100,\"x   | :2: field 4: a quoted field is not closed",
  })
  void brokenQuotingIsRefusedPrecisely(String row, String expected) throws IOException {
    Path file = write("account_id,collateral,debt\n" + row.strip() + "\n");
    InputError e = assertThrows(InputError.class, () -> AccountBookCsv.read(file, 0.8));
    assertTrue(e.getMessage().startsWith(file + expected.strip()), e.getMessage());
  }

  @Test
  void thePriceSeriesReadsTheSameQuoting() throws IOException {
    Path ok = Files.writeString(dir.resolve("p.csv"), "\"timestamp\",\"close\"\n"
        + "\"2020-03-12T00:00:00Z\",\"100\"\n2020-03-12T00:01:00Z,101\n");
    assertEquals(2, PriceSeriesCsv.read(ok, PriceSeriesCsv.GapPolicy.REJECT).size());
    Path bad = Files.writeString(dir.resolve("q.csv"), "timestamp,close\n"
        + "2020-03-12T00:00:00Z,100\n2020-03-12T00:01:00Z,\"101\n");
    InputError e = assertThrows(InputError.class,
        () -> PriceSeriesCsv.read(bad, PriceSeriesCsv.GapPolicy.REJECT));
    assertTrue(e.getMessage().startsWith(bad + ":3: field 'close': a quoted field is not closed"),
        e.getMessage());
  }
}
