package io.floe.translator.value.avro;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.io.Encoder;
import org.apache.iceberg.types.Types;

/**
 * An Avro map as a map column with string keys. Entries keep the payload's order (Avro's own reader
 * would hash them), so a map re-encodes as it was written; a key written twice does not, and so
 * keeps its value raw.
 */
final class MapColumn implements AvroColumn {
  private final Types.MapType type;
  private final AvroColumn value;

  MapColumn(Types.MapType type, AvroColumn value) {
    this.type = type;
    this.value = value;
  }

  @Override
  public Types.MapType type() {
    return type;
  }

  @Override
  public Map<String, Object> read(AvroInput in) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (long count = in.readBlockCount(); count != 0; count = in.readBlockCount()) {
      for (long i = 0; i < count; i++) {
        String key = in.readString();
        map.put(key, value.read(in));
      }
    }
    return map;
  }

  @Override
  public void write(Object map, Encoder out) throws IOException {
    Map<?, ?> entries = (Map<?, ?>) map;
    out.writeMapStart();
    out.setItemCount(entries.size());
    for (Map.Entry<?, ?> entry : entries.entrySet()) {
      out.startItem();
      out.writeString(entry.getKey().toString());
      value.write(entry.getValue(), out);
    }
    out.writeMapEnd();
  }
}
