package io.margincall.io;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The staging folders of runs that died before publishing (killed, out of memory, lost
 * driver): each is removed by a later run of the same output root once it is provably stale,
 * and only then, for a concurrent run's staging must survive. Stale means either
 * <ul>
 *   <li>its {@link StagingOwner} ran on this host and is no longer alive (pid and start time), or
 *   <li>nothing in it was written for {@link StagingOwner#ABANDONED_AFTER} (an owner on another
 *       host, or a folder with no owner file, as runs before the owner file left).
 * </ul>
 */
public final class StaleStaging {
  private StaleStaging() {}

  /**
   * A removed folder and why.
   *
   * @param folder the staging folder removed
   * @param reason why it was provably stale
   */
  public record Removed(Path folder, String reason) {}

  /**
   * Removes the stale folders under {@code stagingRoot} ({@code <out>/_staging}) except
   * {@code keep}, judged by a process {@code here} at {@code now}.
   */
  public static List<Removed> remove(FileSystem fs, Path stagingRoot, String keep, StagingOwner here,
                                     Instant now) throws IOException {
    List<Removed> removed = new ArrayList<>();
    if (!fs.isDirectory(stagingRoot)) {
      return removed;
    }
    for (FileStatus folder : fs.listStatus(stagingRoot)) {
      if (!folder.isDirectory() || folder.getPath().getName().equals(keep)) {
        continue;
      }
      Optional<StagingOwner> owner = StagingOwner.read(fs, folder.getPath());
      String reason = null;
      if (owner.isPresent() && owner.get().isDead(here)) {
        reason = "its run (pid " + owner.get().pid() + " on " + owner.get().host() + ") is gone";
      } else {
        Instant last = lastWrite(fs, folder);
        if (Duration.between(last, now).compareTo(StagingOwner.ABANDONED_AFTER) > 0) {
          reason = "nothing written to it since " + last + ", over "
              + StagingOwner.ABANDONED_AFTER.toDays() + " days";
        }
      }
      if (reason != null && fs.delete(folder.getPath(), true)) {
        removed.add(new Removed(folder.getPath(), reason));
      }
    }
    return removed;
  }

  /** The newest modification time in the folder, the folder's own included. */
  private static Instant lastWrite(FileSystem fs, FileStatus folder) throws IOException {
    long newest = folder.getModificationTime();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder.getPath(), true);
    while (files.hasNext()) {
      newest = Math.max(newest, files.next().getModificationTime());
    }
    return Instant.ofEpochMilli(newest);
  }
}
