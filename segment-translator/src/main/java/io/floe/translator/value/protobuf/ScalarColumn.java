package io.floe.translator.value.protobuf;

import java.util.function.Function;
import org.apache.iceberg.types.Type;

/** A column of a Protobuf scalar or enum. */
record ScalarColumn(Type type, Function<Object, Object> reader, Function<Object, Object> writer) implements ProtobufColumn {
  @Override
  public Object read(Object field) {
    return reader.apply(field);
  }

  @Override
  public Object write(Object column) {
    return writer.apply(column);
  }
}
