package io.floe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.writer.maintenance.LeaseHolder;
import io.floe.writer.maintenance.MaintenanceLease;
import io.floe.writer.maintenance.MaintenanceReport;
import io.floe.writer.maintenance.MaintenanceSettings;
import io.floe.writer.maintenance.MaintenanceSettings.Compaction;
import io.floe.writer.maintenance.MaintenanceStep;
import io.floe.writer.maintenance.StepOutcome;
import io.floe.writer.maintenance.TableMaintenance;
import io.floe.writer.table.RefusingOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A maintenance pass: its steps in turn under the table's lease, each leaving both views readable. */
class TableMaintenanceTest {
  /** Keeps one snapshot of main, at most two manifests, and removes orphans older than three days. */
  private static final MaintenanceSettings SETTINGS = new MaintenanceSettings(1, Duration.ZERO, 2, Duration.ofDays(3), Optional.empty());
  /** A second ahead, so that the snapshots just committed count as older than an age of zero. */
  private static final Clock CLOCK = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1));

  @TempDir
  Path dir;

  @Test
  void aPassRunsEveryStepAndLeavesBothViewsRowsAsTheyWere() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(6);
    Path orphan = tiered.orphan("Killed-00000.parquet", Duration.ofDays(4));
    List<Record> main = tiered.mainRows();
    List<Record> kafkaView = tiered.kafkaViewRows();

    MaintenanceReport report = tiered.maintenance(SETTINGS, CLOCK).run(tiered.table());

    assertFalse(report.failed(), report.toString());
    assertEquals(List.of("compact-main: off", "follow-compaction: 0 segments re-pointed, 0 left on their own files [], 0 files retired, 0 released",
        "rewrite-manifests: rewrote main's 6 data manifests", "expire-snapshots: expired 6 snapshots",
        "remove-orphan-files: removed 1 orphan files"), report.steps().stream().map(StepOutcome::describe).toList());
    assertEquals(main, tiered.mainRows());
    assertEquals(kafkaView, tiered.kafkaViewRows());
    assertEquals(1, tiered.mainHistory().size());
    assertFalse(Files.exists(orphan));
    assertFalse(tiered.table().properties().containsKey(MaintenanceLease.PROPERTY), "the lease is given back");
  }

  @Test
  void aPassCompactsMainFirstAndTheKafkaViewFollowsInTheSamePass() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(6);
    List<Record> main = tiered.mainRows();
    MaintenanceSettings compacting = new MaintenanceSettings(100, Duration.ofDays(1), 100, Duration.ofDays(3),
        Optional.of(new Compaction(512L << 20, Duration.ZERO, 0)));

    MaintenanceReport report = tiered.maintenance(compacting, CLOCK).run(tiered.table());

    assertEquals(List.of(MaintenanceStep.values()), report.steps().stream().map(StepOutcome::step).toList());
    assertEquals("compact-main: compacted 6 data files into 3", report.steps().get(0).describe());
    // No manifest of this table lists the files the compaction took out (the pass looks for none
    // where the uploads keep them), so the Kafka view lets all six go.
    assertTrue(report.steps().get(1).describe().contains(", 6 files retired,"),
        "the Kafka view followed the compaction of the same pass: " + report);
    assertEquals(main, tiered.mainRows());
  }

  @Test
  void aPassFindsTheLeaseHeldElsewhereAndDoesNothing() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(4);
    LeaseHolder holder = new MaintenanceLease(tiered.table(), "broker 2", TableMaintenance.LEASE_TERM, CLOCK).acquire();
    long snapshot = tiered.table().currentSnapshot().snapshotId();

    MaintenanceReport report = tiered.maintenance(SETTINGS, CLOCK).run(tiered.table());

    assertEquals(Optional.of(holder), report.heldElsewhere());
    assertEquals(List.of(), report.steps());
    assertEquals(snapshot, tiered.table().currentSnapshot().snapshotId());
  }

  @Test
  void stepsTheCatalogRefusesFailWithoutTouchingEitherViewAndTheNextPassCompletesThem() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(6);
    List<Record> main = tiered.mainRows();
    List<Record> kafkaView = tiered.kafkaViewRows();
    BaseTable loaded = (BaseTable) tiered.table();
    RefusingOperations catalog = new RefusingOperations(loaded.operations());
    Table table = new BaseTable(catalog, loaded.name());

    MaintenanceReport refused = tiered.maintenance(SETTINGS, CLOCK).run(table);
    List<Record> mainAfterRefusal = tiered.mainRows();
    List<Record> kafkaViewAfterRefusal = tiered.kafkaViewRows();
    catalog.recover();
    MaintenanceReport rerun = tiered.maintenance(SETTINGS, CLOCK).run(table);

    assertEquals(List.of(MaintenanceStep.REWRITE_MANIFESTS, MaintenanceStep.EXPIRE_SNAPSHOTS),
        refused.steps().stream().filter(StepOutcome::failed).map(StepOutcome::step).toList());
    assertTrue(refused.steps().get(2).describe().endsWith("failed: The catalog is down"), refused.toString());
    assertEquals(main, mainAfterRefusal);
    assertEquals(kafkaView, kafkaViewAfterRefusal);
    assertFalse(rerun.failed(), rerun.toString());
    assertEquals(1, tiered.mainHistory().size());
    assertEquals(main, tiered.mainRows());
    assertEquals(kafkaView, tiered.kafkaViewRows());
  }
}
