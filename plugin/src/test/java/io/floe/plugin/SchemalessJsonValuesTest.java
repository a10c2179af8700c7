package io.floe.plugin;

import static io.floe.plugin.ServedBytes.assertServedFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.translator.table.KafkaColumns;
import io.floe.translator.value.WriterSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain JSON values, no registry, tiered by the remote storage manager: the analyst sees columns
 * inferred from the documents, which evolve as later segments' documents gain fields, and the
 * Kafka view serves every value, typed or not, byte for byte from the table.
 */
class SchemalessJsonValuesTest {
  @TempDir
  Path dir;

  private final List<IcebergRemoteStorageManager> managers = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (IcebergRemoteStorageManager manager : managers) {
      manager.close();
    }
  }

  @Test
  void theDocumentsFieldsBecomeColumnsThatEvolveWithStableIds() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    TieredSegment first = first();
    TieredSegment second = second();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    Types.StructType before = table("clicks").schema().asStruct();

    rsm.copyLogSegmentData(second.metadata(), second.data());
    Types.StructType after = table("clicks").schema().asStruct();

    assertEquals(Types.LongType.get(), before.field("id").type());
    assertEquals(Types.StringType.get(), before.field("page").type());
    assertEquals(Types.LongType.get(), after.field("ms").type());
    assertEquals(Types.DoubleType.get(), after.field("ms__double").type(), "a double no long column can hold");
    assertEquals(Types.ListType.ofOptional(after.field("tags").type().asListType().elementId(), Types.StringType.get()),
        after.field("tags").type());
    assertEquals(Types.BooleanType.get(), after.field("user").type().asStructType().field("vip").type());
    for (String name : List.of("id", "page", "ms", KafkaColumns.KAFKA)) {
      assertEquals(before.field(name).fieldId(), after.field(name).fieldId(), name);
    }
  }

  @Test
  void eachRowHoldsItsDocumentInTheColumnsOfItsSegmentsInferredSchema() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    for (TieredSegment segment : List.of(first(), second())) {
      rsm.copyLogSegmentData(segment.metadata(), segment.data());
    }

    Map<Long, Record> rows = rowsByOffset("clicks");

    assertEquals(1L, rows.get(0L).getField("id"));
    assertEquals("/home", rows.get(0L).getField("page"));
    assertEquals(120L, rows.get(1L).getField("ms"));
    assertNull(kafka(rows.get(1L)).getField(KafkaColumns.VALUE_RAW));
    assertEquals(WriterSchema.INFERRED_ID, kafka(rows.get(1L)).getField(KafkaColumns.VALUE_SCHEMA_ID));
    assertEquals(12.5, rows.get(10L).getField("ms__double"));
    assertEquals(List.of("a", "b"), rows.get(10L).getField("tags"));
    assertEquals(true, ((Record) rows.get(11L).getField("user")).getField("vip"));
  }

  @Test
  void valuesThatAreNoJsonObjectKeepTheirBytesWithAReason() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    TieredSegment first = first();
    rsm.copyLogSegmentData(first.metadata(), first.data());

    Map<Long, Record> rows = rowsByOffset("clicks");

    assertEquals("not-json-object", kafka(rows.get(3L)).getField(KafkaColumns.VALUE_RAW_REASON));
    assertEquals("not-json-object", kafka(rows.get(4L)).getField(KafkaColumns.VALUE_RAW_REASON));
    assertEquals("not-reproducible", kafka(rows.get(5L)).getField(KafkaColumns.VALUE_RAW_REASON));
    assertEquals(7L, rows.get(5L).getField("id"), "a key written twice: its columns, and its bytes");
  }

  @Test
  void everyValueIsServedByteForByteByABrokerThatStartsAfresh() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    List<TieredSegment> segments = List.of(first(), second());
    for (TieredSegment segment : segments) {
      rsm.copyLogSegmentData(segment.metadata(), segment.data());
    }

    for (TieredSegment segment : segments) {
      try (InputStream in = managed(Map.of()).fetchLogSegment(segment.metadata(), 0)) {
        assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
      }
    }
  }

  @Test
  void pastTheCapOnFieldsTheTableGetsNoNewColumnsAndEveryValueIsStillServedExactly() throws Exception {
    // id, page, ms and _json_shape fill the cap: the second segment's tags and user get no columns.
    IcebergRemoteStorageManager rsm = managed(Map.of("value.json.infer.max.fields", "4"));
    List<TieredSegment> segments = List.of(first(), second());
    for (TieredSegment segment : segments) {
      rsm.copyLogSegmentData(segment.metadata(), segment.data());
    }

    Types.StructType columns = table("clicks").schema().asStruct();
    assertEquals(List.of(KafkaColumns.KAFKA, "id", "page", "ms", "_json_shape", "ms__double"),
        columns.fields().stream().map(Types.NestedField::name).toList());
    assertNull(kafka(rowsByOffset("clicks").get(10L)).getField(KafkaColumns.VALUE_RAW), "typed, tags in its shape");
    for (TieredSegment segment : segments) {
      try (InputStream in = managed(Map.of()).fetchLogSegment(segment.metadata(), 0)) {
        assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
      }
    }
  }

  @Test
  void topicsOutsideTheInferredPatternKeepTheirValuesRaw() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of("value.json.infer.topics", "orders|payments"));
    TieredSegment first = first();
    rsm.copyLogSegmentData(first.metadata(), first.data());

    assertEquals(Types.StructType.of(table("clicks").schema().findField(KafkaColumns.KAFKA)), table("clicks").schema().asStruct());
    assertEquals("no-registry", kafka(rowsByOffset("clicks").get(0L)).getField(KafkaColumns.VALUE_RAW_REASON));
  }

  /** Offsets 0-5: documents of id and page, with ms from offset 1; then JSON that is no object, text, and a key written twice. */
  private TieredSegment first() throws IOException {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve("first"), 0)) {
      segment.plain(Compression.NONE, record("{\"id\":1,\"page\":\"/home\"}"), record("{\"id\":2,\"page\":\"/cart\",\"ms\":120}"));
      segment.plain(Compression.gzip().build(), record("{\"id\": 3, \"page\": \"/pay\", \"ms\": 80}"), record("[1,2]"),
          record("plain text"), record("{\"id\":6,\"id\":7}"));
      file = segment.path();
    }
    return TieredSegment.of(file, "clicks", 0, 0, 5);
  }

  /** Offsets 10-12: documents that gain tags and a user, and whose ms became a fraction. */
  private TieredSegment second() throws IOException {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve("second"), 10)) {
      segment.plain(Compression.zstd().build(), record("{\"id\":10,\"page\":\"/home\",\"ms\":12.5,\"tags\":[\"a\",\"b\"]}"),
          record("{\"id\":11,\"user\":{\"name\":\"ada\",\"vip\":true},\"ms\":3}"),
          record("{\"tags\":[],\"id\":12,\"user\":null}"));
      file = segment.path();
    }
    return TieredSegment.of(file, "clicks", 0, 10, 12);
  }

  private IcebergRemoteStorageManager managed(Map<String, String> extra) {
    IcebergRemoteStorageManager manager = new EmbeddedWarehouse(dir.resolve("warehouse")).manager(1, extra);
    managers.add(manager);
    return manager;
  }

  private Table table(String topic) {
    return new EmbeddedWarehouse(dir.resolve("warehouse")).table(topic);
  }

  private Map<Long, Record> rowsByOffset(String topic) throws IOException {
    return new EmbeddedWarehouse(dir.resolve("warehouse")).rowsByOffset(topic);
  }

  private static Record kafka(Record row) {
    return (Record) row.getField(KafkaColumns.KAFKA);
  }

  private static SimpleRecord record(String value) {
    return new SimpleRecord(SampleRecords.T0, SampleRecords.key(1), value.getBytes(StandardCharsets.UTF_8));
  }
}
