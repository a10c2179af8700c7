package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.apache.iceberg.types.Type;

/** A schema that admits {@code null} besides one other schema: that schema's column, optional. */
final class OptionColumn implements JsonColumn {
  private final JsonColumn value;

  OptionColumn(JsonColumn value) {
    this.value = value;
  }

  @Override
  public Type type() {
    return value.type();
  }

  @Override
  public boolean optional() {
    return true;
  }

  @Override
  public Object read(JsonNode node, ShapeRecorder shape) {
    return node.isNull() ? null : value.read(node, shape);
  }

  @Override
  public void write(Object item, ShapedGenerator out) throws IOException {
    if (item == null) {
      out.writeNull();
    } else {
      value.write(item, out);
    }
  }
}
