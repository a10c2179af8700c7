package io.floe.translator.value.protobuf;

import static io.floe.translator.value.protobuf.Protos.field;
import static io.floe.translator.value.protobuf.Protos.mapEntry;
import static io.floe.translator.value.protobuf.Protos.message;
import static io.floe.translator.value.protobuf.Protos.repeated;
import static io.floe.translator.value.protobuf.Protos.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import io.floe.translator.value.UnsupportedSchemaException;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.junit.jupiter.api.Test;

/** The Iceberg columns of a message type, ids as a new table would number them. */
class ProtobufColumnsTest {
  @Test
  void fieldsBecomeOptionalColumnsNumberedAsIcebergNumbersANewTable() {
    Types.StructType columns = ProtobufColumns.of(message(type("Order",
            field("id", 1, Type.TYPE_UINT64),
            repeated(field("lines", 2, Type.TYPE_MESSAGE, ".acme.Line")),
            repeated(field("counts", 3, Type.TYPE_MESSAGE, ".acme.Order.CountsEntry")),
            field("status", 4, Type.TYPE_ENUM, ".acme.Status"),
            field("at", 5, Type.TYPE_MESSAGE, ".google.protobuf.Timestamp"),
            field("retries", 6, Type.TYPE_MESSAGE, ".google.protobuf.UInt32Value"))
        .addNestedType(mapEntry("CountsEntry", field("", 0, Type.TYPE_STRING), field("", 0, Type.TYPE_FIXED32))).build(),
        type("Line", field("sku", 1, Type.TYPE_STRING), field("weight", 2, Type.TYPE_DOUBLE)).build()));

    assertEquals(Types.StructType.of(
        NestedField.optional(1, "id", Types.DecimalType.of(20, 0)),
        NestedField.optional(2, "lines", Types.ListType.ofRequired(7, Types.StructType.of(
            NestedField.optional(8, "sku", Types.StringType.get()),
            NestedField.optional(9, "weight", Types.DoubleType.get())))),
        NestedField.optional(3, "counts", Types.MapType.ofRequired(10, 11, Types.StringType.get(), Types.LongType.get())),
        NestedField.optional(4, "status", Types.StringType.get()),
        NestedField.optional(5, "at", Types.TimestampType.withZone()),
        NestedField.optional(6, "retries", Types.LongType.get())), columns);
  }

  @Test
  void theFieldsOfAOneofAreColumnsSideBySide() {
    Types.StructType columns = ProtobufColumns.of(message(type("Payment",
            field("card", 1, Type.TYPE_STRING).setOneofIndex(0),
            field("iban", 2, Type.TYPE_STRING).setOneofIndex(0))
        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("method")).build()));

    assertEquals(Types.StructType.of(
        NestedField.optional(1, "card", Types.StringType.get()),
        NestedField.optional(2, "iban", Types.StringType.get())), columns);
  }

  @Test
  void aMessageInsideItselfIsCutIntoABinaryColumn() {
    Types.StructType columns = ProtobufColumns.of(message(type("Node",
        field("label", 1, Type.TYPE_STRING), field("next", 2, Type.TYPE_MESSAGE, ".acme.Node")).build()));

    assertEquals(Types.BinaryType.get(), columns.field("next").type());
  }

  @Test
  void aNestedMessageWithoutFieldsHasNoColumn() {
    UnsupportedSchemaException e = assertThrows(UnsupportedSchemaException.class, () -> ProtobufColumns.of(message(
        type("Ping", field("marker", 1, Type.TYPE_MESSAGE, ".acme.Nothing")).build(), type("Nothing").build())));

    assertTrue(e.getMessage().contains("acme.Ping") && e.getMessage().contains("at marker"), e.getMessage());
  }
}
