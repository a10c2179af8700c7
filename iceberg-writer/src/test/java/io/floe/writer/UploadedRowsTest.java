package io.floe.writer;

import io.floe.translator.table.KafkaColumns;
import io.floe.translator.value.ValueFormat;
import io.floe.translator.key.KeyFormat;
import io.floe.translator.typing.KeyTyper;
import io.floe.translator.typing.ValueTyper;
import java.util.Optional;
import static io.floe.writer.Warehouse.kafka;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.KafkaSegments;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.TranslatedBatch;
import io.floe.translator.table.RowRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an upload puts in the table: one row per record, every {@code _kafka} field as the segment has it. */
class UploadedRowsTest {
  /** Values as an upload without a schema registry keeps them. */
  private static final ValueTyper UNTYPED = new ValueTyper(ValueFormat.AUTO, Optional.empty(), false);
  private static final KeyTyper UNTYPED_KEYS = new KeyTyper(KeyFormat.AUTO, Optional.empty(), false);

  @TempDir
  Path dir;

  @Test
  void everyRecordOfEveryKindOfBatchReadsBackAsOneRowWithEveryKafkaFieldRight() {
    Warehouse warehouse = new Warehouse(dir);
    Path segment = KafkaSegments.everyKind(dir.resolve("log"));
    warehouse.uploader().upload(Warehouse.upload(segment, 3, "AAAAAAAAAAAAAAAAAAAAAA"));

    Table table = warehouse.table();
    RowRecords records = new RowRecords(table.schema());
    List<Record> expected = new ArrayList<>();
    for (TranslatedBatch batch : Warehouse.translate(segment, 3)) {
      for (KafkaRow row : batch.rows()) {
        Record record = records.toRecord(row, batch, UNTYPED.type(row.value()));
        records.setKey(record, UNTYPED_KEYS.type(row.key()));
        expected.add(record);
      }
    }
    List<Record> actual = Warehouse.kafkaViewRows(table);
    assertEquals(expected.size(), actual.size(), "one row per record, one per raw batch");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(kafka(expected.get(i)), kafka(actual.get(i)), "row " + i);
    }
    List<Record> analystRows = expected.stream().filter(row -> !isControl(row)).map(Warehouse::kafka).toList();
    assertEquals(analystRows, Warehouse.rows(table).stream().map(Warehouse::kafka).toList(),
        "main: every row but the control records");
  }

  private static boolean isControl(Record row) {
    Record batch = (Record) kafka(row).getField(KafkaColumns.BATCH);
    return ((Integer) batch.getField(KafkaColumns.ATTRIBUTES) & 0x20) != 0;
  }
}
