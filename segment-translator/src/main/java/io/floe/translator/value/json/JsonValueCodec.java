package io.floe.translator.value.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.value.DecodedValue;
import io.floe.translator.value.MalformedValueException;
import io.floe.translator.value.UnsupportedSchemaException;
import io.floe.translator.value.ValueCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * JSON values of one writer schema as records of its columns ({@link JsonSchemaColumns}), and back.
 *
 * <p>{@link #typed} is verified typing: a payload is typed only if its record, written again by
 * Jackson's own generator, is the same bytes. The record holds, besides the columns, the value's
 * {@link TextShape} in the shape column: what the text has that the columns do not (properties
 * left out, beyond the schema's or in another order, integers in {@code number} properties, and
 * the style of Jackson, Python's {@code json.dumps} or {@code JSON.stringify}: spacing, escapes,
 * number forms), null when the text is what a default {@code ObjectMapper} writes (compact,
 * properties in schema order, nulls as {@code null}). What no shape describes (other whitespace, a
 * key written twice, other number forms such as {@code 1.50}, a date-time with an offset) does not
 * re-encode to its bytes. Decoding yields what Iceberg's Parquet files give back (microsecond
 * timestamps, map entries in payload order), so a value that passes here also re-encodes exactly
 * after the trip through a data file.
 *
 * <p>A codec holds nothing that changes: one may serve many threads.
 */
public final class JsonValueCodec implements ValueCodec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectReader READER = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /**
   * Doubles and floats written with their shortest digits (Schubfach, as Jackson ships it), not
   * with the running JDK's {@code Double.toString}, which before JDK 19 wrote longer digits for some
   * values: a value typed on one broker must rebuild the same on every other.
   */
  private static final JsonFactory GENERATORS = JsonFactory.builder()
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .build();

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

  /** The struct every decoded record has: {@code JsonSchemaColumns.of(schema())}, then the shape column. */
  @Override
  public Types.StructType columns() {
    return root.type();
  }

  /**
   * The record of a payload, map entries in payload order, and its shape column set to what its
   * text holds beyond the columns (null when that is nothing).
   *
   * @throws MalformedValueException when the payload is not JSON, or not a value of the schema that
   *     fits its columns
   */
  @Override
  public Record decode(byte[] payload) {
    return verify(payload).columns();
  }

  /**
   * {@link #decode}, whether the value has a {@code null} where its schema admits none, and
   * whether it re-encodes exactly: finding the shape writes the record in each candidate style and
   * compares, so the check costs no second write.
   */
  @Override
  public DecodedValue verify(byte[] payload) {
    try {
      JsonNode value = READER.readTree(payload);
      if (value == null || value.isMissingNode()) {
        throw new MalformedValueException("no JSON value");
      }
      ShapeRecorder recorder = new ShapeRecorder();
      Record record = root.read(value, recorder);
      boolean exact = setExactShape(record, recorder, payload);
      return new DecodedValue(record, recorder.violations() > 0, exact);
    } catch (IOException | MalformedValueException e) {
      throw new MalformedValueException(String.format("Cannot decode a value of JSON schema %d (%d bytes): %s",
          schema.id(), payload.length, reason(e)), e);
    }
  }

  /**
   * Sets the record's shape column to the recorded shape in the first style, of the writers Floe
   * knows, whose text is the payload, and says whether there was one; when none's is, to the first
   * style's, so that the value re-encodes to other bytes. Each candidate is written from the record
   * as a data file gives it back, shape column included.
   */
  private boolean setExactShape(Record record, ShapeRecorder recorder, byte[] payload) {
    List<TextStyle> styles = TextStyle.candidates(Layout.of(payload));
    for (TextStyle style : styles) {
      root.setShape(record, recorder.shape(style));
      try {
        if (Arrays.equals(encode(record), payload)) {
          return true;
        }
      } catch (UncheckedIOException e) {
        // Text Jackson reads but cannot write, such as a lone surrogate: no UTF-8 column holds it.
        throw new MalformedValueException("its text cannot be written back: " + e.getCause().getMessage());
      }
    }
    root.setShape(record, recorder.shape(styles.get(0)));
    return false;
  }

  // Jackson's full message quotes the payload, which may hold data no log should.
  private static String reason(Exception e) {
    return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
  }

  /** The JSON of a record of {@link #columns()}, written as its shape column says. */
  @Override
  public byte[] encode(Record record) {
    return write(record, root.shape(record));
  }

  private byte[] write(Record record, TextShape shape) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ShapedGenerator out = new ShapedGenerator(GENERATORS.createGenerator(bytes), shape)) {
      root.write(record, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
