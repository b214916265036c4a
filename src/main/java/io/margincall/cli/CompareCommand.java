package io.margincall.cli;

import io.margincall.io.RunComparison;
import io.margincall.spark.ComparisonJob;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code margincall compare}: are two runs' tables identical in every statistic? */
final class CompareCommand {
  static final String HELP = String.join("\n",
      "usage: margincall compare EXPECTED_OUT ACTUAL_OUT",
      "",
      "Compares the summary and distribution tables under two output roots, each holding one run,",
      "in every column but run_id, run_date, created_at and code_version. Exit 0 if identical,",
      "1 if they differ (the differences are printed), 2 on bad input.");

  private CompareCommand() {}

  static int run(String[] args, PrintStream out) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(HELP);
      return Main.OK;
    }
    if (args.length != 2) {
      throw new UsageError("compare: expected two output roots\n" + HELP);
    }
    for (String root : args) {
      if (!Files.isDirectory(Path.of(root))) {
        throw new UsageError("compare: " + root + " is not a directory");
      }
    }
    List<String> differences = ComparisonJob.compare(args[0], args[1]);
    if (differences.isEmpty()) {
      out.println("margincall compare: identical (" + String.join(", ", RunComparison.TABLES)
          + "; ignoring " + String.join(", ", RunComparison.VOLATILE) + ")");
      return Main.OK;
    }
    differences.forEach(d -> out.println("margincall compare: DIFFERENT: " + d));
    return Main.FAILED;
  }
}
