package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.translator.value.MalformedValueException;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.types.Types;

/**
 * An object with {@code additionalProperties} and no {@code properties} as a map column with string
 * keys, entries in the order they were written. A key written twice reads once, so its value does
 * not re-encode to its bytes.
 */
final class MapColumn implements JsonColumn {
  private final Types.MapType type;
  private final JsonColumn value;

  MapColumn(Types.MapType type, JsonColumn value) {
    this.type = type;
    this.value = value;
  }

  @Override
  public Types.MapType type() {
    return type;
  }

  @Override
  public Map<String, Object> read(JsonNode object, ShapeRecorder shape) {
    if (!object.isObject()) {
      throw new MalformedValueException("expected an object, found " + object.getNodeType().name().toLowerCase());
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> entries = object.fields(); entries.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = entries.next();
      map.put(WellFormedText.require(entry.getKey()), value.read(entry.getValue(), shape));
    }
    return map;
  }

  @Override
  public void write(Object map, ShapedGenerator out) throws IOException {
    out.writeStartObject();
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) map).entrySet()) {
      out.writeFieldName(entry.getKey().toString());
      value.write(entry.getValue(), out);
    }
    out.writeEndObject();
  }
}
