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

class AccountBookCsvTest {
  @TempDir
  Path dir;

  private Path write(String text) throws IOException {
    Path file = dir.resolve("book.csv");
    Files.writeString(file, text.replace("\\n", "\n"));
    return file;
  }

  @Test
  void readsColumnsInAnyOrderWithOptionalThreshold() throws IOException {
    Path file = write("debt,account_id,collateral,liquidation_threshold\n100,a,1.5,0.8\n\n0,b,2,0.9\n");
    AccountBookCsv.Accounts a = AccountBookCsv.read(file, 0.5);
    assertEquals(List.of("a", "b"), a.ids());
    assertArrayEquals(new double[] {1.5, 2}, a.collateral());
    assertArrayEquals(new double[] {100, 0}, a.debt());
    assertArrayEquals(new double[] {0.8, 0.9}, a.threshold());
    a = AccountBookCsv.read(write("account_id,collateral,debt\nx,1,2\n"), 0.7);
    assertArrayEquals(new double[] {0.7}, a.threshold());
  }

  /** A corpus of broken files: each error names the file, the line and the field. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing column      | account_id,collateral\\na,1\\n                 | :1: missing column 'debt'",
      "unknown column      | account_id,colateral,debt\\na,1,2\\n           | :1: unknown column 'colateral'",
      "duplicate column    | account_id,debt,debt,collateral\\na,1,1,1\\n   | :1: column 'debt' appears twice",
      "NaN collateral      | account_id,collateral,debt\\na,NaN,2\\n         | :2: field 'collateral': 'NaN' is not finite",
      "negative collateral | account_id,collateral,debt\\na,1,2\\nb,-3,2\\n  | :3: field 'collateral': -3 is out of range",
      "zero collateral     | account_id,collateral,debt\\na,0,2\\n           | :2: field 'collateral': 0 is out of range",
      "line 3 broken       | account_id,collateral,debt\\na,1,2\\nb,1\\n    | :3: expected 3 fields",
      "not a number        | account_id,collateral,debt\\na,1,2\\nb,1,lots\\n | :3: field 'debt': 'lots' is not a number",
      "infinite debt       | account_id,collateral,debt\\na,1,Infinity\\n    | :2: field 'debt': 'Infinity' is not finite",
      "huge value          | account_id,collateral,debt\\na,1e300,2\\n       | :2: field 'collateral': 1e300 is out of range",
      "negative debt       | account_id,collateral,debt\\na,1,-2\\n          | :2: field 'debt': -2 is out of range",
      "bad threshold       | account_id,collateral,debt,liquidation_threshold\\na,1,2,1.5\\n | :2: field 'liquidation_threshold': 1.5 is out of range",
      "duplicate id        | account_id,collateral,debt\\na,1,2\\na,1,2\\n  | :3: field 'account_id': duplicate id 'a'",
      "empty id            | account_id,collateral,debt\\n,1,2\\n            | :2: field 'account_id' is empty",
      "header only         | account_id,collateral,debt\\n                 | : no accounts after the header",
      "empty file          | ''                                            | :1: missing header",
      "java double suffix  | account_id,collateral,debt\\na,1d,2\\n          | :2: field 'collateral': '1d' is not a number",
      "hex float           | account_id,collateral,debt\\na,1,0x1p3\\n       | :2: field 'debt': '0x1p3' is not a number",
      "subnormal collateral| account_id,collateral,debt\\na,1e-310,2\\n      | :2: field 'collateral': 1e-310 is out of range",
  })
  void brokenFilesAreRejectedPrecisely(String kind, String text, String expected) throws IOException {
    Path file = write(text.equals("''") ? "" : text);
    InputError e = assertThrows(InputError.class, () -> AccountBookCsv.read(file, 0.8), kind);
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), kind + ": " + e.getMessage());
  }

  @Test
  void invalidUtf8IsRejected() throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, new byte[] {'a', 'c', 'c', (byte) 0xE9, '\n'});
    InputError e = assertThrows(InputError.class, () -> AccountBookCsv.read(file, 0.8));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }
}
