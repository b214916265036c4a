package io.margincall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package arrows point one way (STYLE.md, "A layout for us"): every file under
 * {@code src/main/java} may use only the packages its row allows. A use is an {@code import}
 * (static and on-demand included) or a fully qualified name in the code; comments and string
 * literals are not read. {@code model} stands for {@code model} and every {@code model.*};
 * Spark means {@code org.apache.spark} and {@code scala}, Config {@code com.typesafe.config}.
 * The table is {@link #LAYOUT}.
 *
 * <table>
 *   <caption>Allowed uses, by the package of the file</caption>
 *   <tr><th>package</th><th>may use (io.margincall.*)</th><th>Spark</th><th>Config</th></tr>
 *   <tr><td>cli</td><td>every package</td><td>no</td><td>no</td></tr>
 *   <tr><td>spark</td><td>config, io, sweep, kernel, protocol, model, stats</td>
 *       <td>yes</td><td>no</td></tr>
 *   <tr><td>config</td><td>io, kernel, protocol, model, stats</td><td>no</td><td>yes</td></tr>
 *   <tr><td>io</td><td>protocol, model, stats</td><td>yes</td><td>no</td></tr>
 *   <tr><td>calibration</td><td>model, stats</td><td>no</td><td>no</td></tr>
 *   <tr><td>sweep</td><td>stats</td><td>no</td><td>no</td></tr>
 *   <tr><td>kernel</td><td>protocol, model, stats</td><td>no</td><td>no</td></tr>
 *   <tr><td>protocol</td><td>model, stats</td><td>no</td><td>no</td></tr>
 *   <tr><td>model, model.*</td><td>model, stats</td><td>no</td><td>no</td></tr>
 *   <tr><td>stats</td><td>none (a leaf)</td><td>no</td><td>no</td></tr>
 * </table>
 *
 * <p>From the issue: kernel, protocol, model and stats use neither Spark nor Typesafe Config;
 * only config uses Typesafe Config; only spark and io use Spark (so cli does not); stats uses no
 * other package of ours; kernel, protocol and model use none of cli, spark, io, config, sweep.
 * The rest of the table is today's code written down (so nothing but cli uses spark, and nothing
 * uses cli); a new arrow, or a new package, is a change to this table, made on purpose.
 */
class PackageLayeringTest {
  private static final String OURS = "io.margincall";
  private static final List<String> SPARK = List.of("org.apache.spark", "scala");
  private static final List<String> TYPESAFE = List.of("com.typesafe.config");

  /** A package's row of the table: the packages of ours it may use (itself included). */
  record Row(boolean spark, boolean typesafe, Set<String> mayUse) {
    Row(boolean spark, boolean typesafe, String... mayUse) {
      this(spark, typesafe, Set.of(mayUse));
    }
  }

  static final Map<String, Row> LAYOUT = Map.ofEntries(
      Map.entry("cli", new Row(false, false, "cli", "spark", "config", "io", "calibration",
          "sweep", "kernel", "protocol", "model", "stats")),
      Map.entry("spark", new Row(true, false, "spark", "config", "io", "sweep", "kernel",
          "protocol", "model", "stats")),
      Map.entry("config", new Row(false, true, "config", "io", "kernel", "protocol", "model",
          "stats")),
      Map.entry("io", new Row(true, false, "io", "protocol", "model", "stats")),
      Map.entry("calibration", new Row(false, false, "calibration", "model", "stats")),
      Map.entry("sweep", new Row(false, false, "sweep", "stats")),
      Map.entry("kernel", new Row(false, false, "kernel", "protocol", "model", "stats")),
      Map.entry("protocol", new Row(false, false, "protocol", "model", "stats")),
      Map.entry("model", new Row(false, false, "model", "stats")),
      Map.entry("stats", new Row(false, false, "stats")));

  private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");
  /** A qualified name rooted in one of the watched namespaces, not the tail of a longer name. */
  private static final Pattern USE = Pattern.compile(
      "(?<![\\w.])(?:io\\s*\\.\\s*margincall|org\\s*\\.\\s*apache\\s*\\.\\s*spark"
          + "|com\\s*\\.\\s*typesafe\\s*\\.\\s*config|scala)(?:\\s*\\.\\s*(?:\\w+|\\*))+");

  @Test
  void mainSourcesKeepTheLayout() throws IOException {
    List<String> problems = new ArrayList<>();
    mainSources().forEach((file, source) -> problems.addAll(violations(file, source)));
    assertTrue(problems.isEmpty(), "uses against the layout (see this test's javadoc):\n"
        + String.join("\n", problems));
  }

  /** Every file under src/main/java, by its path from the project root, in order. */
  static SortedMap<String, String> mainSources() throws IOException {
    Path root = Path.of(System.getProperty("margincall.basedir", ".")).resolve("src/main/java");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertTrue(files.size() > 50, "expected the main sources under " + root.toAbsolutePath());
    SortedMap<String, String> out = new TreeMap<>();
    for (Path f : files) {
      out.put("src/main/java/" + root.relativize(f), Files.readString(f));
    }
    return out;
  }

  @Test
  void aForbiddenImportIsNamedWithItsFileAndLine() {
    String source = String.join("\n",
        "package io.margincall.kernel;",
        "",
        "import io.margincall.model.price.PriceSeries;",
        "import org.apache.spark.sql.Row;",
        "class Bad {}");
    assertEquals(List.of("kernel/Bad.java:4: kernel uses org.apache.spark.sql.Row"
            + " (only spark and io use Spark)"),
        violations("kernel/Bad.java", source));
  }

  @Test
  void staticWildcardAndQualifiedUsesCountButCommentsAndStringsDoNot() {
    String source = String.join("\n",
        "package io.margincall.stats;",
        "import static io.margincall.kernel.PathKernel.of;",
        "import com.typesafe.config.*;",
        "/** Not {@link io.margincall.cli.Main}, nor org.apache.spark.sql.Row. */",
        "class Bad {",
        "  // scala.Option in a comment",
        "  String s = \"io.margincall.spark.SimulationJob\";",
        "  String t = \"\"\"",
        "      scala.Some",
        "      \"\"\";",
        "  Object o = new io.margincall.config.ConfigError(\"x\");",
        "  Object p = scala.Option.empty();",
        "}");
    assertEquals(List.of(
            "stats/Bad.java:2: stats uses io.margincall.kernel.PathKernel.of (stats uses no other"
                + " package of ours)",
            "stats/Bad.java:3: stats uses com.typesafe.config.* (only config uses Typesafe Config)",
            "stats/Bad.java:11: stats uses io.margincall.config.ConfigError (stats uses no other"
                + " package of ours)",
            "stats/Bad.java:12: stats uses scala.Option.empty (only spark and io use Spark)"),
        violations("stats/Bad.java", source));
  }

  @Test
  void aPackageMissingFromTheTableIsNamed() {
    assertEquals(List.of("util/Helper.java:1: package io.margincall.util is not in the layout"
            + " table"),
        violations("util/Helper.java", "package io.margincall.util;\nclass Helper {}\n"));
  }

  @Test
  void subpackagesOfModelShareItsRowAndMayUseEachOther() {
    String source = "package io.margincall.model.liquidity;\n"
        + "import io.margincall.model.FdLibm;\nimport io.margincall.protocol.AccountBook;\n";
    assertEquals(List.of("model/liquidity/X.java:3: model uses io.margincall.protocol.AccountBook"
            + " (model may use only model, stats)"),
        violations("model/liquidity/X.java", source));
  }

  /** Each use in {@code source} that the table does not allow, as {@code file:line: why}. */
  static List<String> violations(String file, String source) {
    String code = codeOnly(source);
    Matcher pkg = PACKAGE.matcher(code);
    if (!pkg.find()) {
      return List.of(file + ": no package declaration");
    }
    String layer = layerOf(pkg.group(1));
    Row row = LAYOUT.get(layer);
    if (row == null) {
      return List.of(file + ":" + lineOf(code, pkg.start()) + ": package " + pkg.group(1)
          + " is not in the layout table");
    }
    List<String> out = new ArrayList<>();
    Matcher use = USE.matcher(code);
    use.region(pkg.end(), code.length());
    while (use.find()) {
      String name = use.group().replaceAll("\\s+", "");
      String why = null;
      if (under(name, SPARK) && !row.spark()) {
        why = "only spark and io use Spark";
      } else if (under(name, TYPESAFE) && !row.typesafe()) {
        why = "only config uses Typesafe Config";
      } else if (under(name, List.of(OURS)) && !row.mayUse().contains(layerOf(name))) {
        why = row.mayUse().size() == 1 ? layer + " uses no other package of ours"
            : layer + " may use only " + String.join(", ", row.mayUse().stream().sorted().toList());
      }
      if (why != null) {
        out.add(file + ":" + lineOf(code, use.start()) + ": " + layer + " uses " + name + " (" + why
            + ")");
      }
    }
    return out;
  }

  /** The row of a package or of a qualified name: cli, spark, ..., model for model.*. */
  private static String layerOf(String name) {
    if (!name.startsWith(OURS + ".")) {
      return "";
    }
    String rest = name.substring(OURS.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static boolean under(String name, List<String> roots) {
    return roots.stream().anyMatch(r -> name.equals(r) || name.startsWith(r + "."));
  }

  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * The source with comments, string, text-block and char literals blanked out; line breaks are
   * kept, so offsets still give line numbers.
   */
  static String codeOnly(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      String end;
      if (source.startsWith("//", i)) {
        end = "\n";
      } else if (source.startsWith("/*", i)) {
        end = "*/";
      } else if (source.startsWith("\"\"\"", i)) {
        end = "\"\"\"";
      } else if (c == '"' || c == '\'') {
        end = String.valueOf(c);
      } else {
        out.append(c);
        i++;
        continue;
      }
      int open = c == '"' || c == '\'' ? end.length() : 2;
      int j = i + open;
      while (j < n && !source.startsWith(end, j)) {
        j += source.charAt(j) == '\\' && !end.equals("*/") && !end.equals("\n") ? 2 : 1;
      }
      j = Math.min(n, end.equals("\n") ? j : j + end.length());
      for (int k = i; k < j; k++) {
        out.append(source.charAt(k) == '\n' ? '\n' : ' ');
      }
      i = j;
    }
    return out.toString();
  }
}
