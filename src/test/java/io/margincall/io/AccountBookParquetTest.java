package io.margincall.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet account book: the CSV book's columns and checks, rows instead of lines. */
class AccountBookParquetTest {
  @TempDir
  Path dir;

  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message book { required binary account_id (UTF8); required binary kind (UTF8);"
          + " optional double collateral; optional double debt; optional double margin;"
          + " optional double size; optional double entry_price; optional double maintenance_margin; }");

  private int written;

  private Path write(Object[][] rows) throws IOException {
    Path file = dir.resolve("book-" + (written++) + ".parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(
        new org.apache.hadoop.fs.Path(file.toUri())).withType(SCHEMA)
        .withConf(new Configuration()).build()) {
      for (Object[] row : rows) {
        Group g = groups.newGroup();
        for (int k = 0; k < row.length; k++) {
          if (row[k] instanceof String s) {
            g.add(k, s);
          } else if (row[k] instanceof Double d) {
            g.add(k, d);
          }
        }
        writer.write(g);
      }
    }
    return file;
  }

  @Test
  void readsTheMixedBookTheCsvReaderReads() throws IOException {
    Path file = write(new Object[][] {
        {"a", "loan", 1.5, 100.0, null, null, null, null},
        {"L", "perp", null, null, 500.0, 2.0, 2000.0, 0.01},
        {"S", "perp", null, null, 800.0, -3.5, 2100.0, null},
    });
    AccountBookCsv.Accounts a = AccountBookParquet.read(file, 0.8, 0.005);
    assertEquals(List.of("a"), a.ids());
    assertArrayEquals(new double[] {1.5}, a.collateral());
    assertArrayEquals(new double[] {0.8}, a.threshold());
    assertEquals(List.of("L", "S"), a.perpIds());
    assertArrayEquals(new double[] {2, -3.5}, a.size());
    assertArrayEquals(new double[] {0.01, 0.005}, a.maintenance());
  }

  @Test
  void aBadFieldNamesTheFileTheRowAndTheField() throws IOException {
    Path file = write(new Object[][] {
        {"L", "perp", null, null, 500.0, 2.0, 2000.0, 0.01},
        {"S", "perp", null, null, Double.NaN, -3.5, 2100.0, 0.01},
    });
    InputError e = assertThrows(InputError.class, () -> AccountBookParquet.read(file, 0.8, 0.005));
    assertTrue(e.getMessage().startsWith(file + ": row 2: field 'margin': 'NaN' is not finite"),
        e.getMessage());
    Path loan = write(new Object[][] {{"a", "loan", 1.0, 2.0, 5.0, null, null, null}});
    e = assertThrows(InputError.class, () -> AccountBookParquet.read(loan, 0.8, 0.005));
    assertTrue(e.getMessage().contains(": row 1: field 'margin' must be empty for a loan"),
        e.getMessage());
    e = assertThrows(InputError.class,
        () -> AccountBookParquet.read(dir.resolve("none.parquet"), 0.8, 0.005));
    assertTrue(e.getMessage().endsWith("none.parquet: no such file"), e.getMessage());
  }
}
