package io.floe.writer.deletes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegment;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.translator.KafkaSegments;
import io.floe.translator.SampleRecords;
import io.floe.translator.table.KafkaColumns;
import io.floe.writer.deletes.UploadedTable.KafkaOffset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableUtil;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the live rows of a Kafka partition's offsets are in a snapshot, and what Kafka says of them. */
class TableRowScanTest {
  @TempDir
  Path dir;

  @Test
  void findsExactlyTheRowsOfOnePartitionInTheRangeAtTheirPositions() {
    Path segment = KafkaSegments.everyKind(dir.resolve("log"));
    Table table = new UploadedTable(dir, 1).upload(segment, 3, "ThreeAAAAAAAAAAAAAAAAA")
        .upload(segment, 4, "FourAAAAAAAAAAAAAAAAAA").table();
    long snapshot = table.currentSnapshot().snapshotId();

    List<LocatedRow> rows = TableRowScan.rows(table, snapshot, 3, 10, 41);

    List<KafkaOffset> expected = UploadedTable.offsets(table, snapshot).stream()
        .filter(row -> row.partition() == 3 && row.offset() >= 10 && row.offset() <= 41).toList();
    assertEquals(expected, rows.stream().map(KafkaOffset::of).sorted().toList());
    assertTrue(rows.stream().map(row -> row.file().location()).distinct().count() > 1, "rows of several files");
    for (LocatedRow row : rows) {
      Record kafka = (Record) rowsOf(table, row.file()).get((int) row.position()).getField(KafkaColumns.KAFKA);
      assertEquals(new KafkaOffset(3, row.offset()),
          new KafkaOffset((Integer) kafka.getField(KafkaColumns.PARTITION), (Long) kafka.getField(KafkaColumns.OFFSET)),
          "the row at position " + row.position() + " of " + row.file().location());
    }
  }

  @Test
  void rowsOfAFileComeInPositionOrder() {
    Path segment = KafkaSegments.everyKind(dir.resolve("log"));
    Table table = new UploadedTable(dir, 128 << 20).upload(segment, 3, "ThreeAAAAAAAAAAAAAAAAA").table();

    List<LocatedRow> rows = TableRowScan.rows(table, table.currentSnapshot().snapshotId(), 3, 0, 100);

    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).file().location().equals(rows.get(i - 1).file().location())) {
        assertTrue(rows.get(i).position() > rows.get(i - 1).position(), "row " + i);
      }
    }
  }

  @Test
  void transactionalAndControlFlagsEpochsAndProducerIdsAreThoseOfTheRowsBatches() {
    Path segment = KafkaSegments.everyKind(dir.resolve("log"));
    Table table = new UploadedTable(dir, 1).upload(segment, 3, "ThreeAAAAAAAAAAAAAAAAA").table();

    // The Kafka view's branch: main holds no control records.
    List<LocatedRow> rows = TableRowScan.rows(table, table.refs().get(KafkaViewBranch.NAME).snapshotId(), 3, 0, 29);

    // everyKind: 15-16 idempotent; 17-19 transactional, 20 its commit marker; 21-22 transactional, 23 its abort marker.
    Set<Long> transactional = offsets(rows.stream().filter(LocatedRow::transactional).toList());
    Set<Long> control = offsets(rows.stream().filter(LocatedRow::control).toList());
    Set<Long> produced = offsets(rows.stream().filter(row -> row.producerId() == KafkaSegment.PRODUCER_ID).toList());
    assertEquals(Set.of(17L, 18L, 19L, 20L, 21L, 22L, 23L), transactional);
    assertEquals(Set.of(20L, 23L), control);
    assertEquals(Set.of(15L, 16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L), produced);
    assertTrue(rows.stream().allMatch(row -> row.leaderEpoch() == KafkaSegment.LEADER_EPOCH), "every epoch");
  }

  @Test
  void rowsDeletedByAPositionDeleteOfTheSnapshotAreNotFound() {
    Path segment = KafkaSegments.everyKind(dir.resolve("log"));
    Table table = new UploadedTable(dir, 1).upload(segment, 3, "ThreeAAAAAAAAAAAAAAAAA").table();
    long before = table.currentSnapshot().snapshotId();
    List<LocatedRow> deleted = TableRowScan.rows(table, before, 3, 17, 23);
    RowDelta delta = table.newRowDelta();
    PositionDeletes.write(table, deleted, "Deleted-").forEach(delta::addDeletes);
    delta.commit();

    long after = table.currentSnapshot().snapshotId();

    assertEquals(List.of(), TableRowScan.rows(table, after, 3, 17, 23));
    assertEquals(Set.of(15L, 16L, 24L, 25L), offsets(TableRowScan.rows(table, after, 3, 15, 25)));
    assertEquals(offsets(deleted), offsets(TableRowScan.rows(table, before, 3, 17, 23)), "the older snapshot");
  }

  @Test
  void aRangeWithoutRowsFindsNothing() {
    Path segment = KafkaSegments.everyKind(dir.resolve("log"));
    Table table = new UploadedTable(dir, 1).upload(segment, 3, "ThreeAAAAAAAAAAAAAAAAA").table();
    long snapshot = table.currentSnapshot().snapshotId();

    assertEquals(List.of(), TableRowScan.rows(table, snapshot, 3, 1_000, 2_000));
    assertEquals(List.of(), TableRowScan.rows(table, snapshot, 4, 0, 100));
  }

  @Test
  void filesOutsideTheRangeAreNotOpened() {
    UploadedTable uploaded = new UploadedTable(dir, 1);
    for (int partition = 0; partition < 2; partition++) {
      try (KafkaSegment log = KafkaSegment.create(dir.resolve("log-" + partition))) {
        for (int i = 0; i < 5; i++) {
          log.plain(Compression.NONE, SampleRecords.records(i * 10, 10));
        }
        uploaded.upload(log.path(), partition, "Partition" + partition + "AAAAAAAAAAAA");
      }
    }
    Table catalogTable = uploaded.table();
    RecordingFileIO io = new RecordingFileIO();
    Table table = new BaseTable(new StaticTableOperations(TableUtil.metadataFileLocation(catalogTable), io),
        catalogTable.name());

    List<LocatedRow> rows = TableRowScan.rows(table, table.currentSnapshot().snapshotId(), 1, 20, 29);

    assertEquals(10, rows.size());
    List<String> files = rows.stream().map(row -> row.file().location()).distinct().toList();
    assertEquals(1, files.size(), "one batch, one file");
    assertEquals(files, io.openedParquet().stream().distinct().toList());
    assertFalse(files.isEmpty());
  }

  private static Set<Long> offsets(List<LocatedRow> rows) {
    return rows.stream().map(LocatedRow::offset).collect(Collectors.toSet());
  }

  /** Every row of a data file, in file order. */
  private static List<Record> rowsOf(Table table, DataFile file) {
    try (CloseableIterable<Record> records = Parquet.read(table.io().newInputFile(file.location()))
        .project(table.schema())
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(table.schema(), fileSchema))
        .build()) {
      List<Record> rows = new ArrayList<>();
      records.forEach(rows::add);
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
