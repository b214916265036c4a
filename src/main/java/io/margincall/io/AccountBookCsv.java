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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an account book from CSV, strictly.
 *
 * <p>Format: UTF-8, comma-separated, no quoting; a header naming the columns
 * {@code account_id}, {@code collateral} (asset units, finite, {@code > 0}), {@code debt} (USD,
 * finite, {@code >= 0}) and optionally {@code liquidation_threshold} (in (0, 1]), in any order;
 * then one line per account. Blank lines are skipped. Every error names the file, the line
 * (1-based, the header is line 1) and the field, and nothing is read past it.
 */
public final class AccountBookCsv {
  /** Largest collateral or debt accepted, to keep products with prices finite. */
  public static final double MAX_AMOUNT = 1e15;
  /** Smallest collateral accepted: far below any real holding, far above where ratios overflow. */
  public static final double MIN_AMOUNT = 1e-12;
  private static final List<String> REQUIRED = List.of("account_id", "collateral", "debt");
  private static final String THRESHOLD = "liquidation_threshold";

  private AccountBookCsv() {}

  /** The accounts of a file; {@code defaultThreshold} fills a missing threshold column. */
  public static Accounts read(Path file, double defaultThreshold) {
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
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new InputError(file + ":1: missing header; expected account_id,collateral,debt"
          + "[,liquidation_threshold]");
    }
    String headerLine = stripBom(lines.get(0));
    String[] header = headerLine.split(",", -1);
    Map<String, Integer> column = new HashMap<>();
    for (int k = 0; k < header.length; k++) {
      String name = header[k].trim();
      if (!REQUIRED.contains(name) && !THRESHOLD.equals(name)) {
        throw new InputError(file + ":1: unknown column '" + name + "'; allowed: "
            + String.join(", ", REQUIRED) + ", " + THRESHOLD);
      }
      if (column.put(name, k) != null) {
        throw new InputError(file + ":1: column '" + name + "' appears twice");
      }
    }
    for (String required : REQUIRED) {
      if (!column.containsKey(required)) {
        throw new InputError(file + ":1: missing column '" + required + "'; the header must name "
            + String.join(", ", REQUIRED) + " (and optionally " + THRESHOLD + ")");
      }
    }
    int idCol = column.get("account_id");
    int collateralCol = column.get("collateral");
    int debtCol = column.get("debt");
    int thresholdCol = column.getOrDefault(THRESHOLD, -1);

    List<String> ids = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    double[] collateral = new double[lines.size()];
    double[] debt = new double[lines.size()];
    double[] threshold = new double[lines.size()];
    int n = 0;
    for (int row = 1; row < lines.size(); row++) {
      String line = lines.get(row);
      int lineNumber = row + 1;
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length != header.length) {
        throw new InputError(file + ":" + lineNumber + ": expected " + header.length
            + " fields (" + headerLine.trim() + "), found " + fields.length);
      }
      String id = fields[idCol].trim();
      if (id.isEmpty()) {
        throw new InputError(file + ":" + lineNumber + ": field 'account_id' is empty");
      }
      if (!seen.add(id)) {
        throw new InputError(file + ":" + lineNumber + ": field 'account_id': duplicate id '" + id + "'");
      }
      collateral[n] = amount(file, lineNumber, "collateral", fields[collateralCol], false);
      debt[n] = amount(file, lineNumber, "debt", fields[debtCol], true);
      threshold[n] = thresholdCol < 0 ? defaultThreshold
          : threshold(file, lineNumber, fields[thresholdCol]);
      ids.add(id);
      lineNumbers.add(lineNumber);
      n++;
    }
    if (n == 0) {
      throw new InputError(file + ": no accounts after the header");
    }
    return new Accounts(ids, lineNumbers, java.util.Arrays.copyOf(collateral, n),
        java.util.Arrays.copyOf(debt, n), java.util.Arrays.copyOf(threshold, n));
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** A plain decimal number: no hex, no type suffix (Java's parser takes "1d", "0x1p3"). */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static double parse(Path file, int line, String field, String text, String allowed) {
    String t = text.trim();
    if (t.equalsIgnoreCase("nan") || t.matches("[+-]?(?i)inf(inity)?")) {
      throw new InputError(file + ":" + line + ": field '" + field + "': '" + t
          + "' is not finite; expected " + allowed);
    }
    if (!DECIMAL.matcher(t).matches()) {
      throw new InputError(file + ":" + line + ": field '" + field + "': '" + t
          + "' is not a number; expected " + allowed);
    }
    double v = Double.parseDouble(t);
    if (!Double.isFinite(v)) {
      throw new InputError(file + ":" + line + ": field '" + field + "': '" + t
          + "' is not finite; expected " + allowed);
    }
    return v;
  }

  private static double amount(Path file, int line, String field, String text, boolean zeroOk) {
    String allowed = "a finite number " + (zeroOk ? ">= 0" : "> 0") + " and < " + MAX_AMOUNT
        + (zeroOk ? "" : ", not below " + MIN_AMOUNT);
    double v = parse(file, line, field, text, allowed);
    if ((zeroOk ? v < 0 : v < MIN_AMOUNT) || v >= MAX_AMOUNT) {
      throw new InputError(file + ":" + line + ": field '" + field + "': " + text.trim()
          + " is out of range; expected " + allowed);
    }
    return v;
  }

  private static double threshold(Path file, int line, String text) {
    String allowed = "a fraction in (0, 1]";
    double v = parse(file, line, THRESHOLD, text, allowed);
    if (!(v > 0 && v <= 1)) {
      throw new InputError(file + ":" + line + ": field '" + THRESHOLD + "': " + text.trim()
          + " is out of range; expected " + allowed);
    }
    return v;
  }

  /** The accounts read, in file order. */
  public record Accounts(List<String> ids, List<Integer> lines, double[] collateral, double[] debt,
                         double[] threshold) {}
}
