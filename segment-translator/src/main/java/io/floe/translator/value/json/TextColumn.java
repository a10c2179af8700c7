package io.floe.translator.value.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.translator.value.MalformedValueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.iceberg.types.Types;

/**
 * A part of a value whose schema has no columns of its own (a recursion, {@code not}, a schema
 * without {@code type}, …) as a string column holding the part's JSON text, compact as Jackson
 * writes it. It is written again in the style of the value's {@link TextShape}.
 */
final class TextColumn implements JsonColumn {
  static final TextColumn INSTANCE = new TextColumn();
  private static final ObjectMapper JSON = new ObjectMapper();

  private TextColumn() {}

  @Override
  public Types.StringType type() {
    return Types.StringType.get();
  }

  @Override
  public boolean admitsNull() {
    return true;
  }

  @Override
  public String read(JsonNode value, ShapeRecorder shape) {
    try {
      // Jackson's UTF-8 generator, the one producers use, writes characters beyond the BMP as
      // escapes; a String writer would not.
      return WellFormedText.require(new String(JSON.writeValueAsBytes(value), StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new MalformedValueException("cannot write a part as JSON text: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public void write(Object value, ShapedGenerator out) throws IOException {
    out.writeJson(value.toString());
  }
}
