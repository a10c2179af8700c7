package io.floe.translator.value.protobuf;

import static io.floe.translator.value.protobuf.Protos.field;
import static io.floe.translator.value.protobuf.Protos.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaReference;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.value.MalformedValueException;
import io.floe.translator.value.UnsupportedSchemaException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A value's message type, from its registered schema and its message indexes. */
class ProtobufMessageTypesTest {
  private static final FileDescriptorProto ORDERS = Protos.proto3("orders",
      type("Order", field("id", 1, Type.TYPE_INT64)).build(),
      type("Refund", field("id", 1, Type.TYPE_INT64))
          .addNestedType(type("Reason", field("code", 1, Type.TYPE_STRING)))
          .addNestedType(type("Approval", field("by", 1, Type.TYPE_STRING))).build());

  @Test
  void indexesArePathsIntoTheFilesMessageTypes() {
    RegisteredSchema schema = schema(7, ORDERS, List.of());

    assertEquals("acme.Order", ProtobufMessageTypes.of(schema, List.of(0)).getFullName());
    assertEquals("acme.Refund", ProtobufMessageTypes.of(schema, List.of(1)).getFullName());
    assertEquals("acme.Refund.Approval", ProtobufMessageTypes.of(schema, List.of(1, 1)).getFullName());
  }

  @Test
  void importsAreBuiltFromReferencesAndGoogleTypesFromProtobufJava() {
    FileDescriptorProto money = FileDescriptorProto.newBuilder().setName("acme/money.proto").setPackage("acme.money").setSyntax("proto3")
        .addMessageType(type("Amount", field("cents", 1, Type.TYPE_INT64))).build();
    FileDescriptorProto invoices = Protos.proto3("invoices", type("Invoice",
            field("total", 1, Type.TYPE_MESSAGE, ".acme.money.Amount"),
            field("issued", 2, Type.TYPE_MESSAGE, ".google.protobuf.Timestamp")).build())
        .toBuilder().addDependency("acme/money.proto").build();
    SchemaReference reference = new SchemaReference("acme/money.proto", "money-value", 3, schema(5, money, List.of()));

    Descriptor invoice = ProtobufMessageTypes.of(schema(6, invoices, List.of(reference)), List.of(0));

    assertEquals("acme.money.Amount", invoice.findFieldByName("total").getMessageType().getFullName());
    assertEquals("google.protobuf.Timestamp", invoice.findFieldByName("issued").getMessageType().getFullName());
  }

  @Test
  void indexesThatNameNoMessageAreTheValuesFault() {
    RegisteredSchema schema = schema(7, ORDERS, List.of());

    MalformedValueException beyond = assertThrows(MalformedValueException.class, () -> ProtobufMessageTypes.of(schema, List.of(2)));
    assertTrue(beyond.getMessage().contains("[2]") && beyond.getMessage().contains("schema 7"), beyond.getMessage());
    assertThrows(MalformedValueException.class, () -> ProtobufMessageTypes.of(schema, List.of(0, 0)));
  }

  @Test
  void anImportNeitherReferencedNorBuiltInIsUnsupported() {
    FileDescriptorProto orphan = ORDERS.toBuilder().addDependency("acme/missing.proto").build();

    UnsupportedSchemaException e = assertThrows(UnsupportedSchemaException.class,
        () -> ProtobufMessageTypes.of(schema(9, orphan, List.of()), List.of(0)));
    assertTrue(e.getMessage().contains("acme/missing.proto"), e.getMessage());
  }

  private static RegisteredSchema schema(int id, FileDescriptorProto proto, List<SchemaReference> references) {
    return new RegisteredSchema(id, SchemaType.PROTOBUF, "syntax = \"proto3\";", Optional.of(proto.toByteArray()), references);
  }
}
