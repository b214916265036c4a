package io.margincall.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A launcher run killed (SIGKILL, no chance to clean up) once its kernel reports progress. */
final class KilledRun {
  private KilledRun() {}

  /** Starts {@code command} (a jobs/margincall line with --progress-seconds 1), kills it. */
  static void killWhileComputing(List<String> command, Path log) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      // Each progress line starts with its ISO-8601 UTC time, as log collectors expect.
      Pattern progress = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ margincall: progress ");
      while (!progress.matcher(Files.readString(log)).find()) {
        assertTrue(process.isAlive(), "launcher ended early:\n" + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "no progress line:\n" + Files.readString(log));
        Thread.sleep(200);
      }
    } finally {
      process.destroyForcibly();  // the launcher execs java: this is SIGKILL to the JVM
      process.waitFor(1, TimeUnit.MINUTES);
    }
  }
}
