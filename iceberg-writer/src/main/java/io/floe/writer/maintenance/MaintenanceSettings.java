package io.floe.writer.maintenance;

import java.time.Duration;

/**
 * What a maintenance pass keeps of a table (docs/operations/maintenance.md).
 *
 * @param retainLastSnapshots {@code main} keeps at least its newest this many snapshots
 * @param maxSnapshotAge and every snapshot of {@code main} younger than this
 * @param maxManifests {@code main}'s data manifests are rewritten when its current snapshot has more
 * @param orphanMinAge a file no snapshot references is removed only once older than this, so that
 *     the files of an upload still writing or committing are never taken
 */
public record MaintenanceSettings(int retainLastSnapshots, Duration maxSnapshotAge, int maxManifests,
    Duration orphanMinAge) {

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
