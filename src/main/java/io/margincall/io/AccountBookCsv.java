package io.margincall.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an account book from CSV, strictly.
 *
 * <p>Format: UTF-8, comma-separated, RFC 4180 quoting ({@link CsvRecord}: a field may be quoted,
 * a stray double quote is refused); a header naming the columns, in any order, then one line per
 * account. Blank lines are skipped. Every error names the file, the line (1-based,
 * the header is line 1) and the field, and nothing is read past it.
 * <ul>
 *   <li>A lending book: {@code account_id}, {@code collateral} (asset units, finite,
 *       {@code > 0}), {@code debt} (USD, finite, {@code >= 0}) and optionally
 *       {@code liquidation_threshold} (in (0, 1]).</li>
 *   <li>With a {@code kind} column, loans and perpetual-futures positions side by side: a row of
 *       kind {@code loan} fills the lending columns, a row of kind {@code perp} fills
 *       {@code margin} (USD, {@code > 0}), {@code size} (asset units, long {@code > 0}, short
 *       {@code < 0}), {@code entry_price} (USD, {@code > 0}) and optionally
 *       {@code maintenance_margin} (in [0, 1)) and {@code initial_margin} (in (0, 1]); the other
 *       kind's fields stay empty.</li>
 * </ul>
 */
public final class AccountBookCsv {
  /** Largest collateral or debt accepted, to keep products with prices finite. */
  public static final double MAX_AMOUNT = 1e15;
  /** Smallest collateral accepted: far below any real holding, far above where ratios overflow. */
  public static final double MIN_AMOUNT = 1e-12;
  private static final List<String> REQUIRED = List.of("account_id", "collateral", "debt");
  private static final String THRESHOLD = "liquidation_threshold";
  private static final String KIND = "kind";
  private static final List<String> LOAN = List.of("collateral", "debt", THRESHOLD);
  private static final List<String> PERP = List.of("margin", "size", "entry_price",
      "maintenance_margin", "initial_margin");
  private static final List<String> ALLOWED = List.of("account_id", KIND, "collateral", "debt",
      THRESHOLD, "margin", "size", "entry_price", "maintenance_margin", "initial_margin");

  private AccountBookCsv() {}

  /** The loans of a lending book; {@code defaultThreshold} fills a missing threshold column. */
  public static Accounts read(Path file, double defaultThreshold) {
    return read(file, defaultThreshold, Double.NaN);
  }

  /**
   * The loans and perp positions of a file; {@code defaultThreshold} fills a missing threshold,
   * {@code defaultMaintenance} a missing maintenance margin (NaN: the caller fills it, by the
   * position's notional tier).
   */
  public static Accounts read(Path file, double defaultThreshold, double defaultMaintenance) {
    List<String> lines;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)))) {
      lines = reader.lines().toList();
    } catch (java.io.UncheckedIOException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw new InputError(file + ": not valid UTF-8 text");
      }
      throw new InputError(file + ": cannot read: " + e.getCause().getMessage(), e);
    } catch (IOException e) {
      throw new InputError(file + ": cannot read: " + e.getMessage(), e);
    }
    Source src = Source.csv(file);
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new InputError(src.at(1) + ": missing header; expected account_id,collateral,debt"
          + "[,liquidation_threshold]");
    }
    String headerLine = stripBom(lines.get(0));
    String[] header = CsvRecord.split(headerLine, src.at(1), k -> String.valueOf(k + 1));
    List<String[]> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    for (int row = 1; row < lines.size(); row++) {
      String line = lines.get(row);
      int lineNumber = row + 1;
      if (line.isBlank()) {
        continue;
      }
      String[] fields = CsvRecord.split(line, src.at(lineNumber),
          k -> k < header.length ? "'" + header[k].trim() + "'" : String.valueOf(k + 1));
      if (fields.length != header.length) {
        throw new InputError(src.at(lineNumber) + ": expected " + header.length
            + " fields (" + headerLine.trim() + "), found " + fields.length);
      }
      rows.add(fields);
      rowLines.add(lineNumber);
    }
    return accounts(src, header, rows, rowLines, defaultThreshold, defaultMaintenance);
  }

  /**
   * The accounts of a book given as named columns and rows of text fields (a CSV file's, or a
   * Parquet file's rendered as text), checked field by field; {@code rowLines} numbers the rows
   * for messages (the header is line 1).
   */
  static Accounts accounts(Source src, String[] header, List<String[]> rows,
                           List<Integer> rowLines, double defaultThreshold,
                           double defaultMaintenance) {
    Map<String, Integer> column = new HashMap<>();
    for (int k = 0; k < header.length; k++) {
      String name = header[k].trim();
      if (!ALLOWED.contains(name)) {
        throw new InputError(src.at(1) + ": unknown column '" + name + "'; allowed: "
            + String.join(", ", ALLOWED));
      }
      if (column.put(name, k) != null) {
        throw new InputError(src.at(1) + ": column '" + name + "' appears twice");
      }
    }
    boolean kinds = column.containsKey(KIND);
    if (!kinds) {
      for (String perp : PERP) {
        if (column.containsKey(perp)) {
          throw new InputError(src.at(1) + ": column '" + perp + "' is for perp positions; a book"
              + " with them needs a 'kind' column (loan or perp)");
        }
      }
      for (String required : REQUIRED) {
        if (!column.containsKey(required)) {
          throw new InputError(src.at(1) + ": missing column '" + required + "'; the header must"
              + " name " + String.join(", ", REQUIRED) + " (and optionally " + THRESHOLD + ")");
        }
      }
    } else if (!column.containsKey("account_id")) {
      throw new InputError(src.at(1) + ": missing column 'account_id'");
    }
    int idCol = column.get("account_id");
    int thresholdCol = column.getOrDefault(THRESHOLD, -1);
    int maintenanceCol = column.getOrDefault("maintenance_margin", -1);
    int initialCol = column.getOrDefault("initial_margin", -1);

    List<String> ids = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    List<String> perpIds = new ArrayList<>();
    List<Integer> perpLines = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int count = rows.size();
    double[] collateral = new double[count];
    double[] debt = new double[count];
    double[] threshold = new double[count];
    double[] margin = new double[count];
    double[] size = new double[count];
    double[] entry = new double[count];
    double[] maintenance = new double[count];
    double[] initial = new double[count];
    int n = 0;
    int m = 0;
    for (int row = 0; row < count; row++) {
      String[] fields = rows.get(row);
      int lineNumber = rowLines.get(row);
      String id = fields[idCol].trim();
      if (id.isEmpty()) {
        throw new InputError(src.at(lineNumber) + ": field 'account_id' is empty");
      }
      if (!seen.add(id)) {
        throw new InputError(src.at(lineNumber) + ": field 'account_id': duplicate id '" + id + "'");
      }
      String kind = kinds ? fields[column.get(KIND)].trim() : "loan";
      if (!kind.equals("loan") && !kind.equals("perp")) {
        throw new InputError(src.at(lineNumber) + ": field 'kind': '" + kind
            + "' is not a kind; expected loan or perp");
      }
      boolean loan = kind.equals("loan");
      for (String other : loan ? PERP : LOAN) {
        Integer k = column.get(other);
        if (k != null && !fields[k].isBlank()) {
          throw new InputError(src.at(lineNumber) + ": field '" + other + "' must be empty"
              + " for a " + kind + " (it is for " + (loan ? "perp positions" : "loans") + ")");
        }
      }
      if (loan) {
        collateral[n] = amount(src, lineNumber, "collateral",
            field(src, lineNumber, column, fields, "collateral", kind), false);
        debt[n] = amount(src, lineNumber, "debt",
            field(src, lineNumber, column, fields, "debt", kind), true);
        threshold[n] = thresholdCol < 0 || fields[thresholdCol].isBlank() && kinds
            ? defaultThreshold : threshold(src, lineNumber, fields[thresholdCol]);
        ids.add(id);
        lineNumbers.add(lineNumber);
        n++;
      } else {
        margin[m] = amount(src, lineNumber, "margin",
            field(src, lineNumber, column, fields, "margin", kind), false);
        size[m] = size(src, lineNumber, field(src, lineNumber, column, fields, "size", kind));
        entry[m] = amount(src, lineNumber, "entry_price",
            field(src, lineNumber, column, fields, "entry_price", kind), false);
        maintenance[m] = maintenanceCol >= 0 && !fields[maintenanceCol].isBlank()
            ? maintenance(src, lineNumber, fields[maintenanceCol]) : defaultMaintenance;
        initial[m] = initialCol >= 0 && !fields[initialCol].isBlank()
            ? initialMargin(src, lineNumber, fields[initialCol]) : Double.NaN;
        perpIds.add(id);
        perpLines.add(lineNumber);
        m++;
      }
    }
    if (n + m == 0) {
      throw new InputError(src.file() + ": no accounts after the header");
    }
    return new Accounts(ids, lineNumbers, Arrays.copyOf(collateral, n), Arrays.copyOf(debt, n),
        Arrays.copyOf(threshold, n), perpIds, perpLines, Arrays.copyOf(margin, m),
        Arrays.copyOf(size, m), Arrays.copyOf(entry, m), Arrays.copyOf(maintenance, m),
        Arrays.copyOf(initial, m));
  }

  /** A field a row of this kind needs: its text, or an error naming the missing column. */
  private static String field(Source src, int line, Map<String, Integer> column, String[] fields,
                              String name, String kind) {
    Integer k = column.get(name);
    if (k == null) {
      throw new InputError(src.at(line) + ": a " + kind + " needs column '" + name
          + "', which the header does not name");
    }
    if (fields[k].isBlank()) {
      throw new InputError(src.at(line) + ": field '" + name + "' is empty; a " + kind
          + " needs it");
    }
    return fields[k];
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** A plain decimal number: no hex, no type suffix (Java's parser takes "1d", "0x1p3"). */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static double parse(Source src, int line, String field, String text, String allowed) {
    String t = text.trim();
    if (t.equalsIgnoreCase("nan") || t.matches("[+-]?(?i)inf(inity)?")) {
      throw new InputError(src.at(line) + ": field '" + field + "': '" + t
          + "' is not finite; expected " + allowed);
    }
    if (!DECIMAL.matcher(t).matches()) {
      throw new InputError(src.at(line) + ": field '" + field + "': '" + t
          + "' is not a number; expected " + allowed);
    }
    double v = Double.parseDouble(t);
    if (!Double.isFinite(v)) {
      throw new InputError(src.at(line) + ": field '" + field + "': '" + t
          + "' is not finite; expected " + allowed);
    }
    return v;
  }

  private static double amount(Source src, int line, String field, String text, boolean zeroOk) {
    String allowed = "a finite number " + (zeroOk ? ">= 0" : "> 0") + " and < " + MAX_AMOUNT
        + (zeroOk ? "" : ", not below " + MIN_AMOUNT);
    double v = parse(src, line, field, text, allowed);
    if ((zeroOk ? v < 0 : v < MIN_AMOUNT) || v >= MAX_AMOUNT) {
      throw new InputError(src.at(line) + ": field '" + field + "': " + text.trim()
          + " is out of range; expected " + allowed);
    }
    return v;
  }

  private static double threshold(Source src, int line, String text) {
    String allowed = "a fraction in (0, 1]";
    double v = parse(src, line, THRESHOLD, text, allowed);
    if (!(v > 0 && v <= 1)) {
      throw new InputError(src.at(line) + ": field '" + THRESHOLD + "': " + text.trim()
          + " is out of range; expected " + allowed);
    }
    return v;
  }

  private static double size(Source src, int line, String text) {
    String allowed = "a finite non-zero number of asset units (long > 0, short < 0), |size| in ["
        + MIN_AMOUNT + ", " + MAX_AMOUNT + ")";
    double v = parse(src, line, "size", text, allowed);
    if (!(Math.abs(v) >= MIN_AMOUNT && Math.abs(v) < MAX_AMOUNT)) {
      throw new InputError(src.at(line) + ": field 'size': " + text.trim()
          + " is out of range; expected " + allowed);
    }
    return v;
  }

  private static double maintenance(Source src, int line, String text) {
    String allowed = "a fraction in [0, 1)";
    double v = parse(src, line, "maintenance_margin", text, allowed);
    if (!(v >= 0 && v < 1)) {
      throw new InputError(src.at(line) + ": field 'maintenance_margin': " + text.trim()
          + " is out of range; expected " + allowed);
    }
    return v;
  }

  private static double initialMargin(Source src, int line, String text) {
    String allowed = "a fraction in (0, 1]";
    double v = parse(src, line, "initial_margin", text, allowed);
    if (!(v > 0 && v <= 1)) {
      throw new InputError(src.at(line) + ": field 'initial_margin': " + text.trim()
          + " is out of range; expected " + allowed);
    }
    return v;
  }

  /** Where a book's rows come from, for messages: a CSV file's lines, a Parquet file's rows. */
  record Source(String file, boolean csv) {
    static Source csv(Path file) {
      return new Source(file.toString(), true);
    }

    static Source parquet(Path file) {
      return new Source(file.toString(), false);
    }

    /** The place of line {@code line} (the header is line 1): {@code file:line}, or a row. */
    String at(int line) {
      if (csv) {
        return file + ":" + line;
      }
      return line == 1 ? file + ": schema" : file + ": row " + (line - 1);
    }
  }

  /**
   * The loans and perp positions read, each in file order, with their lines; a perp's
   * {@code initial} margin rate is NaN where the file gives none.
   */
  public record Accounts(List<String> ids, List<Integer> lines, double[] collateral, double[] debt,
                         double[] threshold, List<String> perpIds, List<Integer> perpLines,
                         double[] margin, double[] size, double[] entry, double[] maintenance,
                         double[] initial) {

    /** Where perp position k came from: {@code file:line} (or its Parquet row). */
    public String perpPlace(String file, boolean csv, int k) {
      return new Source(file, csv).at(perpLines.get(k));
    }
  }
}
