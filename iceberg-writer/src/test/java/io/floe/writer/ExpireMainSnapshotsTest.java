package io.floe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.manifest.SegmentManifest;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.commit.SegmentSnapshots;
import io.floe.writer.maintenance.ExpireMainSnapshots;
import io.floe.writer.maintenance.ReferencedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expiry of main's snapshots: main's history shrinks, its rows and the Kafka view's files stay. */
class ExpireMainSnapshotsTest {
  @TempDir
  Path dir;

  @Test
  void keepsTheNewestSnapshotsOfMainAndExpiresTheOlderOnes() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(6);
    List<Record> rows = tiered.mainRows();

    int expired = ExpireMainSnapshots.of(tiered.table()).retainLast(2).olderThan(Instant.now().plusSeconds(1)).commit();

    assertEquals(2, tiered.mainHistory().size());
    assertTrue(expired >= 4, "expired " + expired);
    assertEquals(rows, tiered.mainRows());
  }

  @Test
  void keepsSnapshotsOfMainYoungerThanTheCutoff() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(4);

    int expired = ExpireMainSnapshots.of(tiered.table()).retainLast(1).olderThan(Instant.now().minusSeconds(3600)).commit();

    assertEquals(0, expired);
    assertEquals(4, tiered.mainHistory().size());
  }

  @Test
  void leavesEveryFileOfTheKafkaViewsHeadInPlace() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(6);
    List<Record> kafkaView = tiered.kafkaViewRows();

    ExpireMainSnapshots.of(tiered.table()).retainLast(1).olderThan(Instant.now().plusSeconds(1)).commit();

    assertEquals(kafkaView, tiered.kafkaViewRows());
    tiered.kafkaViewFiles().forEach(file -> assertTrue(Files.exists(Path.of(file)), file));
  }

  @Test
  void keepsTheFilesOfADeletedSegmentWhileTheKafkaViewsRecentHistoryHoldsThem() {
    TieredTable tiered = new TieredTable(dir);
    List<SegmentUpload> uploads = tiered.tier(3);
    SegmentManifest deleted = tiered.uploader.upload(uploads.get(0)).manifest();
    tiered.uploader.delete(deleted, TableRetention.FOLLOW_KAFKA);
    List<String> files = deleted.files().stream().map(file -> ReferencedFiles.canonical(file.location())).toList();

    ExpireMainSnapshots.of(tiered.table()).retainLast(1).olderThan(Instant.now().plusSeconds(1)).commit();

    assertEquals(1, tiered.mainHistory().size());
    files.forEach(file -> assertTrue(Files.exists(Path.of(file)), file));
  }

  @Test
  void givesTheKafkaViewItsOwnRetentionWhichLaterUploadsKeep() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(2);

    ExpireMainSnapshots.of(tiered.table()).retainLast(1).olderThan(Instant.now().plusSeconds(1)).commit();
    tiered.tier(1);

    SnapshotRef branch = tiered.table().refs().get(KafkaViewBranch.NAME);
    assertEquals(ExpireMainSnapshots.KAFKA_VIEW_HISTORY.toMillis(), branch.maxSnapshotAgeMs());
    assertEquals(1, branch.minSnapshotsToKeep());
    assertEquals(Long.MAX_VALUE, branch.maxRefAgeMs());
  }

  @Test
  void keepsTheKafkaViewsRecentHistorySoThatARetriedUploadStillFindsItsCommit() {
    TieredTable tiered = new TieredTable(dir);
    List<SegmentUpload> uploads = tiered.tier(4);
    long snapshots = tiered.table().currentSnapshot().snapshotId();

    ExpireMainSnapshots.of(tiered.table()).retainLast(1).olderThan(Instant.now().plusSeconds(1)).commit();
    tiered.uploader.upload(uploads.get(0));

    Table table = tiered.table();
    uploads.forEach(upload -> assertTrue(
        SegmentSnapshots.find(table, KafkaViewBranch.NAME, upload.segment().segmentId()).isPresent()));
    assertEquals(snapshots, table.currentSnapshot().snapshotId(), "the retry committed nothing");
  }

  @Test
  void neverRemovesTheKafkaViewsBranchForItsAge() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(2);
    tiered.table().updateProperties().set(TableProperties.MAX_REF_AGE_MS, "1").commit();
    List<Record> kafkaView = tiered.kafkaViewRows();

    ExpireMainSnapshots.of(tiered.table()).retainLast(1).olderThan(Instant.now().plusSeconds(1)).commit();

    assertNotNull(tiered.table().refs().get(KafkaViewBranch.NAME));
    assertEquals(kafkaView, tiered.kafkaViewRows());
  }
}
