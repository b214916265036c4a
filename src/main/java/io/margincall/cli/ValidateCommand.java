package io.margincall.cli;

import io.margincall.config.ScenarioFactory;
import io.margincall.config.ScenarioSettings;
import io.margincall.config.SweepPlan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code margincall validate}: everything simulate and sweep check before Spark starts (the
 * scenario, its includes, every key, every input file, every sweep point), and nothing else; no
 * Spark is started, so it runs in a second where a cluster job would be submitted.
 */
final class ValidateCommand {
  static final String HELP = String.join("\n",
      "usage: margincall validate --conf FILE [--set key=value ...] [--allow-includes-from DIR]",
      "",
      "Resolves the scenario as simulate and sweep would (includes, --set options, reference.conf),",
      "checks every key, every input file and, if the scenario defines a sweep, every point; then",
      "prints the config hash and the resolved configuration (secrets redacted). Starts no Spark.",
      "Exit 0 if valid, 2 with the first error (file and line, key, value, what is allowed).",
      "",
      "options:",
      "  --conf FILE                scenario file (HOCON)",
      "  --set key=value            override one key, after the file (repeatable)",
      "  --allow-includes-from DIR  let the scenario include files in DIR too (repeatable)",
      "  --help                     this text");

  private ValidateCommand() {}

  static int run(String[] args, PrintStream out) {
    Path conf = null;
    List<String> sets = new ArrayList<>();
    List<Path> includesFrom = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          out.println(HELP);
          return Main.OK;
        }
        case "--conf" -> conf = Path.of(RunCommand.value(args, ++i, "--conf"));
        case "--set" -> sets.add(RunCommand.value(args, ++i, "--set"));
        case "--allow-includes-from" ->
            includesFrom.add(Path.of(RunCommand.value(args, ++i, "--allow-includes-from")));
        default -> throw new UsageError("validate: unknown option '" + args[i] + "'\n" + HELP);
      }
    }
    if (conf == null) {
      throw new UsageError("validate: --conf FILE is required\n" + HELP);
    }
    ScenarioSettings base = ScenarioSettings.load(conf, sets, includesFrom);
    boolean sweep = !base.config().getConfig("sweep.axes").isEmpty();
    SweepPlan plan = sweep ? SweepPlan.of(base) : SweepPlan.single(base);
    for (SweepPlan.Point p : plan.points()) {
      ScenarioFactory.build(p.settings());  // reads and checks the input files, as a run does
    }
    out.printf(Locale.ROOT, "margincall validate: %s is valid: %s, seed %d, %,d paths x %,d steps"
            + " of %s s%n", conf, base.run().name(), base.run().seed(), base.run().paths(),
        base.time().steps(), num(base.time().stepSeconds()));
    if (sweep) {
      out.printf(Locale.ROOT, "  sweep: %d points (%s), baseline point %d%n", plan.points().size(),
          base.config().getString("sweep.mode"), plan.baseline());
      for (SweepPlan.Point p : plan.points()) {
        out.printf(Locale.ROOT, "  point %-5d config_hash %s  %s%n", p.index(),
            p.settings().configHash(), p.label());
      }
    }
    out.println("config_hash " + base.configHash());
    out.println("# resolved configuration (values of keys naming a secret redacted)");
    out.println(base.resolvedConfig().strip());
    return Main.OK;
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
