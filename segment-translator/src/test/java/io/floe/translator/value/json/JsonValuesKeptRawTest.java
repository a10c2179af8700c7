package io.floe.translator.value.json;

import static io.floe.translator.value.json.JsonBytes.schema;
import static io.floe.translator.value.json.JsonBytes.write;
import static io.floe.translator.value.json.JsonValueCodecTest.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.floe.translator.value.MalformedValueException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * JSON values that must stay raw: they are not JSON, not values of their schema, or no style a
 * shape describes writes their columns as their bytes. Each decodes or is malformed; none is typed,
 * none throws from {@code typed}.
 */
class JsonValuesKeptRawTest {
  private static final JsonValueCodec ORDER = JsonValueCodec.of(schema("""
      {"type": "object", "properties": {
        "id": {"type": "integer"},
        "sku": {"type": "string"},
        "note": {"oneOf": [{"type": "null", "title": "Not included"}, {"type": "string"}]}}}"""));

  record Order(long id, String sku, String note) {}

  record Fractional(double id, String sku, String note) {}

  @Test
  void aValueJacksonWritesIsTypedAsTheCasesBelowAreNot() {
    assertTrue(ORDER.typed(write(new Order(1L, "A-1", null))).isPresent());
  }

  @Test
  void anAbsentRequiredPropertyIsMalformed() {
    JsonValueCodec order = JsonValueCodec.of(schema("""
        {"type": "object", "required": ["id", "sku"], "properties": {
          "id": {"type": "integer"},
          "sku": {"type": "string"}}}"""));
    byte[] payload = write(ordered("id", 1L));

    assertThrows(MalformedValueException.class, () -> order.decode(payload));
    assertTrue(order.typed(payload).isEmpty());
  }

  @Test
  void aKeyWrittenTwiceIsKeptRaw() {
    byte[] payload = generate(out -> {
      out.writeStartObject();
      out.writeNumberField("id", 1L);
      out.writeStringField("sku", "A-1");
      out.writeStringField("sku", "B-2");
      out.writeNullField("note");
      out.writeEndObject();
    });

    assertEquals("B-2", ORDER.decode(payload).getField("sku"));
    assertTrue(ORDER.typed(payload).isEmpty());
  }

  @Test
  void whitespaceIsKeptRaw() {
    byte[] payload = writeWith(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build(), new Order(1L, "A-1", null));

    assertEquals(1L, ORDER.decode(payload).getField("id"));
    assertTrue(ORDER.typed(payload).isEmpty());
  }

  @Test
  void theLongerDigitsJdk17WritesForSomeDoublesAreKeptRaw() {
    // Double.toString before JDK 19: 1.0E23 as 9.999999999999999E22. Typing it would make its
    // rebuild depend on the JDK of the broker that serves it.
    JsonValueCodec measure = JsonValueCodec.of(schema("{\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"number\"}}}"));
    byte[] payload = "{\"x\":9.999999999999999E22}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertEquals(1.0E23, measure.decode(payload).getField("x"));
    assertTrue(measure.typed(payload).isEmpty());
  }

  @Test
  void aNumberBeyondADoubleIsKeptRaw() {
    // Jackson reads 1e400 as an infinite double, which no writer writes back as 1e400.
    JsonValueCodec measure = JsonValueCodec.of(schema("{\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"number\"}}}"));
    byte[] payload = "{\"x\":1e400}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertEquals(Double.POSITIVE_INFINITY, measure.decode(payload).getField("x"));
    assertTrue(measure.typed(payload).isEmpty());
  }

  @Test
  void aWholeNumberWrittenWithAFractionForAnIntegerIsKeptRaw() {
    byte[] payload = write(new Fractional(1.0, "A-1", null));

    assertEquals(1L, ORDER.decode(payload).getField("id"));
    assertTrue(ORDER.typed(payload).isEmpty());
  }

  @Test
  void anIntegerBeyondALongIsMalformed() {
    byte[] payload = write(ordered("id", new java.math.BigInteger("9223372036854775808"), "sku", "A-1", "note", null));

    assertThrows(MalformedValueException.class, () -> ORDER.decode(payload));
    assertTrue(ORDER.typed(payload).isEmpty());
  }

  @Test
  void escapesJacksonWouldNotWriteAreKeptRaw() {
    ObjectMapper escaping = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    byte[] payload = writeWith(escaping, new Order(1L, "café", null));

    assertEquals("café", ORDER.decode(payload).getField("sku"));
    assertTrue(ORDER.typed(payload).isEmpty());
  }

  @Test
  void anUnpairedSurrogateIsMalformed() {
    ObjectMapper escaping = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    byte[] payload = writeWith(escaping, new Order(1L, "\ud800", null));

    assertThrows(MalformedValueException.class, () -> ORDER.decode(payload));
    assertTrue(ORDER.typed(payload).isEmpty());
  }

  @Test
  void aDateTimeWithAnOffsetIsKeptRaw() {
    JsonValueCodec codec = JsonValueCodec.of(schema("{\"type\": \"string\", \"format\": \"date-time\"}"));
    OffsetDateTime paris = OffsetDateTime.of(2026, 1, 1, 14, 0, 0, 0, ZoneOffset.ofHours(2));
    byte[] payload = write(paris.toString());

    assertEquals(paris.withOffsetSameInstant(ZoneOffset.UTC), codec.decode(payload).getField(JsonSchemaColumns.VALUE));
    assertTrue(codec.typed(payload).isEmpty());
    assertTrue(codec.typed(write(paris.toInstant().toString())).isPresent());
  }

  @Test
  void aDateTimeWithNanosecondsIsKeptRaw() {
    JsonValueCodec codec = JsonValueCodec.of(schema("{\"type\": \"string\", \"format\": \"date-time\"}"));
    byte[] payload = write(Instant.parse("2026-01-01T00:00:00.123456789Z").toString());

    assertTrue(codec.typed(payload).isEmpty());
  }

  @Test
  void anUpperCaseUuidIsKeptRaw() {
    JsonValueCodec codec = JsonValueCodec.of(schema("{\"type\": \"string\", \"format\": \"uuid\"}"));
    UUID id = UUID.randomUUID();
    byte[] payload = write(id.toString().toUpperCase());

    assertEquals(id, codec.decode(payload).getField(JsonSchemaColumns.VALUE));
    assertTrue(codec.typed(payload).isEmpty());
  }

  @Test
  void aMapWithAKeyWrittenTwiceIsKeptRaw() {
    JsonValueCodec codec = JsonValueCodec.of(schema("{\"type\": \"object\", \"additionalProperties\": {\"type\": \"integer\"}}"));
    byte[] payload = generate(out -> {
      out.writeStartObject();
      out.writeNumberField("a", 1L);
      out.writeNumberField("b", 2L);
      out.writeNumberField("a", 3L);
      out.writeEndObject();
    });

    assertEquals(Map.of("a", 3L, "b", 2L), codec.decode(payload).getField(JsonSchemaColumns.VALUE));
    assertTrue(codec.typed(payload).isEmpty());
  }

  @Test
  void aValueOfAnotherTypeIsMalformed() {
    byte[] payload = write(ordered("id", "one", "sku", "A-1", "note", null));

    MalformedValueException e = assertThrows(MalformedValueException.class, () -> ORDER.decode(payload));
    assertTrue(e.getMessage().startsWith("Cannot decode a value of JSON schema 1 (" + payload.length + " bytes): "), e.getMessage());
    assertTrue(ORDER.typed(payload).isEmpty());
  }

  @Test
  void textThatIsNotJsonIsMalformed() {
    byte[] payload = "{\"id\": 1, \"sku\": secret-value".getBytes(StandardCharsets.UTF_8);

    MalformedValueException e = assertThrows(MalformedValueException.class, () -> ORDER.decode(payload));
    assertTrue(!e.getMessage().contains("secret-value"), "the payload stays out of the message: " + e.getMessage());
    assertTrue(ORDER.typed(payload).isEmpty());
  }

  @Test
  void twoValuesInOnePayloadAreMalformed() {
    byte[] one = write(new Order(1L, "A-1", null));
    byte[] payload = new byte[one.length * 2];
    System.arraycopy(one, 0, payload, 0, one.length);
    System.arraycopy(one, 0, payload, one.length, one.length);

    assertThrows(MalformedValueException.class, () -> ORDER.decode(payload));
    assertTrue(ORDER.typed(payload).isEmpty());
  }

  @Test
  void anEmptyPayloadIsMalformed() {
    assertThrows(MalformedValueException.class, () -> ORDER.decode(new byte[0]));
    assertTrue(ORDER.typed(new byte[0]).isEmpty());
  }

  private static byte[] writeWith(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  interface Generation {
    void writeTo(JsonGenerator out) throws IOException;
  }

  /** A payload written token by token with Jackson's generator, as a producer without an ObjectMapper might. */
  private static byte[] generate(Generation work) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = new ObjectMapper().getFactory().createGenerator(bytes)) {
      work.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
