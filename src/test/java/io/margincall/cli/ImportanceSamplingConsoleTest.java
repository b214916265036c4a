package io.margincall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulate run under importance sampling prints its tilt and effective paths and its weighted
 * VaR/ES, never NaN.
 */
class ImportanceSamplingConsoleTest {
  @TempDir
  Path dir;

  @Test
  void printsTheTiltAndNoNaN() throws IOException {
    String console = simulate("tilted", "sampling.importance.tilt = -0.02");
    assertTrue(Pattern.compile("^  importance sampling tilt -0\\.02; effective paths [\\d,]+ of 200 ",
        Pattern.MULTILINE).matcher(console).find(), console);
    for (String level : new String[] {"95.0", "99.0", "99.9"}) {
      assertTrue(Pattern.compile("^  VaR / ES  " + Pattern.quote(level) + " %    [\\d,.]+ / [\\d,.]+ USD",
          Pattern.MULTILINE).matcher(console).find(), console);
    }
    assertTrue(!console.contains("VaR / ES  95.0 %    NaN"), console);
  }

  /** tilt = auto: the pilot's choice is printed and is the tilt the run uses and reports. */
  @Test
  void autoPrintsThePilotsChoice() throws IOException {
    String console = simulate("auto", "sampling.importance.tilt = auto",
        "sampling.importance.pilot-paths = 200");
    var chose = Pattern.compile("^importance sampling: the cross-entropy pilot chose tilt"
        + " (-?[\\d.]+) \\(\\d iterations? of 200 paths", Pattern.MULTILINE).matcher(console);
    assertTrue(chose.find(), console);
    double tilt = Double.parseDouble(chose.group(1));
    assertTrue(tilt < 0, console);
    var used = Pattern.compile("^  importance sampling tilt (-?[\\d.E-]+); effective paths",
        Pattern.MULTILINE).matcher(console);
    assertTrue(used.find(), console);
    assertEquals(tilt, Double.parseDouble(used.group(1)), 5e-5, console);
  }

  /**
   * The paths table carries each path's weight: with every path kept, the weighted mean of the
   * rows' bad debt is the summary's mean, and (sum w)^2 / sum w^2 its effective paths.
   */
  @Test
  void pathRowsCarryTheirWeight() throws IOException {
    simulate("rows", "sampling.importance.tilt = -0.02", "output.paths = all");
    Path root = dir.resolve("out-rows");
    double sumW = 0;
    double sumW2 = 0;
    double sumWLoss = 0;
    long rows = 0;
    boolean notOne = false;
    for (Group g : parquetRows(root.resolve("paths"))) {
      double w = g.getDouble("weight", 0);
      assertTrue(w > 0 && Double.isFinite(w), "weight " + w);
      notOne |= w != 1;
      sumW += w;
      sumW2 += w * w;
      sumWLoss += w * g.getDouble("bad_debt", 0);
      rows++;
    }
    assertEquals(200, rows);
    assertTrue(notOne, "a tilted run weights its paths");
    Group summary = parquetRows(root.resolve("summary")).get(0);
    assertEquals(summary.getDouble("bad_debt_mean", 0), sumWLoss / rows,
        1e-9 * Math.max(1, Math.abs(sumWLoss / rows)));
    assertEquals(summary.getDouble("effective_paths", 0), sumW * sumW / sumW2, 1e-6);
  }

  /** Every row of every Parquet file under a table's directory. */
  private static List<Group> parquetRows(Path table) throws IOException {
    List<Group> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(table)) {
      files = walk.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    for (Path f : files) {
      try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(),
          new org.apache.hadoop.fs.Path(f.toString())).build()) {
        for (Group g = r.read(); g != null; g = r.read()) {
          out.add(g);
        }
      }
    }
    assertTrue(!out.isEmpty(), "no rows under " + table);
    return out;
  }

  /** The console of a small simulate run (200 paths, 6 h of minutes, 50 accounts) plus lines. */
  private String simulate(String name, String... lines) throws IOException {
    Path file = dir.resolve(name + ".conf");
    Files.writeString(file, String.join("\n", "run.paths = 200", "time.step = 60",
        "time.horizon = 21600", "accounts.generated.count = 50", "oracle.delay = 0",
        String.join("\n", lines), ""));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"simulate", "--conf", file.toString(), "--out",
        dir.resolve("out-" + name).toString(), "--master", "local[1]", "--progress-seconds", "0"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
