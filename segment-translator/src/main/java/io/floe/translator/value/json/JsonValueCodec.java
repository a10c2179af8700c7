package io.floe.translator.value.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.value.MalformedValueException;
import io.floe.translator.value.UnsupportedSchemaException;
import io.floe.translator.value.ValueCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * JSON values of one writer schema as records of its columns ({@link JsonSchemaColumns}), and back.
 *
 * <p>{@link #typed} is verified typing: a payload is typed only if its record, written again by
 * Jackson's own generator the way a default {@code ObjectMapper} writes the equivalent Java object
 * (compact, properties in schema order, nulls as {@code null}), is the same bytes. Anything else a
 * producer may write (whitespace, another property order, extra or absent properties, a key
 * written twice, other escapes or number forms, a date-time with an offset) stays raw. Decoding
 * yields what Iceberg's Parquet files give back (microsecond timestamps, map entries in payload
 * order), so a value that passes here also re-encodes exactly after the trip through a data file.
 *
 * <p>A codec holds nothing that changes: one may serve many threads.
 */
public final class JsonValueCodec implements ValueCodec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectReader READER = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonFactory GENERATORS = JSON.getFactory();

  private final RegisteredSchema schema;
  private final RootColumn root;

  private JsonValueCodec(RegisteredSchema schema, RootColumn root) {
    this.schema = schema;
    this.root = root;
  }

  /**
   * The codec of values written with {@code schema}.
   *
   * @throws UnsupportedSchemaException when the schema is not a JSON schema, does not parse, or a part
   *     of it has no column
   */
  public static JsonValueCodec of(RegisteredSchema schema) {
    if (schema.type() != SchemaType.JSON) {
      throw new UnsupportedSchemaException(String.format("Cannot map schema %d to JSON columns: it is a %s schema",
          schema.id(), schema.type()));
    }
    return new JsonValueCodec(schema, JsonSchemaColumns.root(schema));
  }

  public RegisteredSchema schema() {
    return schema;
  }

  /** The struct every decoded record has: {@code JsonSchemaColumns.of(schema())}. */
  @Override
  public Types.StructType columns() {
    return root.type();
  }

  /**
   * The record of a payload, map entries in payload order.
   *
   * @throws MalformedValueException when the payload is not JSON, or not a value of the schema that
   *     fits its columns
   */
  @Override
  public Record decode(byte[] payload) {
    try {
      JsonNode value = READER.readTree(payload);
      if (value == null || value.isMissingNode()) {
        throw new MalformedValueException("no JSON value");
      }
      return root.read(value);
    } catch (IOException | MalformedValueException e) {
      throw new MalformedValueException(String.format("Cannot decode a value of JSON schema %d (%d bytes): %s",
          schema.id(), payload.length, reason(e)), e);
    }
  }

  // Jackson's full message quotes the payload, which may hold data no log should.
  private static String reason(Exception e) {
    return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
  }

  /** The JSON of a record of {@link #columns()}, as a default {@code ObjectMapper} writes it. */
  @Override
  public byte[] encode(Record record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = GENERATORS.createGenerator(bytes)) {
      root.write(record, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
