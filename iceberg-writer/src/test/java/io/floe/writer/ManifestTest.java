package io.floe.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegments;
import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.KafkaIndexes;
import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.ManifestPaths;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.row.BatchRebuilder;
import io.floe.translator.row.Fidelity;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.TranslatedBatch;
import io.floe.translator.table.RowRecords;
import io.floe.writer.commit.KafkaViewBranch;
import io.floe.translator.table.TypedValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.SnapshotChanges;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segment manifest: where a fetch finds it, and that it points at exactly the rows of every batch. */
class ManifestTest {
  @TempDir
  Path dir;
  Warehouse warehouse;
  Path segment;
  SegmentUpload upload;
  SegmentManifest manifest;

  @BeforeEach
  void uploadEveryKind() {
    warehouse = new Warehouse(dir);
    segment = KafkaSegments.everyKind(dir.resolve("log"));
    upload = Warehouse.upload(segment, 3, "ManifestAAAAAAAAAAAAAA");
    // Small files and row groups, so that batches fall in several files and row groups.
    manifest = warehouse.uploader(warehouse.settings(256 * 1024, 64 * 1024)).upload(upload).manifest();
  }

  @Test
  void theManifestLiesWhereAFetchLooksForItAndDescribesTheSegment() throws IOException {
    String location = ManifestPaths.of(dir.resolve("manifests").toString(), upload.segment());
    byte[] stored;
    try (InputStream in = warehouse.io.newInputFile(location).newStream()) {
      stored = in.readAllBytes();
    }
    assertArrayEquals(ManifestCodec.encode(manifest), stored);

    Table table = warehouse.table();
    SegmentManifest decoded = ManifestCodec.decode(stored);
    assertEquals(upload.segment(), decoded.segment());
    assertEquals("kafka.orders", decoded.tableName());
    assertEquals(table.schema().asStruct(), SchemaParser.fromJson(decoded.dataSchemaJson()).asStruct());
    assertEquals(Files.size(segment), decoded.segmentSizeInBytes());
    assertIndexesEqual(Warehouse.indexes(), decoded.indexes());

    Map<String, DataFile> committed = new HashMap<>();
    // The manifest is the Kafka view: every file the segment added to the Floe branch.
    SnapshotChanges.builderFor(table).snapshot(table.snapshot(table.refs().get(KafkaViewBranch.NAME).snapshotId()))
        .build().addedDataFiles().forEach(f -> committed.put(f.location(), f));
    assertEquals(committed.keySet(), decoded.files().stream().map(DataFileRef::location).collect(Collectors.toSet()));
    for (DataFileRef file : decoded.files()) {
      assertEquals(Files.size(LocalFileIO.path(file.location())), file.sizeInBytes(), file.location());
      assertEquals(committed.get(file.location()).recordCount(), file.rowCount(), file.location());
    }

    List<TranslatedBatch> batches = Warehouse.translate(segment, 3);
    assertEquals(batches.size(), decoded.batches().size());
    for (int i = 0; i < batches.size(); i++) {
      TranslatedBatch batch = batches.get(i);
      BatchEntry entry = decoded.batches().get(i);
      assertEquals(batch.position(), entry.position(), "position of batch " + i);
      assertEquals(batch.sizeInBytes(), entry.sizeInBytes(), "size of batch " + i);
      assertEquals(batch.fidelity(), entry.fidelity(), "fidelity of batch " + i);
      assertEquals(batch.rows().get(0).batch().header().baseOffset(), entry.baseOffset(), "base offset of batch " + i);
      assertEquals(batch.rows().get(0).batch().header().lastOffset(), entry.lastOffset(), "last offset of batch " + i);
    }
  }

  @Test
  void theRunsOfEveryBatchHoldExactlyItsRowsAndRebuildIt() throws IOException {
    assertTrue(manifest.files().size() > 2, () -> "batches spread over " + manifest.files().size() + " file(s)");
    byte[] original = Files.readAllBytes(segment);
    List<TranslatedBatch> batches = Warehouse.translate(segment, 3);
    Map<Integer, List<Record>> rowsByFile = new HashMap<>();
    RowRecords rowRecords = new RowRecords(warehouse.table().schema());
    for (int i = 0; i < batches.size(); i++) {
      BatchEntry entry = manifest.batches().get(i);
      List<KafkaRow> rows = new ArrayList<>();
      for (BatchEntry.RowRun run : entry.runs()) {
        List<Record> records = rowsByFile.computeIfAbsent(run.file(),
            f -> warehouse.fileRows(manifest.files().get(f).location(), warehouse.table().schema()));
        records.subList((int) run.firstRow(), (int) run.firstRow() + run.rowCount())
            .forEach(record -> rows.add(rowRecords.toRow(record, TypedValues.NONE)));
      }
      // A batch's runs in several files interleave by offset when its timestamps do.
      rows.sort(Comparator.comparingLong(KafkaRow::offset));

      ByteBuffer rebuilt = BatchRebuilder.rebuild(rows).bytes();
      assertEquals(BatchRebuilder.rebuild(batches.get(i).rows()).bytes(), rebuilt,
          "batch " + i + " rebuilds as the translator's rows");
      if (entry.fidelity() != Fidelity.RECORD_IDENTICAL) {
        assertEquals(ByteBuffer.wrap(original, (int) entry.position(), entry.sizeInBytes()), rebuilt,
            "batch " + i + " rebuilds to its original bytes");
      }
    }
  }

  private static void assertIndexesEqual(KafkaIndexes expected, KafkaIndexes actual) {
    assertArrayEquals(expected.offsetIndex(), actual.offsetIndex());
    assertArrayEquals(expected.timeIndex(), actual.timeIndex());
    assertEquals(expected.transactionIndex().isPresent(), actual.transactionIndex().isPresent());
    expected.transactionIndex().ifPresent(index -> assertArrayEquals(index, actual.transactionIndex().orElseThrow()));
    assertArrayEquals(expected.producerSnapshot(), actual.producerSnapshot());
    assertArrayEquals(expected.leaderEpoch(), actual.leaderEpoch());
  }
}
