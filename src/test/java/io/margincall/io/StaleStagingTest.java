package io.margincall.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging is removed only when its owner is provably gone, or it was abandoned for days. */
class StaleStagingTest {
  @TempDir
  java.nio.file.Path dir;

  private final StagingOwner here = StagingOwner.current();

  /** A process that has started and ended: its pid names no live process of that start time. */
  private static StagingOwner endedProcess(String host) throws Exception {
    Process p = new ProcessBuilder("sleep", "30").start();
    Instant start = p.toHandle().info().startInstant().orElseThrow();
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new StagingOwner(host, p.pid(), start);
  }

  private Path folder(FileSystem fs, Path root, String name, StagingOwner owner) throws IOException {
    Path folder = new Path(root, name);
    if (owner != null) {
      owner.write(fs, folder);
    }
    fs.mkdirs(new Path(folder, "summary"));
    Files.writeString(java.nio.file.Path.of(new Path(folder, "summary/part-0").toUri().getPath()), "rows");
    return folder;
  }

  private static void age(FileSystem fs, Path folder, Duration by) throws IOException {
    long then = Instant.now().minus(by).toEpochMilli();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder, true);
    while (files.hasNext()) {
      fs.setTimes(files.next().getPath(), then, then);
    }
    fs.setTimes(new Path(folder, "summary"), then, then);
    fs.setTimes(folder, then, then);
  }

  @Test
  void onlyProvablyStaleStagingIsRemoved() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path root = new Path(dir.resolve("_staging").toString());
    StagingOwner dead = endedProcess(here.host());
    folder(fs, root, "dead", dead);
    // The pid of a live process, but a start time it does not have: the pid was reused.
    folder(fs, root, "reused-pid", new StagingOwner(here.host(), here.pid(),
        here.processStart().minus(Duration.ofHours(1))));
    folder(fs, root, "live", here);
    folder(fs, root, "own-run", dead);
    folder(fs, root, "other-host", endedProcess("some-other-host"));
    age(fs, folder(fs, root, "other-host-old", endedProcess("some-other-host")), Duration.ofDays(8));
    folder(fs, root, "no-owner", null);
    age(fs, folder(fs, root, "no-owner-old", null), Duration.ofDays(8));
    age(fs, folder(fs, root, "live-old", here), Duration.ofDays(8));

    List<StaleStaging.Removed> removed = StaleStaging.remove(fs, root, "own-run", here, Instant.now());

    Set<String> removedNames = new TreeSet<>();
    removed.forEach(r -> removedNames.add(r.folder().getName()));
    assertEquals(Set.of("dead", "reused-pid", "other-host-old", "no-owner-old", "live-old"),
        removedNames);
    Set<String> left = new TreeSet<>();
    for (var s : fs.listStatus(root)) {
      left.add(s.getPath().getName());
    }
    assertEquals(Set.of("live", "own-run", "other-host", "no-owner"), left);
    assertTrue(removed.stream().anyMatch(r -> r.reason().contains("pid " + dead.pid() + " on "
        + here.host() + ") is gone")), removed.toString());
  }

  @Test
  void anOwnerFileReadsBackAndATornOneProvesNothing() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path folder = new Path(dir.resolve("owner/run").toString());
    here.write(fs, folder);
    assertEquals(here, StagingOwner.read(fs, folder).orElseThrow());
    Files.writeString(java.nio.file.Path.of(new Path(folder, StagingOwner.FILE).toUri().getPath()), "host=h\npi");
    assertTrue(StagingOwner.read(fs, folder).isEmpty());
  }
}
