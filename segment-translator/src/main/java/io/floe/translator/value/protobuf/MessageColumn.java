package io.floe.translator.value.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.util.List;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * A message as a struct column: one field per message field, in declaration order. A field with
 * presence that is not set is null; a proto3 field without presence holds its value, the default
 * when the payload leaves it out.
 */
final class MessageColumn implements ProtobufColumn {
  private final Descriptor message;
  private final Types.StructType type;
  private final List<ProtobufColumn> fields;
  // Copying an empty record skips the look-up of the struct's field names that creating one does.
  private final GenericRecord empty;

  MessageColumn(Descriptor message, Types.StructType type, List<ProtobufColumn> fields) {
    this.message = message;
    this.type = type;
    this.fields = List.copyOf(fields);
    this.empty = GenericRecord.create(type);
  }

  @Override
  public Types.StructType type() {
    return type;
  }

  @Override
  public Record read(Object field) {
    Message value = (Message) field;
    Record record = empty.copy();
    for (int i = 0; i < fields.size(); i++) {
      FieldDescriptor descriptor = message.getFields().get(i);
      boolean absent = !descriptor.isRepeated() && descriptor.hasPresence() && !value.hasField(descriptor);
      record.set(i, absent ? null : fields.get(i).read(value.getField(descriptor)));
    }
    return record;
  }

  @Override
  public DynamicMessage write(Object column) {
    Record record = (Record) column;
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(message);
    for (int i = 0; i < fields.size(); i++) {
      Object value = record.get(i);
      if (value != null) {
        builder.setField(message.getFields().get(i), fields.get(i).write(value));
      }
    }
    // A proto2 message missing a required field is still a message its bytes can hold.
    return builder.buildPartial();
  }
}
