package io.floe.plugin;

import static io.floe.plugin.ServedBytes.assertServedFrom;
import static io.floe.plugin.ServedBytes.assertServedFromEveryBatch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.plugin.config.FloeConfig;
import io.floe.plugin.kafka.Segments;
import io.floe.plugin.storage.LocalFileIO;
import io.floe.reader.ReplayComparison;
import io.floe.translator.KafkaOracle;
import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.writer.deletes.LocatedRow;
import io.floe.writer.deletes.PositionDeletes;
import io.floe.writer.deletes.TableRowScan;
import io.floe.writer.maintenance.MaintenanceReport;
import io.floe.writer.maintenance.MaintenanceSettings;
import io.floe.writer.maintenance.MaintenanceSettings.Compaction;
import io.floe.writer.maintenance.TableMaintenance;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.repoint.KafkaViewRepointing;
import io.floe.writer.repoint.ReplayCheck;
import io.floe.writer.repoint.RepointingReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka view follows compaction of main (docs/architecture.md §6): after an operator's engine
 * rewrites main's files, re-pointing serves every segment from the files that replaced its own, the
 * table holds its bytes once, and at no moment does a fetch miss a file or serve other bytes.
 */
class KafkaViewFollowsCompactionTest {
  /** From {@link #later()}, past another grace period. */
  private static final Duration LATER_STILL = KafkaViewRepointing.DEFAULT_GRACE_PERIOD.plusSeconds(60);

  @TempDir
  Path dir;

  private final List<IcebergRemoteStorageManager> managers = new ArrayList<>();
  private final LocalFileIO io = new LocalFileIO();

  @AfterEach
  void close() throws IOException {
    for (IcebergRemoteStorageManager manager : managers) {
      manager.close();
    }
  }

  @Test
  void afterCompactionEveryRecordIsServedExactlyFromOneCopyOfItsBytes() throws Exception {
    List<TieredSegment> segments = tierEveryKindAndValuesOfThreePartitions();
    long before = dataBytes(table());

    MainMaintenance.compact(table());
    RepointingReport repointed = repointing().commit();
    RepointingReport released = repointing().clock(Clock.fixed(later(), ZoneOffset.UTC)).commit();
    MainMaintenance.expireAndRemoveOrphans(table());

    assertEquals(Set.copyOf(refs(segments)), Set.copyOf(repointed.repointed()), repointed.toString());
    assertEquals(Map.of(), repointed.kept());
    assertTrue(repointed.retiredFiles() > 0, repointed.toString());
    assertEquals(repointed.retiredFiles(), released.releasedFiles(), released.toString());
    long after = dataBytes(table());
    assertTrue(after <= before * 1.05, "data bytes " + before + " before compaction, " + after + " after");
    for (TieredSegment segment : segments) {
      assertServedFromEveryBatch(managed(), segment);
      ServedBytes.assertEveryIndexServed(managed(), segment);
    }
  }

  @Test
  void afterFloesOwnCompactionEveryRecordIsServedExactlyFromOneCopyOfItsBytes() throws Exception {
    List<TieredSegment> segments = tierEveryKindAndValuesOfThreePartitions();
    long before = dataBytes(table());
    Set<String> uploaded = mainFiles(table());

    MaintenanceReport compacted = maintenancePass(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)));
    MaintenanceReport released = maintenancePass(Clock.fixed(later(), ZoneOffset.UTC));
    MainMaintenance.expireAndRemoveOrphans(table());

    assertFalse(compacted.failed() || released.failed(), compacted + "\n" + released);
    assertTrue(compacted.steps().get(1).describe().startsWith("follow-compaction: 6 segments re-pointed, 0 left"),
        compacted.toString());
    // One file per table partition and Kafka partition: each partition's compacted file of the
    // day, and the lone file of its magic v0 records (no timestamp: day null), left as it was.
    Set<String> after = mainFiles(table());
    assertEquals(6, after.size(), after.toString());
    assertEquals(3, after.stream().filter(file -> file.contains("/main-compaction-")).count(), after.toString());
    assertTrue(after.stream().filter(uploaded::contains).allMatch(file -> file.contains("_day=null/")),
        after.toString());
    long bytes = dataBytes(table());
    assertTrue(bytes <= before * 1.05, "data bytes " + before + " before compaction, " + bytes + " after");
    for (TieredSegment segment : segments) {
      assertServedFromEveryBatch(managed(), segment);
      ServedBytes.assertEveryIndexServed(managed(), segment);
    }
  }

  @Test
  void aSegmentRelocatedAFewOffsetsAtATimeIsServedExactly() throws Exception {
    // Row groups of 1 MiB: the values' file has several, and each range reads only its own.
    IcebergRemoteStorageManager rsm = managed(Map.of("writer.row.group.size.bytes", 1 << 20));
    TieredSegment kinds = TieredSegment.everyKind(dir.resolve("p0"), "orders", 0, 0);
    TieredSegment values = incompressible("values", 0, kinds.metadata().endOffset() + 1, 12);
    List<TieredSegment> segments = List.of(kinds, values);
    for (TieredSegment segment : segments) {
      rsm.copyLogSegmentData(segment.metadata(), segment.data());
    }
    SegmentManifest uploaded = (SegmentManifest) new ManifestStore(io, config().manifestPrefix()).read(ref(values))
        .orElseThrow();
    assertTrue(uploaded.files().get(0).rowGroups().size() > 2, uploaded.files().toString());

    MainMaintenance.compact(table());
    RepointingReport report = repointing().offsetsAtOnce(2).commit();

    assertEquals(Set.copyOf(refs(segments)), Set.copyOf(report.repointed()), report.toString());
    for (TieredSegment segment : segments) {
      assertServedFromEveryBatch(managed(), segment);
      ServedBytes.assertEveryIndexServed(managed(), segment);
    }
  }

  @Test
  void floesCompactionOfItsOwnCompactedFileReadsOnlyTheManifestsOfTheSegmentsItsFooterNames() throws Exception {
    IcebergRemoteStorageManager rsm = managed();
    List<TieredSegment> segments = new ArrayList<>(List.of(plain("first", 0, 10), plain("second", 10, 10)));
    TieredSegment elsewhere = incompressible("elsewhere", 1, 0, 1);
    for (TieredSegment segment : List.of(segments.get(0), segments.get(1), elsewhere)) {
      rsm.copyLogSegmentData(segment.metadata(), segment.data());
    }
    maintenancePass(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)));
    segments.add(plain("third", 20, 10));
    rsm.copyLogSegmentData(segments.get(2).metadata(), segments.get(2).data());
    // A pass that read every manifest of the topic would fail on this one.
    Files.write(manifestFile(elsewhere), new byte[] {1, 2, 3});

    MaintenanceReport second = maintenancePass(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)));

    assertFalse(second.failed(), second.toString());
    assertEquals("compact-main: compacted 2 data files into 1", second.steps().get(0).describe());
    assertTrue(second.steps().get(1).describe().startsWith("follow-compaction: 3 segments re-pointed, 0 left"),
        second.toString());
    for (TieredSegment segment : segments) {
      assertServedFromEveryBatch(managed(), segment);
    }
  }

  @Test
  void aSegmentIsNotRepointedAtAFileOfFloesCompactionWhoseFooterDoesNotNameIt() throws Exception {
    TieredSegment segment = plain("first", 0, 10);
    managed().copyLogSegmentData(segment.metadata(), segment.data());
    MainMaintenance.compactAsFloeNaming(table(), Set.of("AnotherSegmentIdAAAAAA"));

    RepointingReport report = repointing().commit();

    // A release reads only the manifests a footer names: this segment's would never be read.
    assertEquals(List.of(), report.repointed());
    assertTrue(report.kept().get(ref(segment)).endsWith("whose footer does not name the segment"), report.toString());
    assertServedFromEveryBatch(managed(), segment);
  }

  @Test
  void batchesWhoseRowsACompactionWroteInAnotherOrderAndInTwoDaysFilesAreServedInTheirOwnOrder() throws Exception {
    IcebergRemoteStorageManager rsm = managed();
    // Each batch has rows on both sides of midnight, so in two files of a table partitioned by day.
    TieredSegment segment = tiered("midnight", 0, 11, Map.of(), batches -> {
      for (int batch = 0; batch < 3; batch++) {
        int first = batch * 4;
        batches.plain(batch == 1 ? KafkaOracle.compression("zstd") : Compression.NONE,
            new SimpleRecord(SampleRecords.T0 - 2, SampleRecords.key(first), SampleRecords.text(40, first)),
            new SimpleRecord(SampleRecords.T0 + 1, SampleRecords.key(first + 1), SampleRecords.text(40, first + 1)),
            new SimpleRecord(SampleRecords.T0 - 1, SampleRecords.key(first + 2), SampleRecords.text(40, first + 2)),
            new SimpleRecord(SampleRecords.T0 + 2, SampleRecords.key(first + 3), SampleRecords.text(40, first + 3)));
      }
    });
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    MainMaintenance.compactInReverse(table());
    RepointingReport report = repointing().commit();
    repointing().clock(Clock.fixed(later(), ZoneOffset.UTC)).commit();
    MainMaintenance.expireAndRemoveOrphans(table());

    assertEquals(List.of(ref(segment)), report.repointed(), report.toString());
    SegmentManifest manifest = (SegmentManifest) new ManifestStore(io, config().manifestPrefix()).read(ref(segment))
        .orElseThrow();
    assertEquals(2, manifest.files().size(), manifest.files().toString());
    assertTrue(manifest.batches().stream().allMatch(batch -> batch.runs().size() == 4), manifest.batches().toString());
    assertServedFromEveryBatch(managed(), segment);
  }

  @Test
  void aFetchOpenedBeforeRepointingAndAManifestCachedBeforeItServeTheSameBytesAfterIt() throws Exception {
    TieredSegment segment = TieredSegment.everyKind(dir, "orders", 0, 0);
    IcebergRemoteStorageManager rsm = managed();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    ByteArrayOutputStream served = new ByteArrayOutputStream();
    Set<String> oldFiles = kafkaViewFiles(table());

    try (InputStream open = rsm.fetchLogSegment(segment.metadata(), 0)) {
      served.write(open.readNBytes(1000));
      MainMaintenance.compact(table());
      RepointingReport report = repointing().commit();
      MainMaintenance.expireAndRemoveOrphans(table());
      assertEquals(List.of(ref(segment)), report.repointed(), report.toString());
      served.write(open.readAllBytes());
    }

    assertServedFrom(segment.segmentFile(), 0, served.toByteArray());
    assertTrue(kafkaViewFiles(table()).containsAll(oldFiles), "files the cached manifest lists left the branch");
    assertServedFromEveryBatch(rsm, segment);
    assertServedFromEveryBatch(managed(), segment);
  }

  @Test
  void aSegmentWhoseRowsAreNotAllInTheCompactedFilesKeepsItsOwnFiles() throws Exception {
    TieredSegment segment = TieredSegment.everyKind(dir, "orders", 0, 0);
    IcebergRemoteStorageManager rsm = managed();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    Set<String> ownFiles = kafkaViewFiles(table());
    deleteFromMain(table(), 0, 3);

    MainMaintenance.compact(table());
    RepointingReport report = repointing().commit();
    RepointingReport later = repointing().clock(Clock.fixed(later(), ZoneOffset.UTC)).commit();
    MainMaintenance.expireAndRemoveOrphans(table());

    assertEquals(List.of(), report.repointed());
    assertTrue(report.kept().get(ref(segment)).contains("offset 3"), report.toString());
    assertEquals(0, later.releasedFiles(), later.toString());
    assertTrue(kafkaViewFiles(table()).containsAll(ownFiles), "the segment's own files left the branch");
    assertServedFromEveryBatch(managed(), segment);
  }

  @Test
  void repointingAgainChangesNothing() throws Exception {
    TieredSegment segment = TieredSegment.everyKind(dir, "orders", 0, 0);
    IcebergRemoteStorageManager rsm = managed();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    MainMaintenance.compact(table());
    repointing().commit();
    repointing().clock(Clock.fixed(later(), ZoneOffset.UTC)).commit();
    long branchHead = table().refs().get(KafkaViewBranch.NAME).snapshotId();
    byte[] manifest = Files.readAllBytes(manifestFile(segment));

    RepointingReport again = repointing().clock(Clock.fixed(later().plus(LATER_STILL), ZoneOffset.UTC)).commit();

    assertEquals(new RepointingReport(List.of(), Map.of(), 0, 0), again);
    assertEquals(branchHead, table().refs().get(KafkaViewBranch.NAME).snapshotId());
    assertArrayEquals(manifest, Files.readAllBytes(manifestFile(segment)));
  }

  @Test
  void aPassStoppedAfterWritingTheManifestsLeavesEverythingServedAndTheNextPassFinishesIt() throws Exception {
    TieredSegment segment = TieredSegment.everyKind(dir, "orders", 0, 0);
    IcebergRemoteStorageManager rsm = managed();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    long before = dataBytes(table());
    MainMaintenance.compact(table());

    // The clock is read after the manifests are written, before files are retired: a kill there.
    Clock stopped = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        throw new IllegalStateException("killed");
      }
    };
    assertThrows(IllegalStateException.class, () -> repointing().clock(stopped).commit());
    MainMaintenance.expireAndRemoveOrphans(table());
    assertServedFromEveryBatch(managed(), segment);

    RepointingReport finished = repointing().commit();
    RepointingReport released = repointing().clock(Clock.fixed(later(), ZoneOffset.UTC)).commit();
    MainMaintenance.expireAndRemoveOrphans(table());

    assertEquals(List.of(), finished.repointed(), "re-pointed twice: " + finished);
    assertTrue(released.releasedFiles() > 0, released.toString());
    assertTrue(dataBytes(table()) <= before * 1.05);
    assertServedFromEveryBatch(managed(), segment);
  }

  @Test
  void aPassStoppedBeforeWritingAManifestLeavesEverythingServedAndTheNextPassFinishesIt() throws Exception {
    TieredSegment segment = TieredSegment.everyKind(dir, "orders", 0, 0);
    IcebergRemoteStorageManager rsm = managed();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    MainMaintenance.compact(table());

    // The check runs after the compacted files joined the branch, before the manifest is written.
    ReplayCheck killed = (location, before, after) -> {
      throw new IllegalStateException("killed");
    };
    assertThrows(IllegalStateException.class, () -> repointing().verifiedBy(killed).commit());
    MainMaintenance.expireAndRemoveOrphans(table());
    assertServedFromEveryBatch(managed(), segment);

    RepointingReport finished = repointing().commit();
    MainMaintenance.expireAndRemoveOrphans(table());

    assertEquals(List.of(ref(segment)), finished.repointed(), finished.toString());
    assertServedFromEveryBatch(managed(), segment);
  }

  @Test
  void deletingARepointedSegmentLeavesTheCompactedFileItsNeighbourReadsInTheBranch() throws Exception {
    IcebergRemoteStorageManager rsm = managed();
    TieredSegment first = plain("first", 0, 10);
    TieredSegment second = plain("second", 10, 10);
    rsm.copyLogSegmentData(first.metadata(), first.data());
    rsm.copyLogSegmentData(second.metadata(), second.data());
    MainMaintenance.compact(table());
    repointing().commit();
    repointing().clock(Clock.fixed(later(), ZoneOffset.UTC)).commit();
    Set<String> shared = kafkaViewFiles(table());

    rsm.deleteLogSegmentData(first.metadata());
    MainMaintenance.compact(table());
    MainMaintenance.expireAndRemoveOrphans(table());

    assertEquals(shared, kafkaViewFiles(table()));
    assertServedFromEveryBatch(managed(), second);
  }

  @Test
  void rowsOfAPendingTransactionStayOnTheirFilesAndFollowTheirOwnCompactionOnceCommitted() throws Exception {
    IcebergRemoteStorageManager rsm = managed();
    // 0-1 plain, 2-4 a transaction its marker ends in the next segment.
    TieredSegment first = tiered("first", 0, 4, Map.of(), segment -> segment
        .plain(Compression.NONE, records(0, 2))
        .transactional(Compression.NONE, 0, records(2, 3)));
    rsm.copyLogSegmentData(first.metadata(), first.data());
    MainMaintenance.compact(table());
    RepointingReport whilePending = repointing().commit();
    TieredSegment second = tiered("second", 5, 7, SegmentTransactions.openAtEnd(first.segmentFile()), segment -> segment
        .plain(Compression.NONE, records(5, 1))
        .marker(org.apache.kafka.common.record.internal.ControlRecordType.COMMIT, SampleRecords.T0 + 100)
        .plain(Compression.NONE, records(7, 1)));
    rsm.copyLogSegmentData(second.metadata(), second.data());
    MainMaintenance.compact(table());
    RepointingReport committed = repointing().commit();
    repointing().clock(Clock.fixed(later(), ZoneOffset.UTC)).commit();
    MainMaintenance.expireAndRemoveOrphans(table());

    assertEquals(List.of(ref(first)), whilePending.repointed(), whilePending.toString());
    assertEquals(Set.of(ref(first), ref(second)), Set.copyOf(committed.repointed()), committed.toString());
    assertServedFromEveryBatch(managed(), first);
    assertServedFromEveryBatch(managed(), second);
  }

  @Test
  void rowsOnlyTheKafkaViewHoldsAreCopiedIntoOneFileAndServedExactlyFromIt() throws Exception {
    IcebergRemoteStorageManager rsm = managed();
    List<TieredSegment> segments = new ArrayList<>();
    for (int partition = 0; partition < 3; partition++) {
      segments.add(TieredSegment.everyKind(dir.resolve("p" + partition), "orders", partition, 0));
      rsm.copyLogSegmentData(segments.get(partition).metadata(), segments.get(partition).data());
    }
    Set<String> before = kafkaOnlyFiles(table());

    RepointingReport copied = repointing().commit();
    RepointingReport released = repointing().clock(Clock.fixed(later(), ZoneOffset.UTC)).commit();
    MainMaintenance.expireAndRemoveOrphans(table());

    assertEquals(3, before.size(), before.toString());
    assertEquals(Set.copyOf(refs(segments)), Set.copyOf(copied.repointed()), copied.toString());
    assertEquals(3, released.releasedFiles(), released.toString());
    assertEquals(1, kafkaOnlyFiles(table()).size(), kafkaOnlyFiles(table()).toString());
    for (TieredSegment segment : segments) {
      assertServedFromEveryBatch(managed(), segment);
    }
  }

  @Test
  void aCopyIsCopiedAgainWithTheSmallFilesThatCameSinceSoAPartitionKeepsOneFileOnlyTheKafkaViewHolds()
      throws Exception {
    IcebergRemoteStorageManager rsm = managed();
    List<TieredSegment> segments = new ArrayList<>();
    for (int partition = 0; partition < 4; partition++) {
      segments.add(TieredSegment.everyKind(dir.resolve("p" + partition), "orders", partition, 0));
      rsm.copyLogSegmentData(segments.get(partition).metadata(), segments.get(partition).data());
      if (partition % 2 == 1) {
        repointing().commit();
      }
    }
    repointing().clock(Clock.fixed(later(), ZoneOffset.UTC)).commit();
    MainMaintenance.expireAndRemoveOrphans(table());

    assertEquals(1, kafkaOnlyFiles(table()).size(), kafkaOnlyFiles(table()).toString());
    for (TieredSegment segment : segments) {
      assertServedFromEveryBatch(managed(), segment);
    }
  }

  @Test
  void aPassStoppedAfterCopyingRowsOnlyTheKafkaViewHoldsLeavesEverythingServedAndTheNextPassFinishesIt()
      throws Exception {
    IcebergRemoteStorageManager rsm = managed();
    List<TieredSegment> segments = new ArrayList<>();
    for (int partition = 0; partition < 2; partition++) {
      segments.add(TieredSegment.everyKind(dir.resolve("p" + partition), "orders", partition, 0));
      rsm.copyLogSegmentData(segments.get(partition).metadata(), segments.get(partition).data());
    }

    // The check runs after the copy joined the branch, before any manifest is written.
    ReplayCheck killed = (location, before, after) -> {
      throw new IllegalStateException("killed");
    };
    assertThrows(IllegalStateException.class, () -> repointing().verifiedBy(killed).commit());
    MainMaintenance.expireAndRemoveOrphans(table());
    for (TieredSegment segment : segments) {
      assertServedFromEveryBatch(managed(), segment);
    }

    RepointingReport finished = repointing().commit();
    repointing().clock(Clock.fixed(later(), ZoneOffset.UTC)).commit();
    MainMaintenance.expireAndRemoveOrphans(table());

    assertEquals(Set.copyOf(refs(segments)), Set.copyOf(finished.repointed()), finished.toString());
    assertEquals(1, kafkaOnlyFiles(table()).size(), kafkaOnlyFiles(table()).toString());
    for (TieredSegment segment : segments) {
      assertServedFromEveryBatch(managed(), segment);
    }
  }

  @Test
  void deletingASegmentWhoseKafkaOnlyRowsWereCopiedKeepsTheCopyWhileAnotherSegmentReadsIt() throws Exception {
    IcebergRemoteStorageManager rsm = managed();
    TieredSegment deleted = TieredSegment.everyKind(dir.resolve("p0"), "orders", 0, 0);
    TieredSegment kept = TieredSegment.everyKind(dir.resolve("p1"), "orders", 1, 0);
    rsm.copyLogSegmentData(deleted.metadata(), deleted.data());
    rsm.copyLogSegmentData(kept.metadata(), kept.data());
    repointing().commit();
    repointing().clock(Clock.fixed(later(), ZoneOffset.UTC)).commit();
    Set<String> copy = kafkaOnlyFiles(table());

    rsm.deleteLogSegmentData(deleted.metadata());
    RepointingReport later = repointing().clock(Clock.fixed(later().plus(LATER_STILL), ZoneOffset.UTC)).commit();
    MainMaintenance.expireAndRemoveOrphans(table());

    assertEquals(1, copy.size(), copy.toString());
    assertTrue(kafkaViewFiles(table()).containsAll(copy), later.toString());
    assertServedFromEveryBatch(managed(), kept);
  }

  /** Tiers, on each of three partitions, a segment of every kind of batch and one of values no codec shrinks. */
  private List<TieredSegment> tierEveryKindAndValuesOfThreePartitions() throws Exception {
    IcebergRemoteStorageManager rsm = managed();
    List<TieredSegment> segments = new ArrayList<>();
    for (int partition = 0; partition < 3; partition++) {
      TieredSegment kinds = TieredSegment.everyKind(dir.resolve("p" + partition), "orders", partition, 0);
      segments.add(kinds);
      // Values no codec shrinks and no two segments share, so that bytes compare as stored.
      segments.add(incompressible("values-" + partition, partition, kinds.metadata().endOffset() + 1, 4));
    }
    for (TieredSegment segment : segments) {
      rsm.copyLogSegmentData(segment.metadata(), segment.data());
    }
    return segments;
  }

  /** Past the grace period of every file retired so far. */
  private static Instant later() {
    return Instant.now().plus(KafkaViewRepointing.DEFAULT_GRACE_PERIOD).plusSeconds(60);
  }

  /** Deletes the row of an offset from main by position, as an analyst's delete or an overlapping upload would. */
  private static void deleteFromMain(Table table, int partition, long offset) {
    List<LocatedRow> rows = TableRowScan.rows(table, table.currentSnapshot().snapshotId(), partition, offset, offset);
    RowDelta delta = table.newRowDelta();
    PositionDeletes.write(table, rows, "analyst-").forEach(delta::addDeletes);
    delta.commit();
  }

  private KafkaViewRepointing repointing() {
    ManifestStore manifests = new ManifestStore(io, config().manifestPrefix());
    return KafkaViewRepointing.of(table()).manifestsIn(manifests).verifiedBy(new ReplayComparison(io)::difference);
  }

  private Path manifestFile(TieredSegment segment) {
    return Path.of(URI.create(new ManifestStore(io, config().manifestPrefix()).location(ref(segment))).getPath());
  }

  /** Every data file either view holds, counted once: what the table stores. */
  private static long dataBytes(Table table) throws IOException {
    table.refresh();
    Map<String, Long> sizes = new HashMap<>();
    for (long snapshot : List.of(table.currentSnapshot().snapshotId(),
        table.refs().get(KafkaViewBranch.NAME).snapshotId())) {
      try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot).planFiles()) {
        tasks.forEach(task -> sizes.put(task.file().location(), task.file().fileSizeInBytes()));
      }
    }
    return sizes.values().stream().mapToLong(Long::longValue).sum();
  }

  /** A pass of the broker's maintenance, compacting every file of main, keeping main's history short. */
  private MaintenanceReport maintenancePass(Clock clock) {
    MaintenanceSettings settings = new MaintenanceSettings(1, Duration.ZERO, 100, Duration.ofDays(3),
        Optional.of(new Compaction(512L << 20, Duration.ZERO, 0)));
    return new TableMaintenance(settings, "broker 1", clock, new ManifestStore(io, config().manifestPrefix()),
        new ReplayComparison(io)::difference).run(table());
  }

  private static Set<String> mainFiles(Table table) throws IOException {
    table.refresh();
    Set<String> files = new TreeSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> files.add(task.file().location()));
    }
    return files;
  }

  /** Files of the Kafka view that main does not hold: control records, aborted data, and the copies of those. */
  private static Set<String> kafkaOnlyFiles(Table table) throws IOException {
    Set<String> files = kafkaViewFiles(table);
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> files.remove(task.file().location()));
    }
    return files;
  }

  private static Set<String> kafkaViewFiles(Table table) throws IOException {
    table.refresh();
    Set<String> files = new TreeSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan()
        .useSnapshot(table.refs().get(KafkaViewBranch.NAME).snapshotId()).planFiles()) {
      tasks.forEach(task -> files.add(task.file().location()));
    }
    return files;
  }

  private static SegmentRef ref(TieredSegment segment) {
    return Segments.ref(segment.metadata());
  }

  private static List<SegmentRef> refs(List<TieredSegment> segments) {
    return segments.stream().map(KafkaViewFollowsCompactionTest::ref).toList();
  }

  /** {@code batches} one-record batches of 256 KiB of random bytes, seeded by the partition, from {@code baseOffset}. */
  private TieredSegment incompressible(String name, int partition, long baseOffset, int batches) {
    Random random = new Random(partition);
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve(name), baseOffset)) {
      for (int i = 0; i < batches; i++) {
        byte[] value = new byte[256 * 1024];
        random.nextBytes(value);
        segment.plain(Compression.NONE, new SimpleRecord(SampleRecords.T0 + i, SampleRecords.key(i), value));
      }
      file = segment.path();
    }
    return TieredSegment.of(file, "orders", partition, baseOffset, baseOffset + batches - 1);
  }

  /** {@code count} uncompressed one-record batches of partition 0 from {@code baseOffset}. */
  private TieredSegment plain(String name, long baseOffset, int count) {
    return tiered(name, baseOffset, baseOffset + count - 1, Map.of(), segment -> {
      for (long offset = baseOffset; offset < baseOffset + count; offset++) {
        segment.plain(Compression.NONE, records((int) offset, 1));
      }
    });
  }

  private TieredSegment tiered(String name, long baseOffset, long endOffset, Map<Long, Long> openBefore,
      java.util.function.Consumer<KafkaSegment> batches) {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve(name), baseOffset)) {
      batches.accept(segment);
      file = segment.path();
    }
    return TieredSegment.of(file, "orders", 0, baseOffset, endOffset, openBefore);
  }

  private static SimpleRecord[] records(int first, int count) {
    return LongStream.range(first, first + count).mapToObj(i -> new SimpleRecord(SampleRecords.T0 + i,
        SampleRecords.key((int) i), SampleRecords.text(20, (int) i))).toArray(SimpleRecord[]::new);
  }

  private Map<String, Object> configs() {
    Map<String, Object> configs = new HashMap<>();
    configs.put("iceberg.catalog.warehouse", "file://" + dir.resolve("warehouse"));
    configs.put("broker.id", 1);
    return configs;
  }

  private FloeConfig config() {
    return new FloeConfig(configs());
  }

  private IcebergRemoteStorageManager managed() {
    return managed(Map.of());
  }

  private IcebergRemoteStorageManager managed(Map<String, Object> more) {
    IcebergRemoteStorageManager manager = new IcebergRemoteStorageManager();
    Map<String, Object> configs = configs();
    configs.putAll(more);
    manager.configure(configs);
    managers.add(manager);
    return manager;
  }

  private Table table() {
    Path warehouse = dir.resolve("warehouse");
    return CatalogUtil.buildIcebergCatalog("floe", Map.of(
            "type", "jdbc", "uri", "jdbc:sqlite:" + warehouse.resolve("floe-catalog.db"),
            "warehouse", "file://" + warehouse, "io-impl", "io.floe.plugin.storage.LocalFileIO"), null)
        .loadTable(TableIdentifier.of("kafka", "orders"));
  }
}
