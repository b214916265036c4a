package io.margincall.io;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The fields of one line of the project's CSV files, with RFC 4180 quoting as spreadsheets and
 * pandas export it: a field may be enclosed in double quotes (then it may hold commas, and a
 * doubled quote {@code ""} stands for one); a double quote anywhere else is an error, as is a
 * quoted field left open: a record is one line (no line breaks inside fields). Nothing is
 * guessed: {@code "acct-3} is refused, not read as an id with a quote in it.
 */
final class CsvRecord {
  private CsvRecord() {}

  /**
   * The fields of {@code line}; {@code where} is {@code file:line}, {@code fieldName} names the
   * field of a 0-based index for a message (its column, or its position in the header).
   */
  static String[] split(String line, String where, IntFunction<String> fieldName) {
    List<String> fields = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      int field = fields.size();
      if (i < n && line.charAt(i) == '"') {
        StringBuilder value = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new InputError(where + ": field " + fieldName.apply(field) + ": a quoted field"
                + " is not closed on its line (a field may not span lines)");
          }
          char c = line.charAt(i++);
          if (c != '"') {
            value.append(c);
          } else if (i < n && line.charAt(i) == '"') {
            value.append('"');
            i++;
          } else {
            break;
          }
        }
        if (i < n && line.charAt(i) != ',') {
          throw new InputError(where + ": field " + fieldName.apply(field) + ": text after the"
              + " closing double quote; quote the whole field, a double quote inside doubled (\"\")");
        }
        fields.add(value.toString());
      } else {
        int end = line.indexOf(',', i);
        String value = line.substring(i, end < 0 ? n : end);
        int quote = value.indexOf('"');
        if (quote >= 0) {
          throw new InputError(where + ": field " + fieldName.apply(field) + ": " + value
              + ": a double quote inside an unquoted field; quote the whole field and double the"
              + " quote inside (RFC 4180), or remove it");
        }
        fields.add(value);
        i = end < 0 ? n : end;
      }
      if (i >= n) {
        return fields.toArray(new String[0]);
      }
      i++;  // the comma
    }
  }
}
