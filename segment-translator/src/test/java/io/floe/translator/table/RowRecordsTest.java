package io.floe.translator.table;

import io.floe.translator.value.ValueFormat;
import io.floe.translator.typing.ValueTyper;
import java.util.Optional;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floe.translator.KafkaSegments;
import io.floe.translator.row.BatchRebuilder;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.row.TranslatedBatch;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.TypeUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows survive the trip through Iceberg records: their batches rebuild to the same bytes. */
class RowRecordsTest {
  /** Values as an upload without a schema registry keeps them. */
  private static final ValueTyper UNTYPED = new ValueTyper(ValueFormat.AUTO, Optional.empty(), false);

  @TempDir
  Path dir;

  @Test
  void everyKindOfBatchRebuildsTheSameFromItsRecords() {
    assertRecordsRebuildEveryBatch(KafkaColumns.SCHEMA);
  }

  @Test
  void aSchemaWithOtherFieldIdsAndMoreColumnsWorksTheSame() {
    // As a catalog numbers a new table's fields, or an operator's table adds its own columns.
    Schema renumbered = TypeUtil.assignIncreasingFreshIds(new Schema(
        org.apache.iceberg.types.Types.NestedField.optional(500, "note", org.apache.iceberg.types.Types.StringType.get()),
        KafkaColumns.SCHEMA.findField(KafkaColumns.KAFKA)));

    assertRecordsRebuildEveryBatch(renumbered);
  }

  @Test
  void rowsReadBackCarryTheirBatchsContentChecksum() {
    RowRecords records = new RowRecords(KafkaColumns.SCHEMA);
    try (SegmentTranslator translator = new SegmentTranslator(KafkaSegments.everyKind(dir), 3)) {
      while (translator.hasNext()) {
        TranslatedBatch batch = translator.next();
        for (KafkaRow row : batch.rows()) {
          KafkaRow back = records.toRow(records.toRecord(row, batch, UNTYPED.type(row.value())), TypedValues.NONE);
          assertEquals(OptionalInt.of(batch.contentChecksum()), back.batch().contentChecksum());
        }
      }
    }
  }

  @Test
  void aSchemaFromBeforeBatchChecksumsWorksWithoutThem() {
    Schema before = TypeUtil.selectNot(KafkaColumns.SCHEMA,
        Set.of(KafkaColumns.SCHEMA.findField("_kafka.batch.checksum").fieldId()));

    assertRecordsRebuildEveryBatch(before);
  }

  @Test
  void aTombstoneIsFlaggedAndARawBatchIsNot() {
    Path segment = KafkaSegments.everyKind(dir);
    RowRecords records = new RowRecords(KafkaColumns.SCHEMA);
    try (SegmentTranslator translator = new SegmentTranslator(segment, 3)) {
      while (translator.hasNext()) {
        TranslatedBatch batch = translator.next();
        for (KafkaRow row : batch.rows()) {
          Record kafka = (Record) records.toRecord(row, batch, UNTYPED.type(row.value())).getField(KafkaColumns.KAFKA);
          assertEquals(!row.isRaw() && row.value() == null, kafka.getField(KafkaColumns.TOMBSTONE));
          Record batchRecord = (Record) kafka.getField(KafkaColumns.BATCH);
          assertEquals(batch.rawReason().map(r -> r.label()).orElse(null), batchRecord.getField(KafkaColumns.RAW_REASON));
          if (row.isRaw()) {
            assertNull(kafka.getField(KafkaColumns.VALUE_RAW));
          }
        }
      }
    }
  }

  private void assertRecordsRebuildEveryBatch(Schema schema) {
    Path segment = KafkaSegments.everyKind(dir);
    RowRecords records = new RowRecords(schema);
    int batches = 0;
    try (SegmentTranslator translator = new SegmentTranslator(segment, 3)) {
      while (translator.hasNext()) {
        TranslatedBatch batch = translator.next();
        List<KafkaRow> back = batch.rows().stream()
            .map(row -> records.toRow(records.toRecord(row, batch, UNTYPED.type(row.value())), TypedValues.NONE))
            .toList();
        ByteBuffer expected = BatchRebuilder.rebuild(batch.rows()).bytes();
        assertEquals(expected, BatchRebuilder.rebuild(back).bytes(), "batch at position " + batch.position());
        for (int i = 0; i < back.size(); i++) {
          assertEquals(batch.rows().get(i).timestamp(), back.get(i).timestamp());
          assertEquals(batch.rows().get(i).timestampType(), back.get(i).timestampType());
          assertEquals(batch.rows().get(i).partition(), back.get(i).partition());
        }
        batches++;
      }
    }
    assertEquals(17, batches);
  }
}
