package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.translator.value.MalformedValueException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.types.Types;

/** An array with one {@code items} schema as a list column. */
final class ListColumn implements JsonColumn {
  private final Types.ListType type;
  private final JsonColumn element;

  ListColumn(Types.ListType type, JsonColumn element) {
    this.type = type;
    this.element = element;
  }

  @Override
  public Types.ListType type() {
    return type;
  }

  @Override
  public List<Object> read(JsonNode value, ShapeRecorder shape) {
    if (!value.isArray()) {
      throw new MalformedValueException("expected an array, found " + value.getNodeType().name().toLowerCase());
    }
    List<Object> list = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      list.add(element.read(item, shape));
    }
    return list;
  }

  @Override
  public void write(Object value, ShapedGenerator out) throws IOException {
    List<?> list = (List<?>) value;
    out.writeStartArray();
    for (Object item : list) {
      element.write(item, out);
    }
    out.writeEndArray();
  }
}
