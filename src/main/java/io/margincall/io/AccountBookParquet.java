package io.margincall.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads an account book from a Parquet file, with the columns and rules of
 * {@link AccountBookCsv} (the same names; numbers as DOUBLE, FLOAT, INT32 or INT64, ids and
 * kinds as strings; a null is an empty field). Every error names the file, the row (1-based)
 * and the field, and nothing is read past it. Read with parquet-hadoop directly: no Spark
 * session is needed to check a book before a run.
 */
public final class AccountBookParquet {
  private AccountBookParquet() {}

  /** Whether a file is read as Parquet: its name ends in {@code .parquet}. */
  public static boolean isParquet(Path file) {
    return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet");
  }

  /** The loans and perp positions of a Parquet book (defaults as {@link AccountBookCsv}). */
  public static AccountBookCsv.Accounts read(Path file, double defaultThreshold,
                                             double defaultMaintenance) {
    AccountBookCsv.Source src = AccountBookCsv.Source.parquet(file);
    if (!Files.isRegularFile(file)) {
      throw new InputError(file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
    }
    List<String[]> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    String[] header = null;
    Configuration conf = new Configuration();
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
        new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri())).withConf(conf).build()) {
      Group g;
      while ((g = reader.read()) != null) {
        GroupType schema = g.getType();
        if (header == null) {
          header = new String[schema.getFieldCount()];
          for (int k = 0; k < header.length; k++) {
            Type t = schema.getType(k);
            if (!t.isPrimitive()) {
              throw new InputError(src.at(1) + ": column '" + t.getName() + "' is nested; "
                  + "expected flat columns of numbers and strings");
            }
            header[k] = t.getName();
          }
        }
        String[] fields = new String[header.length];
        for (int k = 0; k < header.length; k++) {
          fields[k] = text(src, rows.size() + 2, g, k);
        }
        rows.add(fields);
        lines.add(rows.size() + 1);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InputError error) {
        throw error;
      }
      throw new InputError(file + ": cannot read as Parquet: " + e.getMessage(), e);
    }
    if (header == null) {
      throw new InputError(file + ": no accounts in the file");
    }
    return AccountBookCsv.accounts(src, header, rows, lines, defaultThreshold, defaultMaintenance);
  }

  /** Field k of a row as the CSV reader would see it: a number's shortest text, "" for null. */
  private static String text(AccountBookCsv.Source src, int line, Group g, int k) {
    if (g.getFieldRepetitionCount(k) == 0) {
      return "";
    }
    PrimitiveType type = g.getType().getType(k).asPrimitiveType();
    return switch (type.getPrimitiveTypeName()) {
      case DOUBLE -> Double.toString(g.getDouble(k, 0));
      case FLOAT -> Float.toString(g.getFloat(k, 0));
      case INT32 -> Integer.toString(g.getInteger(k, 0));
      case INT64 -> Long.toString(g.getLong(k, 0));
      case BINARY -> g.getString(k, 0);
      default -> throw new InputError(src.at(line) + ": field '" + type.getName() + "' has type "
          + type.getPrimitiveTypeName() + "; expected a number or a string");
    };
  }
}
