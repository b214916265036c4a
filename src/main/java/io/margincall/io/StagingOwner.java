package io.margincall.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Who made a staging folder: the host, the process id and the start time of the process (a
 * process id is reused; with its start time it names one process). Written as {@value #FILE}
 * into the folder before any table is staged, so that a later run can prove the owner dead and
 * remove what a killed run left.
 *
 * @param host the owner's host name
 * @param pid the owner's process id
 * @param processStart when the owner process started; null where the platform does not say
 */
public record StagingOwner(String host, long pid, Instant processStart) {
  /** The owner file in a staging folder. */
  public static final String FILE = "_OWNER";
  /**
   * A staging folder nothing has written to for this long is stale whoever owns it: an owner on
   * another host cannot be checked, and a run stages its tables in minutes, not days.
   */
  public static final Duration ABANDONED_AFTER = Duration.ofDays(7);
  /** Two reads of one process's start time may differ by rounding; a reused pid differs more. */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  /** This process. */
  public static StagingOwner current() {
    ProcessHandle self = ProcessHandle.current();
    return new StagingOwner(hostName(), self.pid(), self.info().startInstant().orElse(null));
  }

  /** This host's name; the environment's if the resolver fails (e.g. a container without DNS). */
  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env != null ? env : "unknown";
    }
  }

  /**
   * True only if this owner is provably gone: it ran on {@code here}'s host and no process with
   * its pid and start time is alive there. An owner on another host is never proved dead.
   */
  public boolean isDead(StagingOwner here) {
    if (!host.equals(here.host())) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    Optional<Instant> started = process.get().info().startInstant();
    if (processStart == null || started.isEmpty()) {
      return false;  // alive, and nothing tells it from the owner: assume it is the owner
    }
    return Duration.between(processStart, started.get()).abs().compareTo(START_TOLERANCE) > 0;
  }

  /** Writes this owner into {@code folder} (created if missing). */
  public void write(FileSystem fs, Path folder) throws IOException {
    fs.mkdirs(folder);
    String text = "host=" + host + "\npid=" + pid + "\nprocess_start="
        + (processStart == null ? "" : processStart.toString()) + "\n";
    try (OutputStream out = fs.create(new Path(folder, FILE), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The owner written into {@code folder}; empty if there is none or it cannot be read. */
  public static Optional<StagingOwner> read(FileSystem fs, Path folder) {
    Path file = new Path(folder, FILE);
    try {
      if (!fs.isFile(file)) {
        return Optional.empty();
      }
      Properties p = new Properties();
      try (InputStream in = fs.open(file)) {
        p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
      String host = p.getProperty("host");
      String pid = p.getProperty("pid");
      String start = p.getProperty("process_start", "");
      if (host == null || pid == null) {
        return Optional.empty();
      }
      return Optional.of(new StagingOwner(host, Long.parseLong(pid),
          start.isEmpty() ? null : Instant.parse(start)));
    } catch (IOException | NumberFormatException | DateTimeParseException e) {
      return Optional.empty();  // a torn or foreign file proves nothing: the age rule decides
    }
  }
}
