package io.floe.writer.maintenance;

import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.repoint.KafkaViewRepointing;
import io.floe.writer.repoint.ReplayCheck;
import io.floe.writer.repoint.RepointingReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Table;

/**
 * One maintenance pass over a table: under its lease, each {@link MaintenanceStep} in turn, as
 * the settings say. The same pass runs in the broker and in {@code floe maintain}. Every step
 * leaves both views readable wherever it stops (docs/operations/maintenance.md), so a pass needs
 * no recovery: the next one finishes what this one left.
 */
public final class TableMaintenance {
  /** How long a lease holds: longer than a pass takes, short enough for another manager to take over soon after a crash. */
  public static final Duration LEASE_TERM = Duration.ofHours(1);

  private final MaintenanceSettings settings;
  private final String owner;
  private final Clock clock;
  private final ManifestStore manifests;
  private final ReplayCheck replayCheck;

  /**
   * @param owner this manager, as the lease names it to others
   * @param manifests the segment manifests, which the Kafka view's re-pointing rewrites
   * @param replayCheck what a re-pointed manifest must pass before it replaces a segment's manifest
   */
  public TableMaintenance(MaintenanceSettings settings, String owner, Clock clock, ManifestStore manifests,
      ReplayCheck replayCheck) {
    this.settings = settings;
    this.owner = owner;
    this.clock = clock;
    this.manifests = manifests;
    this.replayCheck = replayCheck;
  }

  /**
   * Runs the pass on {@code table}, whose commits go wherever its operations take them (in the
   * broker: under the lock of the table's uploads). Failures are in the report, not thrown.
   */
  public MaintenanceReport run(Table table) {
    MaintenanceLease lease = new MaintenanceLease(table, owner, LEASE_TERM, clock);
    LeaseHolder holder;
    try {
      holder = lease.acquire();
    } catch (RuntimeException e) {
      return new MaintenanceReport(table.name(), Optional.empty(), Optional.of(e), List.of());
    }
    if (!holder.owner().equals(owner)) {
      return new MaintenanceReport(table.name(), Optional.of(holder), Optional.empty(), List.of());
    }
    List<StepOutcome> outcomes = new ArrayList<>();
    for (MaintenanceStep step : MaintenanceStep.values()) {
      outcomes.add(run(step, table));
    }
    Optional<RuntimeException> releaseFailure = Optional.empty();
    try {
      lease.release();
    } catch (RuntimeException e) {
      releaseFailure = Optional.of(e);
    }
    return new MaintenanceReport(table.name(), Optional.empty(), releaseFailure, outcomes);
  }

  private StepOutcome run(MaintenanceStep step, Table table) {
    Instant now = clock.instant();
    try {
      return StepOutcome.done(step, switch (step) {
        case COMPACT_MAIN -> settings.compaction()
            .map(compaction -> CompactMainFiles.of(table).targetFileSize(compaction.targetFileBytes())
                .committedBefore(now.minus(compaction.minAge())).pacedTo(compaction.bytesPerSecond()).commit()
                .describe())
            .orElse("off");
        case FOLLOW_COMPACTION -> {
          RepointingReport report = KafkaViewRepointing.of(table).manifestsIn(manifests).verifiedBy(replayCheck)
              .clock(clock).commit();
          yield report.repointed().size() + " segments re-pointed, " + report.kept().size()
              + " left on their own files " + report.kept().values() + ", " + report.retiredFiles()
              + " files retired, " + report.releasedFiles() + " released";
        }
        case REWRITE_MANIFESTS -> {
          int rewritten = RewriteMainManifests.of(table).whenMoreThan(settings.maxManifests()).commit();
          yield rewritten == 0 ? "main has at most " + settings.maxManifests() + " data manifests"
              : "rewrote main's " + rewritten + " data manifests";
        }
        case EXPIRE_SNAPSHOTS -> "expired " + ExpireMainSnapshots.of(table).retainLast(settings.retainLastSnapshots())
            .olderThan(now.minus(settings.maxSnapshotAge())).commit() + " snapshots";
        case REMOVE_ORPHAN_FILES -> {
          OrphanRemoval removal = RemoveOrphanFiles.of(table).olderThan(now.minus(settings.orphanMinAge()))
              .manifestsIn(manifests).execute();
          yield removal.skipped().map(why -> "skipped: " + why)
              .orElse("removed " + removal.removed().size() + " orphan files" + (removal.manifestsRemoved().isEmpty()
                  ? "" : " and the manifests of " + removal.manifestsRemoved().size() + " segments whose upload never "
                  + "committed " + removal.manifestsRemoved()));
        }
      });
    } catch (RuntimeException e) {
      return StepOutcome.failed(step, e);
    }
  }
}
