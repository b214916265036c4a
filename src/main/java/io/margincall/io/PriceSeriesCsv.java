package io.margincall.io;

import io.margincall.model.price.PriceSeries;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a price series from CSV, strictly.
 *
 * <p>Format: UTF-8, comma-separated, RFC 4180 quoting as the account book's ({@link CsvRecord});
 * a header naming {@code timestamp} and
 * {@code close}, and optionally {@code open}, {@code high}, {@code low} (the three together) and
 * {@code volume}, in any order; then one line per bar. Blank lines are skipped.
 *
 * <ul>
 *   <li>{@code timestamp}: the bar's open time, UTC, either ISO-8601 with {@code Z} and whole
 *       seconds ({@code 2020-03-12T09:55:00Z}) or an integer of epoch seconds or milliseconds,
 *       told apart by size: below {@value #MILLIS_FROM} it is seconds (that is the year 5138),
 *       from it on milliseconds (from 1973-03-03), which must be whole seconds. One file uses one
 *       form, ISO or epoch. Times from 1970 to 2100 only. Strictly increasing.
 *   <li>Prices: plain decimals, finite, in [{@value #MIN_PRICE}, {@value #MAX_PRICE}), in the
 *       quote currency; {@code high >= max(open, close) >= min(open, close) >= low}.
 *   <li>{@code volume}: a plain decimal, finite, in [0, {@value #MAX_VOLUME}); not kept.
 * </ul>
 *
 * <p>The resolution is the most common spacing of consecutive bars; every spacing must be a
 * whole multiple of it. A longer spacing is a gap: {@link GapPolicy#REJECT} stops at the first
 * one, {@link GapPolicy#ALLOW} keeps the series as it is and lists its gaps
 * ({@link PriceSeries#gaps()}); no bar is ever made up. Every error names the file, the line
 * (1-based, the header is line 1), the field and the value, and says what is allowed. Lines are
 * limited to {@value #MAX_LINE} characters and files to {@value #MAX_BARS} bars, so a hostile
 * file cannot exhaust memory.
 */
public final class PriceSeriesCsv {
  /** Largest price accepted: far above any asset, far below where products overflow. */
  public static final double MAX_PRICE = 1e12;
  /** Smallest price accepted: below any quoted price, above where logs and ratios misbehave. */
  public static final double MIN_PRICE = 1e-12;
  /** Largest volume accepted, in base-asset units. */
  public static final double MAX_VOLUME = 1e18;
  /** Epoch integers from this value on are milliseconds, below it seconds. */
  public static final long MILLIS_FROM = 100_000_000_000L;
  /** Latest bar time accepted, 2100-01-01T00:00:00Z, epoch seconds (exclusive). */
  public static final long LATEST = 4_102_444_800L;
  /** Longest line accepted, characters. */
  public static final int MAX_LINE = 1_000;
  /** Most bars accepted: 38 years of one-minute bars. */
  public static final int MAX_BARS = 20_000_000;

  private static final List<String> COLUMNS =
      List.of("timestamp", "open", "high", "low", "close", "volume");
  private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  private static final Pattern EPOCH = Pattern.compile("\\d{1,18}");
  /** A plain decimal number: no hex, no type suffix (Java's parser takes "1d", "0x1p3"). */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final String TIMESTAMP_ALLOWED = "an ISO-8601 UTC time like 2020-03-12T09:55:00Z,"
      + " or epoch seconds or milliseconds";

  /** What to do with missing bars. */
  public enum GapPolicy {
    /** A series with a gap is an error, naming the line after the first gap. */
    REJECT,
    /** Gaps are kept as they are and listed; nothing is filled in. */
    ALLOW;

    /** {@code reject} or {@code allow}. */
    public static GapPolicy parse(String text) {
      for (GapPolicy p : values()) {
        if (p.name().toLowerCase(Locale.ROOT).equals(text)) {
          return p;
        }
      }
      throw new IllegalArgumentException("gap policy '" + text + "': expected reject or allow");
    }
  }

  private PriceSeriesCsv() {}

  /**
   * The series of a file.
   *
   * @throws InputError naming file, line, field and value, for anything the format above forbids
   */
  public static PriceSeries read(Path file, GapPolicy gapPolicy) {
    try (Reader reader = new InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT))) {
      return new Parse(file, reader).run(gapPolicy);
    } catch (CharacterCodingException e) {
      throw new InputError(file + ": not valid UTF-8 text");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputError(file + ": price series file not found");
    } catch (IOException e) {
      throw new InputError(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** One reading of one file: the state of the line being parsed. */
  private static final class Parse {
    private final Path file;
    private final Reader reader;
    private final StringBuilder line = new StringBuilder();
    private int lineNumber;
    private boolean atEnd;

    Parse(Path file, Reader reader) {
      this.file = file;
      this.reader = reader;
    }

    PriceSeries run(GapPolicy gapPolicy) throws IOException {
      String headerLine = next();
      if (headerLine == null || headerLine.isBlank()) {
        throw new InputError(file + ":1: missing header; expected timestamp,open,high,low,close,volume"
            + " (timestamp and close required)");
      }
      if (headerLine.startsWith("\uFEFF")) {
        headerLine = headerLine.substring(1);
      }
      String[] header = CsvRecord.split(headerLine, file + ":1", k -> String.valueOf(k + 1));
      Map<String, Integer> column = new HashMap<>();
      for (int k = 0; k < header.length; k++) {
        String name = header[k].trim();
        if (!COLUMNS.contains(name)) {
          throw new InputError(file + ":1: unknown column '" + name + "'; allowed: "
              + String.join(", ", COLUMNS));
        }
        if (column.put(name, k) != null) {
          throw new InputError(file + ":1: column '" + name + "' appears twice");
        }
      }
      for (String required : List.of("timestamp", "close")) {
        if (!column.containsKey(required)) {
          throw new InputError(file + ":1: missing column '" + required + "'; the header must name"
              + " timestamp and close (and optionally open, high, low, volume)");
        }
      }
      int ohlcColumns = (column.containsKey("open") ? 1 : 0) + (column.containsKey("high") ? 1 : 0)
          + (column.containsKey("low") ? 1 : 0);
      if (ohlcColumns != 0 && ohlcColumns != 3) {
        for (String c : List.of("open", "high", "low")) {
          if (!column.containsKey(c)) {
            throw new InputError(file + ":1: missing column '" + c + "'; open, high and low come"
                + " together or not at all");
          }
        }
      }
      boolean ohlc = ohlcColumns == 3;
      int tCol = column.get("timestamp");
      int cCol = column.get("close");
      int oCol = column.getOrDefault("open", -1);
      int hCol = column.getOrDefault("high", -1);
      int lCol = column.getOrDefault("low", -1);
      int vCol = column.getOrDefault("volume", -1);

      long[] time = new long[1024];
      double[] close = new double[1024];
      double[] open = ohlc ? new double[1024] : null;
      double[] high = ohlc ? new double[1024] : null;
      double[] low = ohlc ? new double[1024] : null;
      int[] lines = new int[1024];
      Boolean iso = null;
      int n = 0;
      for (String text = next(); text != null; text = next()) {
        if (text.isBlank()) {
          continue;
        }
        String[] fields = CsvRecord.split(text, file + ":" + lineNumber,
            k -> k < header.length ? "'" + header[k].trim() + "'" : String.valueOf(k + 1));
        if (fields.length != header.length) {
          throw error("expected " + header.length + " fields (" + headerLine.trim() + "), found "
              + fields.length);
        }
        if (n == MAX_BARS) {
          throw error("more than " + MAX_BARS + " bars; cut the file to the window you need");
        }
        if (n == time.length) {
          int size = (int) Math.min(MAX_BARS, 2L * n);
          time = Arrays.copyOf(time, size);
          close = Arrays.copyOf(close, size);
          lines = Arrays.copyOf(lines, size);
          if (ohlc) {
            open = Arrays.copyOf(open, size);
            high = Arrays.copyOf(high, size);
            low = Arrays.copyOf(low, size);
          }
        }
        String t = fields[tCol].trim();
        time[n] = timestamp(t);
        boolean isIso = !EPOCH.matcher(t).matches();
        if (iso != null && iso != isIso) {
          throw field("timestamp", "'" + t + "' is " + (isIso ? "not an epoch integer" : "an epoch"
              + " integer") + ", but line " + lines[0] + " is " + (iso ? "ISO-8601" : "epoch")
              + "; one file uses one form");
        }
        iso = isIso;
        if (n > 0 && time[n] <= time[n - 1]) {
          throw field("timestamp", t + (time[n] == time[n - 1] ? " repeats the time of line "
              + lines[n - 1] : " is before " + Instant.ofEpochSecond(time[n - 1]) + " on line "
              + lines[n - 1]) + "; timestamps must be strictly increasing");
        }
        close[n] = price("close", fields[cCol]);
        if (ohlc) {
          open[n] = price("open", fields[oCol]);
          high[n] = price("high", fields[hCol]);
          low[n] = price("low", fields[lCol]);
          checkRange(open[n], high[n], low[n], close[n], fields[hCol].trim(), fields[lCol].trim());
        }
        if (vCol >= 0) {
          volume(fields[vCol]);
        }
        lines[n] = lineNumber;
        n++;
      }
      if (n < 2) {
        throw new InputError(file + ": " + (n == 0 ? "no bars" : "only 1 bar") + " after the"
            + " header; a price series needs at least 2");
      }
      time = Arrays.copyOf(time, n);
      long resolution = PriceSeries.mostCommonSpacing(time);
      for (int i = 1; i < n; i++) {
        long spacing = time[i] - time[i - 1];
        if (spacing % resolution != 0) {
          throw new InputError(file + ":" + lines[i] + ": field 'timestamp': "
              + Instant.ofEpochSecond(time[i]) + " is " + spacing + " s after the bar of line "
              + lines[i - 1] + ", not a multiple of the series resolution " + resolution
              + " s (its most common spacing)");
        }
        if (spacing > resolution && gapPolicy == GapPolicy.REJECT) {
          throw new InputError(file + ":" + lines[i] + ": field 'timestamp': "
              + Instant.ofEpochSecond(time[i]) + " follows " + Instant.ofEpochSecond(time[i - 1])
              + " (line " + lines[i - 1] + "): " + (spacing / resolution - 1) + " bars of "
              + resolution + " s missing; gap policy 'reject' (with 'allow' gaps are listed,"
              + " never filled)");
        }
      }
      return PriceSeries.of(file.toString(), time, Arrays.copyOf(close, n),
          ohlc ? Arrays.copyOf(open, n) : null, ohlc ? Arrays.copyOf(high, n) : null,
          ohlc ? Arrays.copyOf(low, n) : null);
    }

    /** The next line without its terminator, or null at the end; refuses overlong lines. */
    private String next() throws IOException {
      if (atEnd) {
        return null;
      }
      line.setLength(0);
      lineNumber++;
      int c;
      try {
        while ((c = reader.read()) != -1 && c != '\n') {
          if (line.length() == MAX_LINE) {
            throw error("line longer than " + MAX_LINE + " characters");
          }
          line.append((char) c);
        }
      } catch (CharacterCodingException e) {
        throw error("not valid UTF-8 text");
      }
      if (c == -1) {
        atEnd = true;
        if (line.length() == 0) {
          return null;
        }
      }
      int end = line.length();
      if (end > 0 && line.charAt(end - 1) == '\r') {
        end--;
      }
      return line.substring(0, end);
    }

    private long timestamp(String t) {
      long seconds;
      if (ISO.matcher(t).matches()) {
        try {
          seconds = Instant.parse(t).getEpochSecond();
        } catch (DateTimeParseException e) {
          throw field("timestamp", "'" + t + "' is not a valid time; expected " + TIMESTAMP_ALLOWED);
        }
      } else if (EPOCH.matcher(t).matches()) {
        long v = Long.parseLong(t);
        if (v >= MILLIS_FROM) {
          if (v % 1000 != 0) {
            throw field("timestamp", "'" + t + "' (epoch milliseconds) is not a whole second");
          }
          v /= 1000;
        }
        seconds = v;
      } else {
        throw field("timestamp", "'" + t + "' is not a timestamp; expected " + TIMESTAMP_ALLOWED);
      }
      if (seconds >= LATEST) {
        throw field("timestamp", "'" + t + "' is " + Instant.ofEpochSecond(seconds)
            + "; expected a time from 1970 to 2100");
      }
      return seconds;
    }

    private double price(String name, String text) {
      String allowed = "a price >= " + MIN_PRICE + " and < " + MAX_PRICE;
      double v = number(name, text, allowed);
      if (!(v >= MIN_PRICE && v < MAX_PRICE)) {
        throw field(name, text.trim() + " is out of range; expected " + allowed);
      }
      return v;
    }

    private void volume(String text) {
      String allowed = "a volume >= 0 and < " + MAX_VOLUME;
      double v = number("volume", text, allowed);
      if (!(v >= 0 && v < MAX_VOLUME)) {
        throw field("volume", text.trim() + " is out of range; expected " + allowed);
      }
    }

    private double number(String name, String text, String allowed) {
      String t = text.trim();
      if (t.equalsIgnoreCase("nan") || t.matches("[+-]?(?i)inf(inity)?")) {
        throw field(name, "'" + t + "' is not finite; expected " + allowed);
      }
      if (!DECIMAL.matcher(t).matches()) {
        throw field(name, "'" + t + "' is not a number; expected " + allowed);
      }
      double v = Double.parseDouble(t);
      if (!Double.isFinite(v)) {
        throw field(name, "'" + t + "' is not finite; expected " + allowed);
      }
      return v;
    }

    private void checkRange(double open, double high, double low, double close, String highText,
                            String lowText) {
      String rule = "; expected high >= max(open, close) >= min(open, close) >= low";
      if (high < low) {
        throw field("high", highText + " is below low " + lowText + rule);
      }
      if (high < Math.max(open, close)) {
        throw field("high", highText + " is below max(open, close) = " + Math.max(open, close) + rule);
      }
      if (low > Math.min(open, close)) {
        throw field("low", lowText + " is above min(open, close) = " + Math.min(open, close) + rule);
      }
    }

    private InputError field(String name, String what) {
      return error("field '" + name + "': " + what);
    }

    private InputError error(String what) {
      return new InputError(file + ":" + lineNumber + ": " + what);
    }
  }
}
