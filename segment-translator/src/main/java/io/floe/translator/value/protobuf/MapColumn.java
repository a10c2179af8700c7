package io.floe.translator.value.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.types.Types;

/**
 * A map field as a map column. Entries keep the payload's order, which is the order protobuf-java
 * writes them in again; a key written twice does not come back, and so keeps its value raw.
 */
final class MapColumn implements ProtobufColumn {
  private final Descriptor entry;
  private final Types.MapType type;
  private final ProtobufColumn key;
  private final ProtobufColumn value;

  MapColumn(Descriptor entry, Types.MapType type, ProtobufColumn key, ProtobufColumn value) {
    this.entry = entry;
    this.type = type;
    this.key = key;
    this.value = value;
  }

  @Override
  public Types.MapType type() {
    return type;
  }

  @Override
  public Map<Object, Object> read(Object field) {
    Map<Object, Object> map = new LinkedHashMap<>();
    for (Object item : (List<?>) field) {
      Message pair = (Message) item;
      map.put(key.read(pair.getField(entry.getFields().get(0))), value.read(pair.getField(entry.getFields().get(1))));
    }
    return map;
  }

  @Override
  public List<DynamicMessage> write(Object column) {
    List<DynamicMessage> entries = new ArrayList<>();
    for (Map.Entry<?, ?> pair : ((Map<?, ?>) column).entrySet()) {
      entries.add(DynamicMessage.newBuilder(entry)
          .setField(entry.getFields().get(0), key.write(pair.getKey()))
          .setField(entry.getFields().get(1), value.write(pair.getValue()))
          .build());
    }
    return entries;
  }
}
