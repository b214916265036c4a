package io.margincall.cli;

import io.margincall.config.ConfigError;
import io.margincall.io.InputError;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The command-line entry point: {@code margincall <command> [options]}.
 *
 * <p>Exit codes: 0 success; 1 the run failed (or, for compare, the runs differ); 2 bad command
 * line, configuration or input file (nothing was written).
 */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;

  static final String USAGE = String.join("\n",
      "usage: margincall <command> [options]",
      "",
      "commands:",
      "  simulate   run one scenario and write its bad-debt statistics to Parquet",
      "  sweep      run every point of a parameter sweep on common random numbers",
      "  compare    check that two runs' tables are identical (reproducibility)",
      "  runs       list the runs under an output root (date, job, id, scenario, complete or not)",
      "  calibrate  fit GBM, jump or GARCH parameters to a price series; print a config fragment",
      "  validate   check a scenario, its includes and input files; print its config and hash",
      "",
      "Run 'margincall <command> --help' for the options of a command.");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command; returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      (args.length == 0 ? err : out).println(USAGE);
      return args.length == 0 ? BAD_INPUT : OK;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "simulate":
          return RunCommand.run(rest, out, false);
        case "sweep":
          return RunCommand.run(rest, out, true);
        case "compare":
          return CompareCommand.run(rest, out);
        case "runs":
          return RunsCommand.run(rest, out);
        case "calibrate":
          return CalibrateCommand.run(rest, out);
        case "validate":
          return ValidateCommand.run(rest, out);
        default:
          throw new UsageError("unknown command '" + args[0] + "'\n" + USAGE);
      }
    } catch (UsageError | ConfigError | InputError e) {
      err.println("margincall: error: " + e.getMessage());
      return BAD_INPUT;
    } catch (RuntimeException e) {
      err.println("margincall: the run failed: " + e);
      e.printStackTrace(err);
      return FAILED;
    }
  }
}
