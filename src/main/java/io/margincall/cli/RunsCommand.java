package io.margincall.cli;

import io.margincall.io.RunListing;
import io.margincall.spark.ComparisonJob;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** {@code margincall runs OUT}: the runs under an output root, without Spark. */
final class RunsCommand {
  static final String HELP = String.join("\n",
      "usage: margincall runs OUT",
      "",
      "Lists the runs under an output root, oldest first: run date, job, run id, scenario, points,",
      "paths per point, and whether the run is complete (every table it wrote holds _COMPLETE;",
      "readers take only complete runs). Reads the markers and the summary files, without Spark;",
      "a Delta root (output.format = delta) is read with a local Spark session.",
      "Pick runs for compare by their id: margincall compare OUT OUT --expected-run ID --actual-run ID");

  private RunsCommand() {}

  static int run(String[] args, PrintStream out) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(HELP);
      return Main.OK;
    }
    if (args.length != 1 || args[0].startsWith("-")) {
      throw new UsageError("runs: expected one output root\n" + HELP);
    }
    Configuration hadoop = new Configuration();
    List<RunListing.Run> runs = "delta".equals(RunListing.formatOf(hadoop, args[0]))
        ? ComparisonJob.deltaRuns(args[0]) : RunListing.of(hadoop, args[0]);
    if (runs.isEmpty()) {
      out.println("margincall runs: no runs under " + args[0]);
      return Main.OK;
    }
    String format = "%-10s  %-12s  %-26s  %-24s  %6s  %10s  %s%n";
    out.printf(format, "run_date", "job", "run_id", "scenario", "points", "paths", "complete");
    for (RunListing.Run r : runs) {
      out.printf(format, r.runDate(), r.job(), r.runId(), r.scenario() == null ? "?" : r.scenario(),
          r.points() < 0 ? "?" : String.valueOf(r.points()), r.paths() < 0 ? "?" : String.valueOf(r.paths()),
          r.complete() ? "yes" : "no");
    }
    return Main.OK;
  }
}
