package io.floe.translator.value.json;

import static io.floe.translator.value.json.JsonBytes.schema;
import static io.floe.translator.value.json.JsonBytes.write;
import static io.floe.translator.value.json.JsonValueCodecTest.assertTypedAndExactThroughParquet;
import static io.floe.translator.value.json.JsonValueCodecTest.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a value's text has beyond its columns is stored in its shape column, so that values real
 * producers write are typed and come back exactly: properties left out, beyond the schema's or in
 * another order, integers in {@code number} properties, and the spacing, escapes and numbers of
 * Python's {@code json.dumps} and of {@code JSON.stringify}.
 */
class JsonTextShapeTest {
  private static final JsonValueCodec ORDER = JsonValueCodec.of(schema("""
      {"type": "object", "properties": {
        "id": {"type": "integer"},
        "sku": {"type": "string"},
        "price": {"type": "number"},
        "note": {"oneOf": [{"type": "null", "title": "Not included"}, {"type": "string"}]},
        "line": {"type": "object", "properties": {"qty": {"type": "integer"}, "tags": {"type": "array", "items": {"type": "string"}}}}}}"""));

  @TempDir
  Path dir;

  @Test
  void theShapeColumnComesAfterTheValuesColumnsWithTheNextId() {
    List<Types.NestedField> columns = ORDER.columns().fields();

    Types.NestedField shape = columns.get(columns.size() - 1);
    assertEquals(List.of(9, JsonSchemaColumns.SHAPE, Types.BinaryType.get(), true),
        List.of(shape.fieldId(), shape.name(), shape.type(), shape.isOptional()));
    assertEquals(JsonSchemaColumns.of(ORDER.schema()).fields(), columns.subList(0, columns.size() - 1));
  }

  @Test
  void whatADefaultObjectMapperWritesHasNoShape() {
    byte[] payload = write(ordered("id", 1L, "sku", "A-1", "price", 2.5, "note", null, "line", null));

    Record stored = assertTypedAndExactThroughParquet(ORDER, List.of(payload), dir).get(0);

    assertNull(stored.getField(JsonSchemaColumns.SHAPE));
  }

  @Test
  void propertiesLeftOutComeBackLeftOutAndNullsComeBackNull() {
    List<byte[]> payloads = List.of(
        write(ordered("id", 1L, "sku", "A-1")),
        write(ordered("id", 1L, "sku", "A-1", "note", null)),
        write(ordered("line", ordered("tags", List.of("x")))),
        write(ordered()));

    List<Record> stored = assertTypedAndExactThroughParquet(ORDER, payloads, dir);

    assertNull(stored.get(0).getField("note"));
    assertNull(stored.get(1).getField("note"));
    assertNotNull(stored.get(0).getField(JsonSchemaColumns.SHAPE));
  }

  @Test
  void propertiesInAnotherOrderComeBackInThatOrder() {
    byte[] payload = write(ordered("sku", "A-1", "line", ordered("tags", List.of(), "qty", 2L), "id", 1L));

    Record stored = assertTypedAndExactThroughParquet(ORDER, List.of(payload), dir).get(0);

    assertEquals(1L, stored.getField("id"));
    assertEquals(2L, ((Record) stored.getField("line")).getField("qty"));
  }

  @Test
  void propertiesBeyondTheSchemaComeBackWhereTheyWere() {
    byte[] payload = write(ordered("id", 1L, "_source", ordered("app", "shop", "v", Arrays.asList(1, 2.5, null)), "sku", "A-1",
        "line", ordered("qty", 2L, "gift", true)));

    Record stored = assertTypedAndExactThroughParquet(ORDER, List.of(payload), dir).get(0);

    assertEquals("A-1", stored.getField("sku"));
  }

  @Test
  void anIntegerInANumberPropertyComesBackWithoutAFraction() {
    byte[] payload = write(ordered("id", 1L, "price", 12L));

    Record stored = assertTypedAndExactThroughParquet(ORDER, List.of(payload), dir).get(0);

    assertEquals(12.0, stored.getField("price"));
  }

  @Test
  void whatPythonsJsonDumpsWritesComesBackExactly() {
    byte[] payload = utf8("""
        {"id": 1, "sku": "caf\\u00e9 \\ud834\\udd1e \\"q\\" \\\\ \\u007f\\u001f\\n", "price": 1e-05, "note": null, \
        "line": {"qty": 2, "tags": ["a", "b"]}}""");

    Record stored = assertTypedAndExactThroughParquet(ORDER, List.of(payload), dir).get(0);

    assertEquals("café 𝄞 \"q\" \\ \u007f\u001f\n", stored.getField("sku"));
    assertEquals(1e-5, stored.getField("price"));
  }

  @Test
  void whatJsonStringifyWritesComesBackExactly() {
    byte[] payload = utf8("""
        {"id":1,"sku":"café 𝄞\\u001f\\b","price":1e-7,"line":{"qty":2,"tags":[]}}""");

    Record stored = assertTypedAndExactThroughParquet(ORDER, List.of(payload), dir).get(0);

    assertEquals("café 𝄞\u001f\b", stored.getField("sku"));
    assertEquals(1e-7, stored.getField("price"));
  }

  @Test
  void propertyNamesThatNeedEscapesComeBackExactlyInEachStyle() {
    JsonValueCodec named = JsonValueCodec.of(schema("""
        {"type": "object", "properties": {
          "café": {"type": "integer"},
          "say \\"hi\\"": {"type": "string"},
          "plain": {"type": "integer"}}}"""));
    List<byte[]> payloads = List.of(
        utf8("{\"café\":1,\"say \\\"hi\\\"\":\"x\",\"plain\":2}"),
        utf8("{\"caf\\u00e9\": 1, \"say \\\"hi\\\"\": \"x\", \"plain\": 2}"));

    List<Record> stored = assertTypedAndExactThroughParquet(named, payloads, dir);

    assertEquals("x", stored.get(1).getField("say \"hi\""));
  }

  @Test
  void aWholeDoubleJsonStringifyWritesAsAnIntegerComesBackExactly() {
    assertTypedAndExactThroughParquet(ORDER, List.of(utf8("{\"id\":1,\"price\":100000000000000000000}")), dir);
  }

  @Test
  void aNullWhereTheSchemaAdmitsNoneBreaksTheSchemaAndIsTyped() {
    byte[] payload = write(ordered("id", null, "sku", "A-1"));

    assertTrue(ORDER.verify(payload).breaksSchema());
    assertTrue(ORDER.typed(payload).isPresent());
    assertFalse(ORDER.verify(write(ordered("id", 1L, "note", null))).breaksSchema());
  }

  @Test
  void aShapeColumnThatHoldsNoShapeFailsTheRebuild() {
    Record record = ORDER.decode(write(ordered("id", 1L)));
    record.setField(JsonSchemaColumns.SHAPE, ByteBuffer.wrap(new byte[] {1, 0, 5}));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ORDER.encode(record));
    assertTrue(e.getMessage().startsWith("Cannot read a JSON value's shape"), e.getMessage());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
