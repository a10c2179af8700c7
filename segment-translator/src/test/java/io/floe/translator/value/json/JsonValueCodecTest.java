package io.floe.translator.value.json;

import static io.floe.translator.value.json.JsonBytes.schema;
import static io.floe.translator.value.json.JsonBytes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floe.translator.value.ParquetRoundTrip;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values Jackson writes from Java objects, as Confluent's serializer does, are typed, decode to the
 * values that were written, and after the trip through a Parquet data file re-encode to their exact
 * payload.
 */
class JsonValueCodecTest {
  private static final UUID ID = UUID.fromString("0a5c7d2e-9b41-4f6e-8c3a-1d2e3f405162");

  @TempDir
  Path dir;

  /** One type of the mapping: Java values as a producer holds them, and the column values they decode to. */
  record Case(String type, String schema, List<Object> written, List<Object> decoded) {
    @Override
    public String toString() {
      return type;
    }
  }

  record Line(String sku, int quantity) {}

  record Order(long id, List<Line> lines, Map<String, Object> attributes, String note, Object discount) {}

  record Category(String name, List<Category> children) {}

  static Stream<Case> everyTypeOfTheMapping() {
    Instant millis = Instant.parse("2026-01-01T12:34:56.789Z");
    Instant micros = Instant.parse("1969-12-31T23:59:59.999999Z");
    Instant seconds = Instant.parse("2026-01-01T00:00:00Z");
    return Stream.of(
        same("string", "{\"type\": \"string\"}", "", "naïve ☕ 𝄞", "\u0000 \" \\ \n\t\u001f </script>"),
        same("integer", "{\"type\": \"integer\"}", 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE),
        same("integer, Connect int32", "{\"type\": \"integer\", \"connect.type\": \"int32\"}", 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
        same("number", "{\"type\": \"number\"}", 1.5, -0.0, 0.0, 0.1, 100.0, 1.0E10, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE),
        same("number, Connect float32", "{\"type\": \"number\", \"connect.type\": \"float32\"}", 1.5f, 0.1f, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE),
        same("boolean", "{\"type\": \"boolean\"}", true, false),
        new Case("date", "{\"type\": \"string\", \"format\": \"date\"}",
            List.of("2026-01-01", "0001-01-01"), List.of(LocalDate.of(2026, 1, 1), LocalDate.of(1, 1, 1))),
        new Case("date-time", "{\"type\": \"string\", \"format\": \"date-time\"}",
            List.of(millis.toString(), micros.toString(), seconds.toString()),
            List.of(millis.atOffset(ZoneOffset.UTC), micros.atOffset(ZoneOffset.UTC), seconds.atOffset(ZoneOffset.UTC))),
        same("uuid", "{\"type\": \"string\", \"format\": \"uuid\"}", ID),
        new Case("Connect bytes", "{\"type\": \"string\", \"connect.type\": \"bytes\"}",
            List.of(new byte[0], new byte[] {0, -1, 127, 64, 33}),
            List.of(ByteBuffer.wrap(new byte[0]), ByteBuffer.wrap(new byte[] {0, -1, 127, 64, 33}))),
        same("enum", "{\"enum\": [\"NEW\", \"PAID\"]}", "PAID", "NEW"),
        same("const", "{\"const\": \"v1\"}", "v1"),
        same("array", "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}", List.of("a", "b"), List.of()),
        same("nullable", "{\"oneOf\": [{\"type\": \"null\", \"title\": \"Not included\"}, {\"type\": \"integer\"}]}", 7L, null),
        new Case("JSON text", "{\"not\": {\"type\": \"string\"}}",
            Arrays.asList(ordered("k", List.of(1, "x", true), "n", null), 12, null, List.of(), "𝄞"),
            // Jackson's UTF-8 generator writes a character beyond the BMP as two escapes.
            List.of("{\"k\":[1,\"x\",true],\"n\":null}", "12", "null", "[]", "\"\\uD834\\uDD1E\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyTypeOfTheMapping")
  void everyTypeDecodesToItsValueAndComesBackExactly(Case type) {
    JsonValueCodec codec = JsonValueCodec.of(schema("{\"type\": \"object\", \"properties\": {\"v\": " + type.schema() + "}}"));
    List<byte[]> payloads = type.written().stream().map(value -> write(Collections.singletonMap("v", value))).toList();

    List<Record> records = assertTypedAndExactThroughParquet(codec, payloads);

    for (int i = 0; i < records.size(); i++) {
      assertColumnValue(type.decoded().get(i), records.get(i).get(0));
    }
  }

  @Test
  void nestedObjectsArraysMapsAndUnionsComeBackExactly() {
    JsonValueCodec codec = JsonValueCodec.of(schema("""
        {"type": "object", "definitions": {"Line": {"type": "object", "properties": {
            "sku": {"type": "string"}, "quantity": {"type": "integer", "connect.type": "int32"}}}},
         "properties": {
          "id": {"type": "integer"},
          "lines": {"type": "array", "items": {"$ref": "#/definitions/Line"}},
          "attributes": {"type": "object", "additionalProperties": {"type": ["string", "null"]}},
          "note": {"oneOf": [{"type": "null", "title": "Not included"}, {"type": "string"}]},
          "discount": {"oneOf": [{"type": "null"}, {"type": "integer"}, {"type": "string"}, {"$ref": "#/definitions/Line"}]}}}"""));
    Line first = new Line("A-1", 2);
    Line second = new Line("B-7", 1);
    List<byte[]> payloads = List.of(
        write(new Order(1L, List.of(first, second), ordered("gift", "yes", "rush", null), "leave at door", 5)),
        write(new Order(2L, List.of(), ordered(), null, "SUMMER")),
        write(new Order(3L, List.of(first), ordered("z", "1", "a", "2"), null, second)),
        write(new Order(4L, List.of(), ordered(), null, null)));

    List<Record> records = assertTypedAndExactThroughParquet(codec, payloads);

    Record order = records.get(0);
    assertEquals(List.of("A-1", "B-7"), ((List<?>) order.getField("lines")).stream().map(l -> ((Record) l).getField("sku")).toList());
    assertEquals("leave at door", order.getField("note"));
    assertEquals(5L, ((Record) order.getField("discount")).getField("integer"));
    assertNull(((Record) order.getField("discount")).getField("string"));
    assertEquals("SUMMER", ((Record) records.get(1).getField("discount")).getField("string"));
    assertEquals("B-7", ((Record) ((Record) records.get(2).getField("discount")).getField("Line")).getField("sku"));
    assertNull(records.get(3).getField("discount"));
  }

  @Test
  void mapsKeepTheOrderTheirEntriesWereWrittenIn() {
    Map<String, Object> written = new LinkedHashMap<>();
    for (String key : new String[] {"zulu", "alpha", "mike", "bravo", "yankee", "charlie"}) {
      written.put(key, (long) written.size());
    }
    JsonValueCodec codec = JsonValueCodec.of(schema("{\"type\": \"object\", \"additionalProperties\": {\"type\": \"integer\"}}"));

    Record stored = assertTypedAndExactThroughParquet(codec, List.of(write(written))).get(0);

    assertEquals(List.copyOf(written.keySet()), List.copyOf(((Map<?, ?>) stored.getField(JsonSchemaColumns.VALUE)).keySet()));
  }

  @Test
  void aRecursiveSubValueIsKeptAsItsOwnJsonText() {
    JsonValueCodec codec = JsonValueCodec.of(schema("""
        {"type": "object", "properties": {
          "name": {"type": "string"},
          "children": {"type": "array", "items": {"$ref": "#"}}}}"""));
    Category shoes = new Category("shoes", List.of(new Category("boots", List.of())));
    byte[] payload = write(new Category("all", List.of(shoes, new Category("hats", List.of()))));

    Record stored = assertTypedAndExactThroughParquet(codec, List.of(payload)).get(0);

    List<?> children = (List<?>) stored.getField("children");
    assertEquals(new String(write(shoes), java.nio.charset.StandardCharsets.UTF_8), children.get(0));
    assertEquals(2, children.size());
  }

  @Test
  void aValueThatIsNotAnObjectIsTheValueColumn() {
    JsonValueCodec codec = JsonValueCodec.of(schema("{\"type\": \"array\", \"items\": {\"type\": \"number\"}}"));

    Record stored = assertTypedAndExactThroughParquet(codec, List.of(write(List.of(1.5, -2.0)))).get(0);

    assertEquals(List.of(1.5, -2.0), stored.getField(JsonSchemaColumns.VALUE));
  }

  @Test
  void aNullWhereThePropertysSchemaAdmitsNoneIsTypedAsANullColumn() {
    // what a default ObjectMapper writes for an unset field of a POJO
    JsonValueCodec codec = JsonValueCodec.of(schema("""
        {"type": "object", "properties": {
          "id": {"type": "integer"},
          "sku": {"type": "string"},
          "line": {"type": "object", "properties": {"qty": {"type": "integer"}}}}}"""));
    byte[] payload = write(ordered("id", 7L, "sku", null, "line", null));

    Record stored = assertTypedAndExactThroughParquet(codec, List.of(payload)).get(0);

    assertEquals(7L, stored.getField("id"));
    assertNull(stored.getField("sku"));
    assertNull(stored.getField("line"));
  }

  @Test
  void javaDoublesAreWrittenBackAsEveryJdkFromJava19Writes() {
    // JDK 17's Double.toString writes 1.0E23 as 9.999999999999999E22 and 8.41E21 as
    // 8.409999999999999E21: a rebuild must not depend on the JDK the broker runs on. Floe writes the
    // shortest digits (Schubfach, as Jackson ships it and Double.toString has since JDK 19).
    JsonValueCodec codec = JsonValueCodec.of(schema("{\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"number\"}}}"));
    List<byte[]> shortest = List.of(text("{\"x\":1.0E23}"), text("{\"x\":8.41E21}"),
        text("{\"x\":2.82879384806159E17}"), text("{\"x\":4.9E-324}"));

    assertTypedAndExactThroughParquet(codec, shortest);
  }

  /** Every payload is typed, and after the trip through Parquet, in either encoding, re-encodes exactly; the stored records. */
  static List<Record> assertTypedAndExactThroughParquet(JsonValueCodec codec, List<byte[]> payloads, Path dir) {
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

  private List<Record> assertTypedAndExactThroughParquet(JsonValueCodec codec, List<byte[]> payloads) {
    return assertTypedAndExactThroughParquet(codec, payloads, dir);
  }

  private static void assertColumnValue(Object expected, Object actual) {
    if (expected instanceof Float f) {
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

  private static byte[] text(String json) {
    return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A map with its entries in the order given, values may be null. */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
