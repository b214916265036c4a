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
      "perp without kind   | account_id,collateral,debt,size\\na,1,2,3\\n  | :1: column 'size' is for perp positions; a book with them needs a 'kind' column",
      "unknown kind        | account_id,kind,collateral,debt\\na,swap,1,2\\n | :2: field 'kind': 'swap' is not a kind; expected loan or perp",
      "perp field on loan  | account_id,kind,collateral,debt,margin\\na,loan,1,2,5\\n | :2: field 'margin' must be empty for a loan",
      "loan field on perp  | account_id,kind,collateral,margin,size,entry_price\\np,perp,1,100,1,2000\\n | :2: field 'collateral' must be empty for a perp",
      "perp column missing | account_id,kind,margin,size\\np,perp,100,1\\n | :2: a perp needs column 'entry_price'",
      "zero size           | account_id,kind,margin,size,entry_price\\np,perp,100,0,2000\\n | :2: field 'size': 0 is out of range",
      "NaN entry           | account_id,kind,margin,size,entry_price\\np,perp,100,1,NaN\\n | :2: field 'entry_price': 'NaN' is not finite",
      "bad maintenance     | account_id,kind,margin,size,entry_price,maintenance_margin\\np,perp,100,1,2000,1\\n | :2: field 'maintenance_margin': 1 is out of range",
      "empty perp margin   | account_id,kind,margin,size,entry_price\\np,perp,,1,2000\\n | :2: field 'margin' is empty; a perp needs it",
      "bad initial margin  | account_id,kind,margin,size,entry_price,initial_margin\\np,perp,100,1,2000,0\\n | :2: field 'initial_margin': 0 is out of range; expected a fraction in (0, 1]",
      "initial on a loan   | account_id,kind,collateral,debt,initial_margin\\na,loan,1,2,0.1\\n | :2: field 'initial_margin' must be empty for a loan",
  })
  void brokenFilesAreRejectedPrecisely(String kind, String text, String expected) throws IOException {
    Path file = write(text.equals("''") ? "" : text);
    InputError e = assertThrows(InputError.class, () -> AccountBookCsv.read(file, 0.8), kind);
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), kind + ": " + e.getMessage());
  }

  @Test
  void readsLoansAndPerpsSideBySide() throws IOException {
    Path file = write("account_id,kind,collateral,debt,margin,size,entry_price,maintenance_margin,"
        + "initial_margin\n"
        + "a,loan,1.5,100,,,,,\n"
        + "L,perp,,,500,2,2000,0.01,0.1\n"
        + "S,perp,,,800,-3.5,2100,,\n");
    AccountBookCsv.Accounts a = AccountBookCsv.read(file, 0.8, 0.005);
    assertEquals(List.of("a"), a.ids());
    assertArrayEquals(new double[] {0.8}, a.threshold());
    assertEquals(List.of("L", "S"), a.perpIds());
    assertEquals(List.of(3, 4), a.perpLines());
    assertArrayEquals(new double[] {500, 800}, a.margin());
    assertArrayEquals(new double[] {2, -3.5}, a.size());
    assertArrayEquals(new double[] {2000, 2100}, a.entry());
    assertArrayEquals(new double[] {0.01, 0.005}, a.maintenance());
    assertEquals(0.1, a.initial()[0]);
    assertTrue(Double.isNaN(a.initial()[1]), "no initial margin given");
    // Without a default, a missing maintenance margin is left for the caller (NaN).
    assertTrue(Double.isNaN(AccountBookCsv.read(file, 0.8).maintenance()[1]));
  }

  @Test
  void invalidUtf8IsRejected() throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, new byte[] {'a', 'c', 'c', (byte) 0xE9, '\n'});
    InputError e = assertThrows(InputError.class, () -> AccountBookCsv.read(file, 0.8));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }
}
