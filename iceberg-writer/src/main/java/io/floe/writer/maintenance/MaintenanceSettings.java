package io.floe.writer.maintenance;

import java.time.Duration;
import java.util.Optional;

/**
 * What a maintenance pass keeps of a table (docs/operations/maintenance.md).
 *
 * @param retainLastSnapshots {@code main} keeps at least its newest this many snapshots
 * @param maxSnapshotAge and every snapshot of {@code main} younger than this
 * @param maxManifests {@code main}'s data manifests are rewritten when its current snapshot has more
 * @param orphanMinAge a file no snapshot references is removed only once older than this, so that
 *     the files of an upload still writing or committing are never taken
 * @param compaction how {@code main}'s small files are compacted; empty: they are not
 */
public record MaintenanceSettings(int retainLastSnapshots, Duration maxSnapshotAge, int maxManifests,
    Duration orphanMinAge, Optional<Compaction> compaction) {

  /**
   * @param targetFileBytes the size compacted files are written to, about
   * @param minAge files of {@code main} younger than this are left to a later pass
   * @param bytesPerSecond the files it reads a second, at most, on average; 0: as fast as it can
   */
  public record Compaction(long targetFileBytes, Duration minAge, long bytesPerSecond) {
    public Compaction {
      if (targetFileBytes < 1) {
        throw new IllegalArgumentException("Invalid target file size " + targetFileBytes + ": must be positive");
      }
      if (minAge.isNegative()) {
        throw new IllegalArgumentException("Invalid compaction age " + minAge + ": must not be negative");
      }
      if (bytesPerSecond < 0) {
        throw new IllegalArgumentException("Invalid compaction rate " + bytesPerSecond + ": must not be negative");
      }
    }
  }

  public MaintenanceSettings {
    if (retainLastSnapshots < 1) {
      throw new IllegalArgumentException("Invalid snapshots to retain " + retainLastSnapshots + ": must be at least 1");
    }
    if (maxSnapshotAge.isNegative()) {
      throw new IllegalArgumentException("Invalid snapshot age " + maxSnapshotAge + ": must not be negative");
    }
    if (maxManifests < 1) {
      throw new IllegalArgumentException("Invalid manifest count " + maxManifests + ": must be at least 1");
    }
    if (orphanMinAge.isNegative()) {
      throw new IllegalArgumentException("Invalid orphan age " + orphanMinAge + ": must not be negative");
    }
  }
}
