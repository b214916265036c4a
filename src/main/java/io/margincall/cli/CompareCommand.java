package io.margincall.cli;

import io.margincall.io.RunComparison;
import io.margincall.spark.ComparisonJob;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code margincall compare}: are two runs' tables identical in every statistic? */
final class CompareCommand {
  static final String HELP = String.join("\n",
      "usage: margincall compare EXPECTED_OUT ACTUAL_OUT [--expected-run ID] [--actual-run ID]",
      "",
      "Compares the summary and distribution tables of two complete runs in every column but",
      "run_id, run_date, job, created_at, code_version and config. Each run is named by its output",
      "root and, if the root holds several runs, its id (margincall runs OUT lists them); both may",
      "lie under the same root. Exit 0 if identical, 1 if they differ (the differences are",
      "printed), 2 on bad input.");

  private CompareCommand() {}

  static int run(String[] args, PrintStream out) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(HELP);
      return Main.OK;
    }
    List<String> roots = new ArrayList<>();
    String expectedRun = null;
    String actualRun = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--expected-run", "--actual-run" -> {
          if (i + 1 >= args.length || args[i + 1].isBlank()) {
            throw new UsageError("compare: " + args[i] + " needs a run id\n" + HELP);
          }
          if (args[i].equals("--expected-run")) {
            expectedRun = args[++i];
          } else {
            actualRun = args[++i];
          }
        }
        default -> {
          if (args[i].startsWith("-")) {
            throw new UsageError("compare: unknown option " + args[i] + "\n" + HELP);
          }
          roots.add(args[i]);
        }
      }
    }
    if (roots.size() != 2) {
      throw new UsageError("compare: expected two output roots\n" + HELP);
    }
    for (String root : roots) {
      if (!Files.isDirectory(Path.of(root))) {
        throw new UsageError("compare: " + root + " is not a directory");
      }
    }
    List<String> differences = ComparisonJob.compare(roots.get(0), expectedRun, roots.get(1),
        actualRun);
    if (differences.isEmpty()) {
      out.println("margincall compare: identical (" + String.join(", ", RunComparison.TABLES)
          + "; ignoring " + String.join(", ", RunComparison.VOLATILE) + ")");
      return Main.OK;
    }
    differences.forEach(d -> out.println("margincall compare: DIFFERENT: " + d));
    return Main.FAILED;
  }
}
