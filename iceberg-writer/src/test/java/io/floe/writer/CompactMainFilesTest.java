package io.floe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.table.KafkaColumns;
import io.floe.writer.data.MainCompactionFiles;
import io.floe.writer.maintenance.CompactMainFiles;
import io.floe.writer.maintenance.MainCompaction;
import io.floe.writer.repoint.KafkaViewRepointing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floe's compaction of {@code main}: small files of each table partition and Kafka partition,
 * committed before a cut-off, become one file in offset order, in a replace snapshot that leaves
 * {@code main}'s rows and the Kafka view's branch as they were.
 */
class CompactMainFilesTest {
  /** Past every commit the tests make: every file counts as old enough. */
  private static final Instant LATER = Instant.now().plusSeconds(3600);

  @TempDir
  Path dir;

  @Test
  void theSmallFilesOfEachKafkaPartitionBecomeOneFileInOffsetOrder() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(9);

    MainCompaction compaction = CompactMainFiles.of(tiered.table()).committedBefore(LATER).commit();

    assertEquals(new MainCompaction(9, 3, Map.of()), compaction);
    Map<Integer, List<DataFile>> files = mainFilesByKafkaPartition(tiered);
    assertEquals(Set.of(0, 1, 2), files.keySet());
    for (List<DataFile> partitionFiles : files.values()) {
      assertEquals(1, partitionFiles.size(), partitionFiles.toString());
      assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L,
          20L, 21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L), offsets(tiered, partitionFiles.get(0)));
    }
  }

  @Test
  void analystsSeeTheSameRowsAndTheKafkaViewKeepsItsFiles() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(6);
    List<Record> main = tiered.mainRows();
    Set<String> kafkaViewFiles = tiered.kafkaViewFiles();
    List<Record> kafkaView = tiered.kafkaViewRows();

    CompactMainFiles.of(tiered.table()).committedBefore(LATER).commit();

    assertEquals(main, tiered.mainRows());
    assertEquals(kafkaViewFiles, tiered.kafkaViewFiles());
    assertEquals(kafkaView, tiered.kafkaViewRows());
  }

  @Test
  void eachGroupIsOneReplaceSnapshotThatSaysItIsFloesCompaction() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(6);
    long before = tiered.table().currentSnapshot().snapshotId();

    CompactMainFiles.of(tiered.table()).committedBefore(LATER).commit();

    List<Snapshot> compactions = tiered.mainHistory().stream()
        .takeWhile(snapshot -> snapshot.snapshotId() != before).toList();
    assertEquals(3, compactions.size());
    for (Snapshot snapshot : compactions) {
      assertEquals(DataOperations.REPLACE, snapshot.operation());
      assertEquals(CompactMainFiles.OPERATION, snapshot.summary().get(KafkaViewRepointing.OPERATION));
    }
  }

  @Test
  void filesCommittedAfterTheCutOffAreLeftForALaterPass() {
    TieredTable tiered = new TieredTable(dir);
    Instant cutoff = Instant.now().minusSeconds(1);
    tiered.tier(6);
    long head = tiered.table().currentSnapshot().snapshotId();

    MainCompaction compaction = CompactMainFiles.of(tiered.table()).committedBefore(cutoff).commit();

    assertEquals(new MainCompaction(0, 0, Map.of()), compaction);
    assertEquals(head, tiered.table().currentSnapshot().snapshotId());
  }

  @Test
  void aCompactedFileJoinsTheFilesThatCameOfAgeAfterItWithoutWaitingForItsOwnAge() {
    TieredTable tiered = new TieredTable(dir);
    for (long baseOffset = 0; baseOffset < 30; baseOffset += 10) {
      tiered.tier(0, baseOffset);
    }
    long fileBytes = mainFilesByKafkaPartition(tiered).get(0).get(0).fileSizeInBytes();
    Instant cutoff = afterTheLastCommit(tiered.table());
    MainCompaction firstTwo = CompactMainFiles.of(tiered.table()).targetFileSize(fileBytes * 5 / 2)
        .committedBefore(cutoff).commit();

    MainCompaction again = CompactMainFiles.of(tiered.table()).committedBefore(cutoff).commit();

    assertEquals(new MainCompaction(2, 1, Map.of()), firstTwo, "the third file packed alone, so left");
    assertEquals(new MainCompaction(2, 1, Map.of()), again, "committed after the cut-off, the compacted file is "
        + "compacted with the third all the same");
    assertEquals(30, offsets(tiered, mainFilesByKafkaPartition(tiered).get(0).get(0)).size());
  }

  @Test
  void filesArePackedInOffsetOrderUpToTheTargetSize() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(12);
    long fileBytes = mainFilesByKafkaPartition(tiered).get(0).get(0).fileSizeInBytes();

    MainCompaction compaction = CompactMainFiles.of(tiered.table()).targetFileSize(fileBytes * 5 / 2)
        .committedBefore(LATER).commit();

    assertEquals(new MainCompaction(12, 6, Map.of()), compaction, "four files a partition, packed two by two");
    for (List<DataFile> files : mainFilesByKafkaPartition(tiered).values()) {
      List<List<Long>> offsets = files.stream().map(file -> offsets(tiered, file)).sorted(
          (a, b) -> Long.compare(a.get(0), b.get(0))).toList();
      assertEquals(List.of(0L, 19L, 20L, 39L), List.of(offsets.get(0).get(0), offsets.get(0).get(19),
          offsets.get(1).get(0), offsets.get(1).get(19)));
    }
  }

  @Test
  void filesNearTheTargetSizeAreLeft() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(6);
    long fileBytes = mainFilesByKafkaPartition(tiered).get(0).get(0).fileSizeInBytes();

    MainCompaction compaction = CompactMainFiles.of(tiered.table()).targetFileSize(fileBytes)
        .committedBefore(LATER).commit();

    assertEquals(new MainCompaction(0, 0, Map.of()), compaction);
  }

  @Test
  void compactedFilesAreCompactedAgainWithTheFilesThatCameSinceAndStayInOffsetOrder() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(6);
    CompactMainFiles.of(tiered.table()).committedBefore(LATER).commit();
    for (int i = 6; i < 9; i++) {
      tiered.tier(i % 3, (i / 3) * 10L);
    }
    List<Record> main = tiered.mainRows();

    MainCompaction again = CompactMainFiles.of(tiered.table()).committedBefore(LATER).commit();

    assertEquals(new MainCompaction(6, 3, Map.of()), again);
    assertEquals(main, tiered.mainRows());
    for (List<DataFile> files : mainFilesByKafkaPartition(tiered).values()) {
      assertEquals(1, files.size());
      List<Long> offsets = offsets(tiered, files.get(0));
      assertEquals(30, offsets.size());
      assertEquals(offsets.stream().sorted().distinct().toList(), offsets);
    }
  }

  @Test
  void aCompactedFileNamesTheSegmentsWhoseRowsItHoldsEvenAfterASecondCompaction() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(6);
    CompactMainFiles.of(tiered.table()).committedBefore(LATER).commit();
    tiered.tier(0, 20);
    CompactMainFiles.of(tiered.table()).committedBefore(LATER).commit();

    List<DataFile> partition0 = mainFilesByKafkaPartition(tiered).get(0);

    assertEquals(1, partition0.size());
    assertEquals(Optional.of(Set.of("Segment000AAAAAAAAAAAA", "Segment003AAAAAAAAAAAA", "Segment006AAAAAAAAAAAA")),
        MainCompactionFiles.segmentsIn(tiered.table().io(), partition0.get(0).location()));
  }

  @Test
  void aGroupWithADamagedPageIsLeftWithTheReasonAndTheOtherGroupsAreCompacted() {
    TieredTable tiered = new TieredTable(dir);
    tiered.tier(6);
    List<DataFile> partition1 = mainFilesByKafkaPartition(tiered).get(1);
    DamagedPage.in(LocalFileIO.path(partition1.get(0).location()));

    MainCompaction compaction = CompactMainFiles.of(tiered.table()).committedBefore(LATER).commit();

    assertEquals(4, compaction.filesRewritten());
    assertEquals(2, compaction.filesWritten());
    String reason = String.join("", compaction.left().values());
    assertTrue(reason.startsWith("Cannot compact data file " + partition1.get(0).location() + ": "), reason);
    assertEquals(locations(partition1), locations(mainFilesByKafkaPartition(tiered).get(1)),
        "the damage is not copied into a file with sound checksums");
  }

  /** An instant past the commit time of the table's last snapshot, once the clock has passed it. */
  private static Instant afterTheLastCommit(Table table) {
    long last = table.currentSnapshot().timestampMillis();
    while (System.currentTimeMillis() <= last) {
      Thread.onSpinWait();
    }
    return Instant.ofEpochMilli(last + 1);
  }

  /** Main's data files, by the Kafka partition of their first row. */
  private static Map<Integer, List<DataFile>> mainFilesByKafkaPartition(TieredTable tiered) {
    Table table = tiered.table();
    Map<Integer, List<DataFile>> files = new TreeMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        Record first = tiered.warehouse.fileRows(task.file().location(), table.schema()).get(0);
        int partition = (Integer) Warehouse.kafka(first).getField(KafkaColumns.PARTITION);
        files.computeIfAbsent(partition, p -> new ArrayList<>()).add(task.file());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static Set<String> locations(List<DataFile> files) {
    return files.stream().map(DataFile::location).collect(Collectors.toSet());
  }

  private static List<Long> offsets(TieredTable tiered, DataFile file) {
    return tiered.warehouse.fileRows(file.location(), tiered.table().schema()).stream()
        .map(row -> (Long) Warehouse.kafka(row).getField(KafkaColumns.OFFSET)).toList();
  }
}
