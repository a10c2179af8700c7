package io.floe.translator.value.json;

import static io.floe.translator.value.json.JsonBytes.schema;
import static io.floe.translator.value.json.JsonBytes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.KafkaOracle;
import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.value.ParquetRoundTrip;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values as they sit in a segment Kafka wrote: each JSON value in the registry's framing is typed
 * and comes back byte for byte from its Parquet columns; a tombstone, a value without framing and a
 * framed value that is not JSON of its schema stay raw.
 */
class SegmentJsonValuesTest {
  private static final int SCHEMA_ID = 42;
  private static final JsonValueCodec ORDER = JsonValueCodec.of(schema(SCHEMA_ID, """
      {"type": "object", "title": "Order", "properties": {
        "id": {"type": "integer"},
        "customer": {"oneOf": [{"type": "null", "title": "Not included"}, {"type": "string"}]},
        "items": {"type": "object", "additionalProperties": {"type": "integer", "connect.type": "int32"}}}}"""));

  record Order(long id, String customer, Map<String, Integer> items) {}

  @TempDir
  Path dir;

  @Test
  void framedJsonValuesAreTypedAndEverythingElseStaysRaw() {
    byte[] notJson = WireFormat.encode(WireValue.of(SCHEMA_ID, SampleRecords.text(30, 9)));
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.NONE,
          value(new Order(1L, "ada", Map.of("pen", 2))),
          new SimpleRecord(SampleRecords.T0, SampleRecords.key(2), null),
          new SimpleRecord(SampleRecords.T0, SampleRecords.key(3), SampleRecords.text(40, 3)),
          new SimpleRecord(SampleRecords.T0, SampleRecords.key(4), notJson));
      segment.plain(KafkaOracle.compression("zstd"), value(new Order(5L, null, Map.of())), value(new Order(6L, "grace", Map.of("ink", 1))));
      file = segment.path();
    }

    List<KafkaRow> typedRows = new ArrayList<>();
    List<Record> records = new ArrayList<>();
    List<Long> rawOffsets = new ArrayList<>();
    for (KafkaRow row : rows(file)) {
      Optional<Record> typed = WireFormat.parse(row.value(), SchemaType.JSON).flatMap(wire -> ORDER.typed(wire.payload()));
      if (typed.isPresent()) {
        typedRows.add(row);
        records.add(typed.get());
      } else {
        rawOffsets.add(row.offset());
      }
    }

    assertEquals(List.of(1L, 2L, 3L), rawOffsets);
    List<Record> stored = ParquetRoundTrip.through(ParquetRoundTrip.Encoding.DICTIONARY, dir, ORDER.columns(), records);
    for (int i = 0; i < stored.size(); i++) {
      byte[] served = WireFormat.encode(WireValue.of(SCHEMA_ID, ORDER.encode(stored.get(i))));
      assertArrayEquals(typedRows.get(i).value(), served, "offset " + typedRows.get(i).offset());
    }
    assertEquals(List.of(0L, 4L, 5L), typedRows.stream().map(KafkaRow::offset).toList());
  }

  private static SimpleRecord value(Order order) {
    byte[] value = WireFormat.encode(WireValue.of(SCHEMA_ID, write(order)));
    return new SimpleRecord(SampleRecords.T0, SampleRecords.key(1), value);
  }

  private static List<KafkaRow> rows(Path segment) {
    List<KafkaRow> rows = new ArrayList<>();
    try (SegmentTranslator translator = new SegmentTranslator(segment, 3)) {
      translator.forEachRemaining(batch -> rows.addAll(batch.rows()));
    }
    return rows;
  }
}
