package io.floe.translator.value.protobuf;

import java.util.List;
import org.apache.iceberg.types.Types;

/** A repeated field as a list column; packed or not, the payload's encoding of it must be protobuf-java's. */
final class ListColumn implements ProtobufColumn {
  private final Types.ListType type;
  private final ProtobufColumn element;

  ListColumn(Types.ListType type, ProtobufColumn element) {
    this.type = type;
    this.element = element;
  }

  @Override
  public Types.ListType type() {
    return type;
  }

  @Override
  public List<Object> read(Object field) {
    return ((List<?>) field).stream().map(element::read).toList();
  }

  @Override
  public List<Object> write(Object column) {
    return ((List<?>) column).stream().map(element::write).toList();
  }
}
