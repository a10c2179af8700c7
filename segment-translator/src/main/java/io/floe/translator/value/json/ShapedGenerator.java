package io.floe.translator.value.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A Jackson generator that writes a value's text with its {@link TextShape}: in the shape's style,
 * and handing the columns, in the order the text has them, the members of each object and whether
 * each number of a {@code number} column is an integer.
 */
final class ShapedGenerator extends JsonGeneratorDelegate {
  private static final JsonFactory PARSERS = new JsonFactory();

  private final TextShape shape;
  private final Escapes escapes;
  private final NumberForm numbers;
  private int objectCount;
  private int numberCount;

  ShapedGenerator(JsonGenerator out, TextShape shape) {
    // Copied structure (a part kept as text, an extra property) goes through this generator's own writes.
    super(out, false);
    this.shape = shape;
    this.escapes = shape.style().escapes();
    this.numbers = shape.style().numbers();
    shape.style().layout().applyTo(out);
  }

  /** The members of the next object, unless it has its schema's properties in schema order. */
  Optional<List<Member>> nextObject() {
    return shape.members(objectCount++);
  }

  /** Whether the next number of a {@code number} column was written as an integer. */
  boolean nextNumberIsIntegral() {
    return shape.integral(numberCount++);
  }

  /** Writes a value given as compact JSON text, in this text's style. */
  void writeJson(String json) throws IOException {
    try (JsonParser parser = PARSERS.createParser(json)) {
      parser.nextToken();
      copyCurrentStructure(parser);
    }
  }

  @Override
  public void writeString(String text) throws IOException {
    if (escapes == Escapes.JACKSON) {
      super.writeString(text);
    } else {
      writeRawValue(escapes.quote(text));
    }
  }

  @Override
  public void writeString(char[] text, int offset, int length) throws IOException {
    writeString(new String(text, offset, length));
  }

  /** Writes a schema's property name, as {@link #writeFieldName(String)} would. */
  void writeFieldName(PropertyName name) throws IOException {
    if (name.plain() != null) {
      delegate.writeFieldName(name.plain());
    } else {
      writeFieldName(name.text());
    }
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    if (escapes == Escapes.JACKSON) {
      super.writeFieldName(name);
    } else {
      String quoted = escapes.quote(name);
      delegate.writeFieldName(new QuotedName(name, quoted.substring(1, quoted.length() - 1)));
    }
  }

  @Override
  public void writeNumber(double value) throws IOException {
    if (numbers == NumberForm.JAVA) {
      super.writeNumber(value);
    } else {
      delegate.writeNumber(numbers.format(value));
    }
  }

  /** A name with the escapes of another writer: Jackson writes a serialized string's quoted bytes as they are. */
  private static final class QuotedName extends SerializedString {
    QuotedName(String name, String escaped) {
      super(name);
      _quotedUTF8Ref = escaped.getBytes(StandardCharsets.UTF_8);
    }
  }
}
