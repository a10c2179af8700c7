package io.floe.translator.value.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import org.apache.iceberg.types.Type;

/**
 * A wrapper of {@code google/protobuf/wrappers.proto} ({@code Int32Value}, {@code StringValue}, …)
 * as the column of the scalar it wraps: the field's presence is the column's null.
 */
final class WrapperColumn implements ProtobufColumn {
  private final Descriptor wrapper;
  private final FieldDescriptor value;
  private final ProtobufColumn scalar;

  WrapperColumn(Descriptor wrapper, ProtobufColumn scalar) {
    this.wrapper = wrapper;
    this.value = wrapper.getFields().get(0);
    this.scalar = scalar;
  }

  @Override
  public Type type() {
    return scalar.type();
  }

  @Override
  public Object read(Object field) {
    return scalar.read(((Message) field).getField(value));
  }

  @Override
  public DynamicMessage write(Object column) {
    return DynamicMessage.newBuilder(wrapper).setField(value, scalar.write(column)).build();
  }
}
