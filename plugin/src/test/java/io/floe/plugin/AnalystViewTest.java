package io.floe.plugin;

import static io.floe.plugin.ServedBytes.assertServedFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegment;
import io.floe.translator.KafkaSegments;
import io.floe.translator.SampleRecords;
import io.floe.translator.table.KafkaColumns;
import io.floe.translator.table.RowRecords;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.pending.PendingTransactions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.server.log.remote.storage.RemoteStorageException;
import org.apache.kafka.server.log.remote.storage.RemoteStorageManager.IndexType;
import org.apache.kafka.storage.internals.log.AbortedTxn;
import org.apache.kafka.storage.internals.log.TransactionIndex;
import org.apache.kafka.server.log.remote.storage.RetriableRemoteStorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table's main branch as an analyst sees it (promise 5): each (partition, offset) once, no
 * control record, no aborted data, whatever retries and re-uploads the broker makes; while the
 * Kafka view, served from the Floe branch's files, stays exact, also after maintenance on main.
 */
class AnalystViewTest {
  @TempDir
  Path dir;

  private final List<IcebergRemoteStorageManager> managers = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (IcebergRemoteStorageManager manager : managers) {
      manager.close();
    }
    UnknownOutcomeCatalog.failAfterNextCommits(0);
  }

  @Test
  void aCopyInterruptedAfterItsCommitKeepsTheFilesMainReferences() throws Exception {
    TieredSegment segment = TieredSegment.everyKind(dir, "orders", 0, 0);
    Files.createDirectories(dir.resolve("warehouse"));
    IcebergRemoteStorageManager rsm = managed(Map.of("iceberg.catalog.catalog-impl", UnknownOutcomeCatalog.class.getName(),
        "iceberg.catalog.uri", "jdbc:sqlite:" + dir.resolve("warehouse").resolve("floe-catalog.db")));
    rsm.copyLogSegmentData(TieredSegment.incompressible(dir.resolve("warm-up"), "orders", 1, 1).metadata(),
        TieredSegment.incompressible(dir.resolve("warm-up"), "orders", 1, 1).data());
    UnknownOutcomeCatalog.interruptAfterNextCommit();

    assertThrows(RetriableRemoteStorageException.class, () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));
    Thread.interrupted(); // the broker's copy thread ends its task; this one goes on

    // reading main opens every data file it references: none may be gone
    Set<Long> committed = mainOffsets("orders", 0);
    assertFalse(committed.isEmpty(), "the interrupted commit is in the table");
    TieredSegment retry = segment.retriedWithId(org.apache.kafka.common.Uuid.randomUuid());
    rsm.copyLogSegmentData(retry.metadata(), retry.data());
    assertEquals(committed, mainOffsets("orders", 0));
    assertServedWhole(rsm, retry);
  }

  @Test
  void mainHoldsNeitherControlRecordsNorAbortedData() throws Exception {
    // everyKind: 17-19 committed, 20 its marker; 21-22 aborted, 23 its marker.
    TieredSegment segment = TieredSegment.everyKind(dir, "orders", 0, 0);
    IcebergRemoteStorageManager rsm = managed(Map.of());
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    Set<Long> offsets = mainOffsets("orders", 0);
    assertTrue(offsets.containsAll(Set.of(17L, 18L, 19L)), offsets.toString());
    for (long gone : List.of(20L, 21L, 22L, 23L)) {
      assertFalse(offsets.contains(gone), "offset " + gone + " in main");
    }
    assertServedWhole(rsm, segment);
  }

  @Test
  void aTransactionWhoseMarkerIsInALaterSegmentStaysOutOfMainUntilThatSegmentCommitsIt() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    TieredSegment first = withTransactionOpenAtItsEnd();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    assertEquals(Set.of(0L, 1L), mainOffsets("orders", 0));

    // 5 plain, 6 the commit marker, 7 plain.
    // 5 plain, 6 the marker, 7 plain.
    TieredSegment second = ending(first, ControlRecordType.COMMIT);
    rsm.copyLogSegmentData(second.metadata(), second.data());

    assertEquals(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 7L), mainOffsets("orders", 0));
    assertServedWhole(rsm, first);
    assertServedWhole(rsm, second);
  }

  @Test
  void aTransactionAbortedInALaterSegmentNeverEntersMain() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    TieredSegment first = withTransactionOpenAtItsEnd();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    assertEquals(Set.of(0L, 1L), mainOffsets("orders", 0));

    // 5 plain, 6 the marker, 7 plain.
    TieredSegment second = ending(first, ControlRecordType.ABORT);
    rsm.copyLogSegmentData(second.metadata(), second.data());

    assertEquals(Set.of(0L, 1L, 5L, 7L), mainOffsets("orders", 0));
    assertTrue(table("orders").properties().keySet().stream().noneMatch(key -> key.startsWith("floe.pending")),
        table("orders").properties().toString());
    assertServedWhole(rsm, first);
    assertServedWhole(rsm, second);
  }

  @Test
  void anAbortTheBrokersTransactionIndexLeavesOutStillKeepsItsTransactionOutOfMain() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    TieredSegment first = withTransactionOpenAtItsEnd();
    rsm.copyLogSegmentData(first.metadata(), first.data());

    TieredSegment second = abortIndexLeftOut("second");
    rsm.copyLogSegmentData(second.metadata(), second.data());

    assertEquals(Set.of(0L, 1L, 5L, 7L), mainOffsets("orders", 0));
    assertServedWhole(rsm, second);
  }

  @Test
  void theServedTransactionIndexListsAnAbortTheBrokersIndexLeftOut() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    TieredSegment first = withTransactionOpenAtItsEnd();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    TieredSegment second = abortIndexLeftOut("second");
    rsm.copyLogSegmentData(second.metadata(), second.data());

    // the partition's first pending row, offset 2, is the added entry's last stable offset
    assertEquals(List.of(new AbortedTxn(KafkaSegment.PRODUCER_ID, 2, 6, 2)), servedAborts(rsm, second, 2, 8));
  }

  @Test
  void anAbortAnEarlierLeadersCopySettledIsListedByTheIndexOfACopyWhoseBrokerLeftItOut() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    TieredSegment first = withTransactionOpenAtItsEnd();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    // the leader's copy, its index listing the abort, commits; Kafka keeps the next leader's copy
    TieredSegment earlier = ending(first, ControlRecordType.ABORT);
    rsm.copyLogSegmentData(earlier.metadata(), earlier.data());
    TieredSegment kept = abortIndexLeftOut("kept");
    rsm.copyLogSegmentData(kept.metadata(), kept.data());

    assertEquals(Set.of(0L, 1L, 5L, 7L), mainOffsets("orders", 0));
    assertEquals(List.of(new AbortedTxn(KafkaSegment.PRODUCER_ID, 2, 6, 2)), servedAborts(rsm, kept, 2, 8));
  }

  @Test
  void aTransactionSpanningThreeSegmentsJoinsMainWhenTheThirdCommitsIt() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    TieredSegment first = tiered("first", 0, 2, Map.of(), segment -> segment
        .plain(Compression.NONE, records(0, 1))
        .transactional(Compression.NONE, 0, records(1, 2)));
    TieredSegment second = tiered("second", 3, 5, SegmentTransactions.openAtEnd(first.segmentFile()), segment -> segment
        .transactional(Compression.NONE, 2, records(3, 2))
        .plain(Compression.NONE, records(5, 1)));
    TieredSegment third = tiered("third", 6, 8, Map.of(KafkaSegment.PRODUCER_ID, 1L), segment -> segment
        .transactional(Compression.NONE, 4, records(6, 1))
        .marker(ControlRecordType.COMMIT, SampleRecords.T0 + 100)
        .plain(Compression.NONE, records(8, 1)));

    rsm.copyLogSegmentData(first.metadata(), first.data());
    rsm.copyLogSegmentData(second.metadata(), second.data());
    assertEquals(Set.of(0L, 5L), mainOffsets("orders", 0));
    assertEquals(4, pendingRows("orders", 0));
    assertEquals(4.0, pendingTransactionMetric("orders", 0, "pending-rows"));
    assertEquals(5.0, pendingTransactionMetric("orders", 0, "main-lag-offsets"), "offsets 1 to 5 tiered, not in main");
    rsm.copyLogSegmentData(third.metadata(), third.data());

    assertEquals(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 8L), mainOffsets("orders", 0));
    assertEquals(0, pendingRows("orders", 0));
    assertEquals(0.0, pendingTransactionMetric("orders", 0, "pending-rows"));
    assertEquals(0.0, pendingTransactionMetric("orders", 0, "main-lag-offsets"));
    for (TieredSegment segment : List.of(first, second, third)) {
      assertServedWhole(rsm, segment);
    }
  }

  @Test
  void interleavedTransactionsOfManyProducersEachWaitForTheirOwnMarker() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    // Producer 1 commits within the first segment; 2 and 3 are open at its end, 4 starts after.
    TieredSegment first = tiered("first", 0, 6, Map.of(), segment -> segment
        .transactional(1, Compression.NONE, 0, records(0, 1))
        .transactional(2, Compression.NONE, 0, records(1, 1))
        .transactional(3, Compression.NONE, 0, records(2, 1))
        .transactional(1, Compression.NONE, 1, records(3, 1))
        .marker(1, ControlRecordType.COMMIT, SampleRecords.T0 + 100)
        .transactional(2, Compression.NONE, 1, records(5, 1))
        .plain(Compression.NONE, records(6, 1)));
    rsm.copyLogSegmentData(first.metadata(), first.data());
    assertEquals(Set.of(0L, 3L, 6L), mainOffsets("orders", 0));

    // 2 aborts, 3 commits, 4 opens and commits, 2 opens a new transaction left open.
    TieredSegment second = tiered("second", 7, 13, SegmentTransactions.openAtEnd(first.segmentFile()), segment -> segment
        .marker(2, ControlRecordType.ABORT, SampleRecords.T0 + 101)
        .transactional(4, Compression.NONE, 0, records(8, 1))
        .transactional(3, Compression.NONE, 1, records(9, 1))
        .marker(3, ControlRecordType.COMMIT, SampleRecords.T0 + 102)
        .marker(4, ControlRecordType.COMMIT, SampleRecords.T0 + 103)
        .transactional(2, Compression.NONE, 2, records(12, 1))
        .plain(Compression.NONE, records(13, 1)));
    rsm.copyLogSegmentData(second.metadata(), second.data());

    assertEquals(Set.of(0L, 2L, 3L, 6L, 8L, 9L, 13L), mainOffsets("orders", 0));
    assertEquals(1, pendingRows("orders", 0));
    assertServedWhole(rsm, first);
    assertServedWhole(rsm, second);
  }

  @Test
  void aRetryUnderANewSegmentIdLeavesAPendingTransactionOnceInMain() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    TieredSegment first = withTransactionOpenAtItsEnd();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    TieredSegment retry = first.retriedWithId(org.apache.kafka.common.Uuid.randomUuid());
    rsm.copyLogSegmentData(retry.metadata(), retry.data());
    rsm.deleteLogSegmentData(first.metadata());
    assertEquals(3, pendingRows("orders", 0));

    TieredSegment second = ending(first, ControlRecordType.COMMIT);
    rsm.copyLogSegmentData(second.metadata(), second.data());

    assertEquals(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 7L), mainOffsets("orders", 0));
    assertServedWhole(rsm, retry);
  }

  @Test
  void aNewLeadersSegmentOverlappingAPendingTransactionLeavesEachOffsetOnce() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    // The old leader tiered 0-6 with a transaction open from 4; the new leader's segment starts at
    // 3, inside it, and holds the transaction's commit.
    TieredSegment old = tiered("old", 0, 6, Map.of(), segment -> segment
        .plain(Compression.NONE, records(0, 4))
        .transactional(Compression.NONE, 0, records(4, 3)));
    TieredSegment overlapping = tiered("new", 3, 9, Map.of(), segment -> segment
        .plain(Compression.NONE, records(3, 1))
        .transactional(Compression.NONE, 0, records(4, 3))
        .transactional(Compression.NONE, 3, records(7, 1))
        .marker(ControlRecordType.COMMIT, SampleRecords.T0 + 100)
        .plain(Compression.NONE, records(9, 1)));
    rsm.copyLogSegmentData(old.metadata(), old.data());
    rsm.copyLogSegmentData(overlapping.metadata(), overlapping.data());

    assertEquals(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 9L), mainOffsets("orders", 0));
    assertEquals(0, pendingRows("orders", 0));
    assertServedWhole(rsm, old);
    assertServedWhole(rsm, overlapping);
  }

  @Test
  void aPendingTransactionOfASegmentKafkaDeletedStillJoinsMainWhenTheTableKeepsRows() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    TieredSegment first = withTransactionOpenAtItsEnd();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    rsm.deleteLogSegmentData(first.metadata());
    assertFalse(branchFiles("orders").isEmpty(), "the pending files stay in the Kafka view's branch");

    TieredSegment second = ending(first, ControlRecordType.COMMIT);
    rsm.copyLogSegmentData(second.metadata(), second.data());

    assertEquals(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 7L), mainOffsets("orders", 0));
    String secondId = second.metadata().remoteLogSegmentId().id().toString();
    assertTrue(branchFiles("orders").stream().allMatch(file -> file.contains(secondId)),
        "the deleted segment's files left the branch once main took them: " + branchFiles("orders"));
  }

  @Test
  void aPendingTransactionOfASegmentKafkaDeletedGoesWithItWhenTheTableFollowsKafka() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of("table.retention", "follow-kafka"));
    TieredSegment first = withTransactionOpenAtItsEnd();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    rsm.deleteLogSegmentData(first.metadata());
    assertTrue(branchFiles("orders").isEmpty(), branchFiles("orders").toString());

    TieredSegment second = ending(first, ControlRecordType.COMMIT);
    rsm.copyLogSegmentData(second.metadata(), second.data());

    assertEquals(Set.of(5L, 7L), mainOffsets("orders", 0));
  }

  @Test
  void aSegmentKafkaDeletesWhileTheMarkersSegmentIsWrittenStaysDeleted() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of("table.retention", "follow-kafka",
        "iceberg.catalog.io-impl", InterceptingFileIO.class.getName()));
    TieredSegment first = withTransactionOpenAtItsEnd();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    TieredSegment second = ending(first, ControlRecordType.COMMIT);
    // The broker's expiration task deletes the first segment while its copy task writes the second.
    InterceptingFileIO.beforeNewFile(second.metadata().remoteLogSegmentId().id().toString(), () -> {
      try {
        rsm.deleteLogSegmentData(first.metadata());
      } catch (RemoteStorageException e) {
        throw new IllegalStateException(e);
      }
    });

    assertThrows(RetriableRemoteStorageException.class, () -> rsm.copyLogSegmentData(second.metadata(), second.data()));
    rsm.copyLogSegmentData(second.metadata(), second.data());

    assertEquals(Set.of(5L, 7L), mainOffsets("orders", 0));
    assertEquals(0, pendingRows("orders", 0));
  }

  @Test
  void anAbortMarkerTakesOutOfMainTheRowsOfItsTransactionTieredBeforeFloeKeptThemPending() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    TieredSegment first = withTransactionOpenAtItsEnd();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    // As a table written before Floe kept transactions pending holds them: in main, no pending state.
    Table table = table("orders");
    PendingTransactions pending = PendingTransactions.of(table, 0);
    RowDelta intoMain = table.newRowDelta();
    pending.byProducer().values().forEach(transaction -> transaction.files()
        .forEach(file -> intoMain.addRows(file.toDataFile(table))));
    intoMain.commit();
    table.updateProperties().remove(PendingTransactions.property(0)).commit();
    assertEquals(Set.of(0L, 1L, 2L, 3L, 4L), mainOffsets("orders", 0));

    TieredSegment second = ending(first, ControlRecordType.ABORT);
    rsm.copyLogSegmentData(second.metadata(), second.data());

    assertEquals(Set.of(0L, 1L, 5L, 7L), mainOffsets("orders", 0));
  }

  @Test
  void aCopyRetriedUnderANewSegmentIdLeavesEachOffsetOnceInMain() throws Exception {
    TieredSegment segment = TieredSegment.everyKind(dir, "orders", 0, 0);
    IcebergRemoteStorageManager rsm = managed(Map.of());
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    Set<Long> once = mainOffsets("orders", 0);

    TieredSegment retry = segment.retriedWithId(org.apache.kafka.common.Uuid.randomUuid());
    rsm.copyLogSegmentData(retry.metadata(), retry.data());

    assertEquals(once.size(), mainRows("orders").size(), "rows of main");
    assertEquals(once, mainOffsets("orders", 0));
    // The broker deletes the attempt it did not keep: the other stays whole in the Kafka view.
    rsm.deleteLogSegmentData(segment.metadata());
    assertEquals(once, mainOffsets("orders", 0));
    assertServedWhole(managed(Map.of()), retry);
  }

  @Test
  void aRetryAfterAnOperatorExpiredSnapshotsStillLeavesEachOffsetOnce() throws Exception {
    TieredSegment segment = TieredSegment.everyKind(dir.resolve("p0"), "orders", 0, 0);
    TieredSegment other = TieredSegment.everyKind(dir.resolve("p1"), "orders", 1, 0);
    IcebergRemoteStorageManager rsm = managed(Map.of());
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    rsm.copyLogSegmentData(other.metadata(), other.data());
    Set<Long> once = mainOffsets("orders", 0);
    // main's history no longer shows the segment's commit.
    table("orders").expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(1).commit();

    TieredSegment retry = segment.retriedWithId(org.apache.kafka.common.Uuid.randomUuid());
    rsm.copyLogSegmentData(retry.metadata(), retry.data());

    assertEquals(once, mainOffsets("orders", 0));
  }

  @Test
  void aCommitWhoseAnswerIsLostThenARetryUnderANewIdLeavesNoDuplicate() throws Exception {
    TieredSegment segment = TieredSegment.everyKind(dir, "orders", 0, 0);
    Files.createDirectories(dir.resolve("warehouse"));
    IcebergRemoteStorageManager rsm = managed(Map.of("iceberg.catalog.catalog-impl", UnknownOutcomeCatalog.class.getName(),
        "iceberg.catalog.uri", "jdbc:sqlite:" + dir.resolve("warehouse").resolve("floe-catalog.db")));
    // The table is created, then the segment's commit is written but its answer lost.
    rsm.copyLogSegmentData(TieredSegment.incompressible(dir.resolve("warm-up"), "orders", 1, 1).metadata(),
        TieredSegment.incompressible(dir.resolve("warm-up"), "orders", 1, 1).data());
    UnknownOutcomeCatalog.failAfterNextCommits(1);

    assertThrows(RetriableRemoteStorageException.class, () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));
    Set<Long> committed = mainOffsets("orders", 0);
    assertFalse(committed.isEmpty(), "the lost commit is in the table");

    TieredSegment retry = segment.retriedWithId(org.apache.kafka.common.Uuid.randomUuid());
    rsm.copyLogSegmentData(retry.metadata(), retry.data());

    assertEquals(committed, mainOffsets("orders", 0));
    assertEquals(committed.size(), mainRows("orders").stream().filter(row -> partition(row) == 0).count());
    assertServedWhole(rsm, retry);
  }

  @Test
  void theRowsOfTheNewestLeaderEpochWinWhateverOrderTheyAreUploadedIn() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    // Epoch 7 wrote offsets 0-3; after an unclean election epoch 9 wrote them differently; a
    // zombie of epoch 5 uploads 0-1 last.
    TieredSegment epoch7 = leaderSegment("epoch7", 7, "old", 4);
    TieredSegment epoch9 = leaderSegment("epoch9", 9, "new", 4);
    TieredSegment epoch5 = leaderSegment("epoch5", 5, "zombie", 2);
    for (TieredSegment segment : List.of(epoch7, epoch9, epoch5)) {
      rsm.copyLogSegmentData(segment.metadata(), segment.data());
    }

    Map<Long, String> values = new HashMap<>();
    for (Record row : mainRows("orders")) {
      Record kafka = (Record) row.getField(KafkaColumns.KAFKA);
      String value = new String(RowRecords.bytes(kafka.getField(KafkaColumns.VALUE_RAW)), StandardCharsets.UTF_8);
      assertEquals(null, values.put((Long) kafka.getField(KafkaColumns.OFFSET), value), "an offset twice in main");
    }
    assertEquals(Map.of(0L, "new-0", 1L, "new-1", 2L, "new-2", 3L, "new-3"), values);
    for (TieredSegment segment : List.of(epoch7, epoch9, epoch5)) {
      assertServedWhole(rsm, segment);
    }
  }

  @Test
  void maintenanceOnMainNeverTakesAFileTheKafkaViewNeeds() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    List<TieredSegment> segments = new ArrayList<>();
    for (int partition = 0; partition < 3; partition++) {
      segments.add(TieredSegment.everyKind(dir.resolve("p" + partition), "orders", partition, 0));
      rsm.copyLogSegmentData(segments.get(partition).metadata(), segments.get(partition).data());
    }
    long rows = mainRows("orders").size();

    // As an operator's compaction, snapshot expiry and orphan removal would, on main.
    Table table = table("orders");
    MainMaintenance.compact(table);
    table.newAppend().commit();
    table.expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1).retainLast(1).commit();
    MainMaintenance.deleteFilesNoSnapshotReferences(table("orders"));

    assertEquals(rows, mainRows("orders").size());
    for (TieredSegment segment : segments) {
      assertServedWhole(managed(Map.of()), segment);
    }
  }

  @Test
  void deletingASegmentTakesItOutOfTheKafkaViewAndByDefaultKeepsItsRows() throws Exception {
    TieredSegment segment = TieredSegment.everyKind(dir, "orders", 0, 0);
    IcebergRemoteStorageManager rsm = managed(Map.of());
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    Set<Long> offsets = mainOffsets("orders", 0);

    rsm.deleteLogSegmentData(segment.metadata());
    rsm.deleteLogSegmentData(segment.metadata());

    assertEquals(offsets, mainOffsets("orders", 0));
    assertTrue(branchFiles("orders").isEmpty(), branchFiles("orders").toString());
  }

  @Test
  void aTableFollowingKafkasRetentionLosesADeletedSegmentsRows() throws Exception {
    TieredSegment kept = TieredSegment.everyKind(dir.resolve("kept"), "orders", 1, 0);
    TieredSegment deleted = TieredSegment.everyKind(dir.resolve("deleted"), "orders", 0, 0);
    IcebergRemoteStorageManager rsm = managed(Map.of("table.retention", "follow-kafka"));
    rsm.copyLogSegmentData(kept.metadata(), kept.data());
    rsm.copyLogSegmentData(deleted.metadata(), deleted.data());
    Set<Long> keptOffsets = mainOffsets("orders", 1);

    rsm.deleteLogSegmentData(deleted.metadata());

    assertEquals(Set.of(), mainOffsets("orders", 0));
    assertEquals(keptOffsets, mainOffsets("orders", 1));
    assertServedWhole(rsm, kept);
  }

  /** Offsets 0-1 plain, 2-4 a transaction still open where the segment ends. */
  private TieredSegment withTransactionOpenAtItsEnd() {
    return tiered("first", 0, 4, Map.of(), segment -> segment
        .plain(Compression.NONE, records(0, 2))
        .transactional(Compression.NONE, 0, records(2, 3)));
  }

  /** The segment after {@code first}: 5 plain, 6 the marker of its open transaction, 7 plain. */
  private TieredSegment ending(TieredSegment first, ControlRecordType outcome) {
    return tiered("second", 5, 7, SegmentTransactions.openAtEnd(first.segmentFile()), segment -> segment
        .plain(Compression.NONE, records(5, 1))
        .marker(outcome, SampleRecords.T0 + 100)
        .plain(Compression.NONE, records(7, 1)));
  }

  /**
   * The segment after {@code withTransactionOpenAtItsEnd()} as a broker that rebuilt its producer
   * state from offset 5 writes it: 5 plain, 6 the open transaction's abort marker (its index has no
   * entry: the broker knew no open transaction), 7 plain.
   */
  private TieredSegment abortIndexLeftOut(String name) {
    return tiered(name, 5, 7, Map.of(), segment -> segment
        .plain(Compression.NONE, records(5, 1))
        .marker(ControlRecordType.ABORT, SampleRecords.T0 + 100)
        .plain(Compression.NONE, records(7, 1)));
  }

  /** A segment of partition 0 of topic orders from {@code baseOffset}, with its transaction index. */
  private TieredSegment tiered(String name, long baseOffset, long endOffset, Map<Long, Long> openBefore,
      java.util.function.Consumer<KafkaSegment> batches) {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve(name), baseOffset)) {
      batches.accept(segment);
      file = segment.path();
    }
    return TieredSegment.of(file, "orders", 0, baseOffset, endOffset, openBefore);
  }

  /** The partition's pending transactions, as the broker's JMX metric {@code attribute} says. */
  private static Object pendingTransactionMetric(String topic, int partition, String attribute) throws Exception {
    javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
    Set<javax.management.ObjectName> names = server.queryNames(new javax.management.ObjectName(
        "io.floe:type=pending-transactions,topic=" + topic + ",partition=" + partition + ",*"), null);
    assertEquals(1, names.size(), names.toString());
    return server.getAttribute(names.iterator().next(), attribute);
  }

  /** The rows of the partition waiting for their transaction's outcome, as the table's property says. */
  private long pendingRows(String topic, int partition) {
    String pending = table(topic).properties().get(PendingTransactions.property(partition));
    return pending == null ? 0 : org.apache.iceberg.util.JsonUtil.parse(pending, node -> node.get("rows").asLong());
  }

  /**
   * The aborted transactions a read_committed fetch of [{@code from}, {@code to}) finds in the
   * segment's served transaction index, as the broker reads it (Kafka's own {@code TransactionIndex},
   * as RemoteLogManager does).
   */
  private List<AbortedTxn> servedAborts(IcebergRemoteStorageManager rsm, TieredSegment segment, long from, long to)
      throws Exception {
    Path served = dir.resolve(segment.metadata().remoteLogSegmentId().id() + ".txnindex");
    try (InputStream in = rsm.fetchIndex(segment.metadata(), IndexType.TRANSACTION)) {
      Files.write(served, in.readAllBytes());
    }
    try (TransactionIndex index = new TransactionIndex(segment.metadata().startOffset(), served.toFile())) {
      return index.collectAbortedTxns(from, to).abortedTransactions();
    }
  }

  private void assertServedWhole(IcebergRemoteStorageManager rsm, TieredSegment segment) throws Exception {
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
  }

  /** A segment of partition 0 from offset 0 written by a leader of {@code epoch}: values {@code <prefix>-<offset>}. */
  private TieredSegment leaderSegment(String name, int epoch, String prefix, int records) {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve(name))) {
      segment.withLeaderEpoch(epoch);
      for (int offset = 0; offset < records; offset++) {
        segment.plain(Compression.NONE, new SimpleRecord(SampleRecords.T0 + offset, SampleRecords.key(offset),
            (prefix + "-" + offset).getBytes(StandardCharsets.UTF_8)));
      }
      file = segment.path();
    }
    return TieredSegment.of(file, "orders", 0, 0, records - 1);
  }

  private IcebergRemoteStorageManager managed(Map<String, String> extra) {
    IcebergRemoteStorageManager manager = new EmbeddedWarehouse(dir.resolve("warehouse")).manager(1, extra);
    managers.add(manager);
    return manager;
  }

  private Table table(String topic) {
    Path warehouse = dir.resolve("warehouse");
    return CatalogUtil.buildIcebergCatalog("floe", Map.of(
            "type", "jdbc", "uri", "jdbc:sqlite:" + warehouse.resolve("floe-catalog.db"),
            "warehouse", "file://" + warehouse, "io-impl", "io.floe.plugin.storage.LocalFileIO"), null)
        .loadTable(TableIdentifier.of("kafka", topic));
  }

  private List<Record> mainRows(String topic) throws IOException {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table(topic)).build()) {
      records.forEach(row -> rows.add(row.copy()));
    }
    return rows;
  }

  /** The offsets of a Kafka partition in main, failing if one appears twice. */
  private Set<Long> mainOffsets(String topic, int partition) throws IOException {
    List<Long> offsets = mainRows(topic).stream().filter(row -> partition(row) == partition)
        .map(row -> (Long) ((Record) row.getField(KafkaColumns.KAFKA)).getField(KafkaColumns.OFFSET)).toList();
    Set<Long> distinct = new TreeSet<>(offsets);
    assertEquals(distinct.size(), offsets.size(), "offsets of partition " + partition + " in main: " + offsets);
    return distinct;
  }

  private Set<String> branchFiles(String topic) throws IOException {
    Table table = table(topic);
    try (CloseableIterable<FileScanTask> tasks = table.newScan()
        .useSnapshot(table.refs().get(KafkaViewBranch.NAME).snapshotId()).planFiles()) {
      Set<String> files = new TreeSet<>();
      tasks.forEach(task -> files.add(task.file().location()));
      return files;
    }
  }

  private static int partition(Record row) {
    return (Integer) ((Record) row.getField(KafkaColumns.KAFKA)).getField(KafkaColumns.PARTITION);
  }

  private static SimpleRecord[] records(int first, int count) {
    return LongStream.range(first, first + count).mapToObj(i -> new SimpleRecord(SampleRecords.T0 + i,
        SampleRecords.key((int) i), SampleRecords.text(20, (int) i))).toArray(SimpleRecord[]::new);
  }
}
