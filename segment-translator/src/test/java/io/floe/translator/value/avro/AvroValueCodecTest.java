package io.floe.translator.value.avro;

import io.floe.translator.value.ParquetRoundTrip;
import static io.floe.translator.value.avro.AvroColumnsTest.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values written by Avro's own writers are typed, decode to the values that were written, and after
 * the trip through a Parquet data file re-encode to their exact payload.
 */
class AvroValueCodecTest {
  private static final UUID ID = UUID.fromString("0a5c7d2e-9b41-4f6e-8c3a-1d2e3f405162");

  @TempDir
  Path dir;

  /** One type of the mapping: values as Avro's writer takes them, and the column values they decode to. */
  record Case(String type, String schema, List<Object> written, List<Object> decoded) {
    @Override
    public String toString() {
      return type;
    }
  }

  static Stream<Case> everyPrimitiveAndLogicalType() {
    Instant millis = Instant.parse("2026-01-01T12:34:56.789Z");
    Instant micros = Instant.parse("2026-01-01T12:34:56.789123Z");
    return Stream.of(
        same("boolean", "\"boolean\"", true, false),
        same("int", "\"int\"", 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE),
        same("long", "\"long\"", 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE),
        same("float", "\"float\"", 1.5f, -0.0f, 0.0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE),
        same("double", "\"double\"", 1.5, -0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE),
        same("bytes", "\"bytes\"", ByteBuffer.wrap(new byte[0]), ByteBuffer.wrap(new byte[] {0, -1, 127})),
        same("string", "\"string\"", "", "naïve ☕ 𝄞", "\u0000"),
        new Case("enum", "{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"NEW\", \"PAID\"]}",
            List.of(new GenericData.EnumSymbol(parse("{\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"NEW\", \"PAID\"]}"), "PAID")),
            List.of("PAID")),
        new Case("fixed", "{\"type\": \"fixed\", \"name\": \"Ip\", \"size\": 4}",
            List.of(new GenericData.Fixed(parse("{\"type\": \"fixed\", \"name\": \"Ip\", \"size\": 4}"), new byte[] {10, 0, 0, -1})),
            List.of(new byte[] {10, 0, 0, -1})),
        same("decimal on bytes", "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 9, \"scale\": 2}",
            new BigDecimal("1234567.89"), new BigDecimal("-0.01"), new BigDecimal("0.00"), new BigDecimal("-9999999.99")),
        same("decimal on fixed",
            "{\"type\": \"fixed\", \"name\": \"Amount\", \"size\": 9, \"logicalType\": \"decimal\", \"precision\": 20, \"scale\": 4}",
            new BigDecimal("-1234567890123456.7890"), new BigDecimal("0.0001"), new BigDecimal("9999999999999999.9999")),
        new Case("decimal wider than Iceberg's", "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 40, \"scale\": 0}",
            List.of(new BigDecimal("1" + "0".repeat(39))),
            List.of(ByteBuffer.wrap(new BigDecimal("1" + "0".repeat(39)).unscaledValue().toByteArray()))),
        same("date", "{\"type\": \"int\", \"logicalType\": \"date\"}", LocalDate.of(2026, 1, 1), LocalDate.of(1, 1, 1)),
        same("time-millis", "{\"type\": \"int\", \"logicalType\": \"time-millis\"}", LocalTime.of(23, 59, 59, 999_000_000), LocalTime.MIDNIGHT),
        same("time-micros", "{\"type\": \"long\", \"logicalType\": \"time-micros\"}", LocalTime.of(12, 0, 0, 123_456_000)),
        new Case("timestamp-millis", "{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}",
            List.of(millis, Instant.EPOCH.minusMillis(1)), List.of(utc(millis), utc(Instant.EPOCH.minusMillis(1)))),
        new Case("timestamp-micros", "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}",
            List.of(micros), List.of(utc(micros))),
        same("local-timestamp-millis", "{\"type\": \"long\", \"logicalType\": \"local-timestamp-millis\"}",
            LocalDateTime.of(2026, 1, 1, 12, 34, 56, 789_000_000)),
        same("local-timestamp-micros", "{\"type\": \"long\", \"logicalType\": \"local-timestamp-micros\"}",
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)),
        same("timestamp-nanos, kept a long", "{\"type\": \"long\", \"logicalType\": \"timestamp-nanos\"}", 1_767_225_600_123_456_789L),
        same("uuid on string", "{\"type\": \"string\", \"logicalType\": \"uuid\"}", ID),
        same("uuid on fixed", "{\"type\": \"fixed\", \"name\": \"Id\", \"size\": 16, \"logicalType\": \"uuid\"}", ID));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyPrimitiveAndLogicalType")
  void everyPrimitiveAndLogicalTypeDecodesToItsValueAndComesBackExactly(Case type) {
    Schema schema = parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"v\", \"type\": " + type.schema() + "}]}");
    List<byte[]> payloads = new ArrayList<>();
    for (Object value : type.written()) {
      GenericData.Record datum = new GenericData.Record(schema);
      datum.put(0, value);
      payloads.add(AvroBytes.writeLogical(schema, datum));
    }

    List<Record> records = assertTypedAndExactThroughParquet(AvroValueCodec.of(schema), payloads);

    for (int i = 0; i < records.size(); i++) {
      assertColumnValue(type.decoded().get(i), records.get(i).get(0));
    }
  }

  @Test
  void nestedRecordsArraysMapsAndUnionsComeBackExactly() {
    Schema schema = parse("""
        {"type": "record", "name": "Order", "fields": [
          {"name": "id", "type": "long"},
          {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line", "fields": [
            {"name": "sku", "type": "string"},
            {"name": "quantity", "type": "int"}]}}},
          {"name": "attributes", "type": {"type": "map", "values": ["null", "string"]}},
          {"name": "note", "type": ["null", "string"]},
          {"name": "discount", "type": ["null", "int", "string", "Line"]}]}""");
    Schema line = schema.getField("lines").schema().getElementType();
    GenericData.Record first = record(line, "A-1", 2);
    GenericData.Record second = record(line, "B-7", 1);
    List<byte[]> payloads = List.of(
        AvroBytes.write(schema, record(schema, 1L, List.of(first, second), ordered("gift", "yes", "rush", null), "leave at door", 5)),
        AvroBytes.write(schema, record(schema, 2L, List.of(), ordered(), null, "SUMMER")),
        AvroBytes.write(schema, record(schema, 3L, List.of(first), ordered("z", "1", "a", "2"), null, second)),
        AvroBytes.write(schema, record(schema, 4L, List.of(), ordered(), null, null)));

    List<Record> records = assertTypedAndExactThroughParquet(AvroValueCodec.of(schema), payloads);

    Record order = records.get(0);
    assertEquals(List.of("A-1", "B-7"), ((List<?>) order.getField("lines")).stream().map(l -> ((Record) l).getField("sku")).toList());
    assertEquals("leave at door", order.getField("note"));
    assertEquals(5, ((Record) order.getField("discount")).getField("int"));
    assertNull(((Record) order.getField("discount")).getField("string"));
    assertEquals("SUMMER", ((Record) records.get(1).getField("discount")).getField("string"));
    assertEquals("B-7", ((Record) ((Record) records.get(2).getField("discount")).getField("Line")).getField("sku"));
    assertNull(records.get(3).getField("discount"));
  }

  @Test
  void mapsKeepTheOrderTheirEntriesWereWrittenIn() {
    Schema schema = parse("{\"type\": \"map\", \"values\": \"int\"}");
    Map<String, Integer> written = new LinkedHashMap<>();
    for (String key : new String[] {"zulu", "alpha", "mike", "bravo", "yankee", "charlie"}) {
      written.put(key, written.size());
    }
    byte[] payload = AvroBytes.write(schema, written);

    Record stored = assertTypedAndExactThroughParquet(AvroValueCodec.of(schema), List.of(payload)).get(0);

    assertEquals(List.copyOf(written.keySet()), List.copyOf(((Map<?, ?>) stored.getField(AvroColumns.VALUE)).keySet()));
  }

  @Test
  void aRecursiveSubValueIsKeptAsItsOwnAvroBytes() {
    Schema category = parse("""
        {"type": "record", "name": "Category", "fields": [
          {"name": "name", "type": "string"},
          {"name": "children", "type": {"type": "array", "items": "Category"}}]}""");
    GenericData.Record shoes = record(category, "shoes", List.of(record(category, "boots", List.of())));
    GenericData.Record root = record(category, "all", List.of(shoes, record(category, "hats", List.of())));
    byte[] payload = AvroBytes.write(category, root);

    Record stored = assertTypedAndExactThroughParquet(AvroValueCodec.of(category), List.of(payload)).get(0);

    List<?> children = (List<?>) stored.getField("children");
    assertEquals(ByteBuffer.wrap(AvroBytes.write(category, shoes)), children.get(0));
    assertEquals(2, children.size());
  }

  @Test
  void valuesOfAvrosSpecificDatumWriterComeBackExactly() {
    Instant shippedAt = Instant.parse("2026-03-01T08:00:00.250Z");
    SpecificDatumWriter<Object> writer = new SpecificDatumWriter<>(Shipment.SCHEMA$, new Shipment().getSpecificData());
    byte[] payload = AvroBytes.write(writer, new Shipment("S-1", Shipment.Status.SHIPPED, new BigDecimal("12.500"), shippedAt,
        Map.of("fragile", "yes")));

    Record stored = assertTypedAndExactThroughParquet(AvroValueCodec.of(Shipment.SCHEMA$), List.of(payload)).get(0);

    assertEquals("SHIPPED", stored.getField("status"));
    assertEquals(new BigDecimal("12.500"), stored.getField("weight"));
    assertEquals(utc(shippedAt), stored.getField("shippedAt"));
  }

  /** Every payload is typed, and after the trip through Parquet, in either encoding, re-encodes exactly; the stored records. */
  private List<Record> assertTypedAndExactThroughParquet(AvroValueCodec codec, List<byte[]> payloads) {
    List<Record> records = payloads.stream()
        .map(payload -> codec.typed(payload).orElseThrow(() -> new AssertionError("not typed: " + codec.decode(payload))))
        .toList();
    List<Record> stored = List.of();
    for (ParquetRoundTrip.Encoding encoding : ParquetRoundTrip.Encoding.values()) {
      stored = ParquetRoundTrip.through(encoding, dir, codec.columns(), records);
      for (int i = 0; i < payloads.size(); i++) {
        assertArrayEquals(payloads.get(i), codec.encode(stored.get(i)), encoding + " value " + i);
      }
    }
    return stored;
  }

  private static void assertColumnValue(Object expected, Object actual) {
    if (expected instanceof byte[] bytes) {
      assertArrayEquals(bytes, (byte[]) actual);
    } else if (expected instanceof Float f) {
      assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((Float) actual));
    } else if (expected instanceof Double d) {
      assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) actual));
    } else {
      assertEquals(expected, actual);
    }
  }

  private static Case same(String type, String schema, Object... values) {
    return new Case(type, schema, Arrays.asList(values), Arrays.asList(values));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static GenericData.Record record(Schema schema, Object... values) {
    GenericData.Record record = new GenericData.Record(schema);
    for (int i = 0; i < values.length; i++) {
      record.put(i, values[i]);
    }
    return record;
  }

  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
