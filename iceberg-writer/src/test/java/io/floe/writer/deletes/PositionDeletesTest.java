package io.floe.writer.deletes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.writer.deletes.UploadedTable.KafkaOffset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Position deletes remove exactly the rows given, from the branch they are committed to. */
class PositionDeletesTest {
  private static final long DAY = 86_400_000L;

  @TempDir
  Path dir;

  @Test
  void mainNoLongerReadsTheDeletedRowsAndReadsEveryOtherRow() {
    Table table = twoPartitionsOverTwoDays();
    List<KafkaOffset> before = UploadedTable.offsets(table, table.currentSnapshot().snapshotId());
    List<LocatedRow> rows = someRowsOfSeveralFilesOnBothDays(table);

    commit(table.newRowDelta(), PositionDeletes.write(table, rows, "SegmentAAAAAAAAAAAAAAA-1a2b3c4d-"));

    List<KafkaOffset> expected = new ArrayList<>(before);
    expected.removeAll(rows.stream().map(KafkaOffset::of).toList());
    assertEquals(expected, UploadedTable.offsets(table, table.currentSnapshot().snapshotId()));
  }

  @Test
  void oneParquetDeleteFilePerTablePartitionOfTheRowsDataFiles() {
    Table table = twoPartitionsOverTwoDays();
    List<LocatedRow> rows = someRowsOfSeveralFilesOnBothDays(table);

    List<DeleteFile> files = PositionDeletes.write(table, rows, "SegmentAAAAAAAAAAAAAAA-1a2b3c4d-");

    assertEquals(2, files.size());
    assertEquals(2, files.stream().map(DeleteFile::partition).distinct().count(), "one per day");
    assertEquals(rows.size(), files.stream().mapToLong(DeleteFile::recordCount).sum());
    for (DeleteFile file : files) {
      assertEquals(FileContent.POSITION_DELETES, file.content());
      assertEquals(FileFormat.PARQUET, file.format());
      String name = Path.of(file.location()).getFileName().toString();
      assertTrue(name.startsWith("SegmentAAAAAAAAAAAAAAA-1a2b3c4d-"), name);
      assertTrue(file.location().startsWith(table.locationProvider().newDataLocation("")), file.location());
    }
  }

  @Test
  void deletesCommittedToABranchLeaveMainUntouched() {
    Table table = twoPartitionsOverTwoDays();
    long head = table.currentSnapshot().snapshotId();
    table.manageSnapshots().createBranch("audit", head).commit();
    List<KafkaOffset> all = UploadedTable.offsets(table, head);
    List<LocatedRow> rows = someRowsOfSeveralFilesOnBothDays(table);

    commit(table.newRowDelta().toBranch("audit"), PositionDeletes.write(table, rows, "Branch-"));

    table.refresh();
    assertEquals(head, table.currentSnapshot().snapshotId());
    assertEquals(all, UploadedTable.offsets(table, head));
    assertEquals(all.size() - rows.size(), UploadedTable.offsets(table, table.refs().get("audit").snapshotId()).size());
  }

  @Test
  void onAFormatV3TableTheDeletesAreDeletionVectorsThatMainApplies() {
    Table table = twoPartitionsOverTwoDays();
    table.updateProperties().set(TableProperties.FORMAT_VERSION, "3").commit();
    List<KafkaOffset> before = UploadedTable.offsets(table, table.currentSnapshot().snapshotId());
    List<LocatedRow> rows = someRowsOfSeveralFilesOnBothDays(table);

    List<DeleteFile> files = PositionDeletes.write(table, rows, "Vectors-");
    commit(table.newRowDelta(), files);

    assertTrue(files.stream().allMatch(file -> file.format() == FileFormat.PUFFIN), "deletion vectors");
    assertEquals(rows.stream().map(row -> row.file().location()).collect(Collectors.toSet()),
        files.stream().map(DeleteFile::referencedDataFile).collect(Collectors.toSet()), "one per data file");
    List<KafkaOffset> expected = new ArrayList<>(before);
    expected.removeAll(rows.stream().map(KafkaOffset::of).toList());
    assertEquals(expected, UploadedTable.offsets(table, table.currentSnapshot().snapshotId()));
  }

  @Test
  void noRowsWriteNoFile() {
    Table table = twoPartitionsOverTwoDays();

    assertEquals(List.of(), PositionDeletes.write(table, List.of(), "Nothing-"));
  }

  /**
   * Kafka partitions 0 and 1, each offsets 0-39 in batches of 10: 0-19 on one day, 20-39 on the
   * next; a data file per batch.
   */
  private Table twoPartitionsOverTwoDays() {
    UploadedTable uploaded = new UploadedTable(dir, 1);
    for (int partition = 0; partition < 2; partition++) {
      try (KafkaSegment log = KafkaSegment.create(dir.resolve("log-" + partition))) {
        for (int batch = 0; batch < 4; batch++) {
          long day = SampleRecords.T0 + (batch < 2 ? 0 : DAY);
          log.plain(Compression.NONE, SampleRecords.records(day, batch * 10, 10));
        }
        uploaded.upload(log.path(), partition, "Partition" + partition + "AAAAAAAAAAAA");
      }
    }
    return uploaded.table();
  }

  /** Partition 0 offsets 5-24 (three files, both days) and partition 1 offsets 30-31, in no order. */
  private static List<LocatedRow> someRowsOfSeveralFilesOnBothDays(Table table) {
    long head = table.currentSnapshot().snapshotId();
    List<LocatedRow> rows = new ArrayList<>(TableRowScan.rows(table, head, 1, 30, 31));
    rows.addAll(TableRowScan.rows(table, head, 0, 5, 24));
    assertEquals(22, rows.size());
    return rows;
  }

  private static void commit(RowDelta delta, List<DeleteFile> deletes) {
    deletes.forEach(delta::addDeletes);
    delta.commit();
  }
}
