package io.margincall.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.margincall.protocol.PathOutcome;
import io.margincall.stats.BadDebtAccumulator;
import io.margincall.stats.OutcomeAmount;
import io.margincall.stats.OutcomeCount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every column the tables write is in the data dictionary, {@code src/docs/output.md} (SPEC 7,
 * "Output"), and every {@link OutcomeCount} reaches a summary column documented with its own
 * meaning. The schemas come from {@link RunTables} itself, without Spark: a column added there
 * and not documented fails here.
 */
class DataDictionaryTest {
  private static final Path OUTPUT_MD =
      Path.of(System.getProperty("margincall.basedir", "."), "src/docs/output.md");
  private static final Pattern NAME = Pattern.compile("`([^`]+)`");
  private static final String PROVENANCE = "Provenance (every table)";
  private static final String POINTS = "Points (summary and distribution)";

  private static String text;
  /** Heading of each section -> the column names (as regexes) its tables document. */
  private static Map<String, List<Pattern>> documented;

  @BeforeAll
  static void readDictionary() throws IOException {
    text = Files.readString(OUTPUT_MD, StandardCharsets.UTF_8);
    documented = new LinkedHashMap<>();
    List<Pattern> section = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("## ")) {
        section = new ArrayList<>();
        documented.put(line.substring(3).strip(), section);
      } else if (line.startsWith("| `")) {
        section.addAll(namesOfRow(line.substring(1, line.indexOf('|', 1))));
      }
    }
  }

  /**
   * The names a row's first cell documents: {@code `p_bad_debt`, `_lo`, `_hi`} is three names (a
   * leading {@code _} is a suffix of the first), {@code `var_*_lo`} is a pattern.
   */
  private static List<Pattern> namesOfRow(String cell) {
    List<Pattern> names = new ArrayList<>();
    String base = null;
    Matcher m = NAME.matcher(cell);
    while (m.find()) {
      String name = m.group(1);
      if (name.startsWith("_") && base != null) {
        name = base + name;
      } else {
        base = name;
      }
      String regex = Pattern.quote(name).replace("*", "\\E[a-z0-9]+\\Q")
          .replaceAll("<[a-z]+>", "\\\\E[a-z0-9_]+\\\\Q");
      names.add(Pattern.compile(regex));
    }
    return names;
  }

  private static final RunProvenance PROVENANCE_ROW = new RunProvenance("run", LocalDate.EPOCH,
      "adhoc", "test", 1, "0+test", Instant.EPOCH);
  private static final List<RunTables.Axis> AXES = List.of(new RunTables.Axis("oracle.delay", true));

  private static PointStatistics point() {
    BadDebtAccumulator acc = new BadDebtAccumulator(2);
    PathOutcome out = new PathOutcome();
    out.reset();
    acc.add(out);
    acc.add(out);
    return new PointStatistics(0, "base", List.of(600L), 0, "hash", "config", 10, 60, 1, 100, 0, 0,
        acc.summarize(60), 0, 0, 0, 0, 0, 0, 0);
  }

  private static void assertDocumented(StructType schema, String... sections) {
    List<String> missing = new ArrayList<>();
    for (StructField f : schema.fields()) {
      boolean found = false;
      for (String s : sections) {
        assertTrue(documented.containsKey(s), "output.md has no section '## " + s + "'");
        found |= documented.get(s).stream().anyMatch(p -> p.matcher(f.name()).matches());
      }
      if (!found) {
        missing.add(f.name());
      }
    }
    assertEquals(List.of(), missing, "columns missing from the tables of " + List.of(sections)
        + " in src/docs/output.md");
  }

  @Test
  void everySummaryColumnIsDocumented() {
    assertDocumented(RunTables.summary(PROVENANCE_ROW, point(), AXES).schema(),
        PROVENANCE, POINTS, "`summary`");
  }

  @Test
  void everyDistributionColumnIsDocumented() {
    assertDocumented(RunTables.distribution(PROVENANCE_ROW, point(), AXES).get(0).schema(),
        PROVENANCE, POINTS, "`distribution`");
  }

  @Test
  void everyPathsColumnIsDocumented() {
    assertDocumented(RunTables.pathsProvenance(PROVENANCE_ROW).schema(), PROVENANCE);
    assertDocumented(RunTables.pathColumnsSchema(), "`paths`");
  }

  @Test
  void everyCountReachesALongSummaryColumnDocumentedWithItsMeaning() {
    for (OutcomeCount c : OutcomeCount.values()) {
      assertSummaryColumn(c.column(), DataTypes.LongType, "long |", c.meaning());
    }
  }

  @Test
  void everyAmountReachesADoubleSummaryColumnDocumentedWithItsMeaning() {
    for (OutcomeAmount a : OutcomeAmount.values()) {
      assertSummaryColumn(a.column(), DataTypes.DoubleType,
          a.unit().isEmpty() ? "double |" : "double | " + a.unit(), a.meaning());
    }
  }

  /** The summary has the column with this type, and output.md its row with this meaning. */
  private void assertSummaryColumn(String column, org.apache.spark.sql.types.DataType type,
                                   String typeAndUnit, String meaning) {
    StructField f = RunTables.summary(PROVENANCE_ROW, point(), AXES).schema().apply(column);
    assertEquals(type, f.dataType(), column);
    String row = "| `" + column + "` | " + typeAndUnit + " | " + meaning + " |";
    assertTrue(text.contains("\n" + row + "\n"),
        "src/docs/output.md's summary table should have the row\n" + row);
  }
}
