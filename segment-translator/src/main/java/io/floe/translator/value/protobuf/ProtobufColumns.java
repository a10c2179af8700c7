package io.floe.translator.value.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.floe.translator.value.UnsupportedSchemaException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The Protobuf → Iceberg mapping of a message type to the value's columns (docs/data-model.md has
 * the table): the message's fields become the columns.
 *
 * <p>Every field's column is optional: a field with presence may be unset, and the fields of a
 * {@code oneof} are columns side by side of which at most one is set. List elements and map values
 * are required, as Protobuf has no null element.
 *
 * <p>Field ids follow from the descriptor alone, in the order Iceberg numbers a new table's columns:
 * a message's fields take the next ids in declaration order, then the types nested in each field
 * take theirs, field by field; a list's element takes the next id, a map's key and value the next
 * two. The writer re-numbers them against its table.
 */
public final class ProtobufColumns extends ProtobufDescriptorVisitor<ProtobufColumn> {
  private final Descriptor writer;
  private int lastId = 0;

  private ProtobufColumns(Descriptor writer) {
    this.writer = writer;
  }

  /** The columns of values of message type {@code writer}; fails for a message with a part no column holds. */
  public static Types.StructType of(Descriptor writer) {
    return root(writer).type();
  }

  static MessageColumn root(Descriptor writer) {
    return (MessageColumn) new ProtobufColumns(writer).visit(writer);
  }

  @Override
  ProtobufColumn message(Descriptor message, List<Supplier<ProtobufColumn>> fields) {
    // A message without fields encodes as no bytes, and Parquet has no empty group; at the top it is
    // a value without columns.
    if (fields.isEmpty() && message != writer) {
      throw unsupported("message " + message.getFullName() + " has no fields");
    }
    int firstId = nextIds(fields.size());
    List<NestedField> nested = new ArrayList<>(fields.size());
    List<ProtobufColumn> columns = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      ProtobufColumn column = fields.get(i).get();
      columns.add(column);
      nested.add(NestedField.optional(firstId + i, message.getFields().get(i).getName(), column.type()));
    }
    return new MessageColumn(message, Types.StructType.of(nested), columns);
  }

  @Override
  ProtobufColumn repeated(FieldDescriptor field, Supplier<ProtobufColumn> element) {
    int id = nextIds(1);
    ProtobufColumn column = element.get();
    return new ListColumn(Types.ListType.ofRequired(id, column.type()), column);
  }

  @Override
  ProtobufColumn map(FieldDescriptor field, Supplier<ProtobufColumn> key, Supplier<ProtobufColumn> value) {
    int keyId = nextIds(2);
    ProtobufColumn keyColumn = key.get();
    ProtobufColumn valueColumn = value.get();
    return new MapColumn(field.getMessageType(),
        Types.MapType.ofRequired(keyId, keyId + 1, keyColumn.type(), valueColumn.type()), keyColumn, valueColumn);
  }

  @Override
  ProtobufColumn scalar(FieldDescriptor field) {
    return ProtobufScalars.of(field);
  }

  @Override
  ProtobufColumn timestamp(Descriptor timestamp) {
    return new TimestampColumn(timestamp);
  }

  @Override
  ProtobufColumn wrapper(Descriptor wrapper, Supplier<ProtobufColumn> value) {
    return new WrapperColumn(wrapper, value.get());
  }

  @Override
  ProtobufColumn recursion(Descriptor message) {
    return new CutColumn(message);
  }

  /** Reserves {@code count} consecutive ids and returns the first. */
  private int nextIds(int count) {
    int first = lastId + 1;
    lastId += count;
    return first;
  }

  private UnsupportedSchemaException unsupported(String problem) {
    return new UnsupportedSchemaException(
        "Cannot map Protobuf message " + writer.getFullName() + " to columns: at " + path() + ", " + problem);
  }
}
