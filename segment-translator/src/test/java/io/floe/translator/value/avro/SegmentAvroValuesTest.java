package io.floe.translator.value.avro;

import io.floe.translator.value.ParquetRoundTrip;
import io.floe.translator.registry.SchemaType;
import static io.floe.translator.value.avro.AvroColumnsTest.parse;
import static io.floe.translator.value.avro.AvroValueCodecTest.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.KafkaOracle;
import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values as they sit in a segment Kafka wrote: each Avro value in the registry's framing is typed
 * and comes back byte for byte from its Parquet columns; a tombstone, a value without framing and a
 * framed value that is not Avro of its schema stay raw.
 */
class SegmentAvroValuesTest {
  private static final int SCHEMA_ID = 42;
  private static final Schema ORDER = parse("""
      {"type": "record", "name": "Order", "namespace": "com.acme", "fields": [
        {"name": "id", "type": "long"},
        {"name": "customer", "type": ["null", "string"]},
        {"name": "items", "type": {"type": "map", "values": "int"}}]}""");

  @TempDir
  Path dir;

  @Test
  void framedAvroValuesAreTypedAndEverythingElseStaysRaw() {
    byte[] notAvro = WireFormat.encode(WireValue.of(SCHEMA_ID, SampleRecords.text(30, 9)));
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.NONE,
          value(order(1L, "ada", Map.of("pen", 2))),
          new SimpleRecord(SampleRecords.T0, SampleRecords.key(2), null),
          new SimpleRecord(SampleRecords.T0, SampleRecords.key(3), SampleRecords.text(40, 3)),
          new SimpleRecord(SampleRecords.T0, SampleRecords.key(4), notAvro));
      segment.plain(KafkaOracle.compression("zstd"), value(order(5L, null, Map.of())), value(order(6L, "grace", Map.of("ink", 1))));
      file = segment.path();
    }
    AvroValueCodec codec = AvroValueCodec.of(ORDER);

    List<KafkaRow> typedRows = new ArrayList<>();
    List<Record> records = new ArrayList<>();
    List<Long> rawOffsets = new ArrayList<>();
    for (KafkaRow row : rows(file)) {
      Optional<Record> typed = WireFormat.parse(row.value(), SchemaType.AVRO).flatMap(wire -> codec.typed(wire.payload()));
      if (typed.isPresent()) {
        typedRows.add(row);
        records.add(typed.get());
      } else {
        rawOffsets.add(row.offset());
      }
    }

    assertEquals(List.of(1L, 2L, 3L), rawOffsets);
    List<Record> stored = ParquetRoundTrip.through(ParquetRoundTrip.Encoding.DICTIONARY, dir, codec.columns(), records);
    for (int i = 0; i < stored.size(); i++) {
      byte[] served = WireFormat.encode(WireValue.of(SCHEMA_ID, codec.encode(stored.get(i))));
      assertArrayEquals(typedRows.get(i).value(), served, "offset " + typedRows.get(i).offset());
    }
    assertEquals(List.of(0L, 4L, 5L), typedRows.stream().map(KafkaRow::offset).toList());
  }

  private static Object order(long id, String customer, Map<String, Integer> items) {
    return record(ORDER, id, customer, items);
  }

  private static SimpleRecord value(Object order) {
    byte[] value = WireFormat.encode(WireValue.of(SCHEMA_ID, AvroBytes.write(ORDER, order)));
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
