package io.floe.e2e.workload;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.floe.translator.registry.ConfluentRegistryServer;

/**
 * Orders in Protobuf, registered as the registry stores them (the .proto text and its
 * FileDescriptorProto): V2 widens {@code id} to int64, makes {@code quantity} an int32 instead of
 * a string, and adds a {@code coupon}.
 */
final class ProtobufOrders implements OrderSchema {
  private static final String V1_PROTO = """
      syntax = "proto3";
      package floe.e2e;

      message Order {
        int32 id = 1;
        string customer = 2;
        string quantity = 3;
      }
      """;
  private static final String V2_PROTO = """
      syntax = "proto3";
      package floe.e2e;

      message Order {
        int64 id = 1;
        string customer = 2;
        int32 quantity = 3;
        string coupon = 4;
      }
      """;
  private static final FileDescriptorProto V1_FILE = file(DescriptorProto.newBuilder()
      .setName("Order")
      .addField(field("id", 1, Type.TYPE_INT32))
      .addField(field("customer", 2, Type.TYPE_STRING))
      .addField(field("quantity", 3, Type.TYPE_STRING)));
  private static final FileDescriptorProto V2_FILE = file(DescriptorProto.newBuilder()
      .setName("Order")
      .addField(field("id", 1, Type.TYPE_INT64))
      .addField(field("customer", 2, Type.TYPE_STRING))
      .addField(field("quantity", 3, Type.TYPE_INT32))
      .addField(field("coupon", 4, Type.TYPE_STRING)));

  @Override
  public int register(ConfluentRegistryServer registry, String subject, SchemaVersion version) {
    return switch (version) {
      case V1 -> registry.registerProtobuf(subject, V1_PROTO, V1_FILE);
      case V2 -> registry.registerProtobuf(subject, V2_PROTO, V2_FILE);
    };
  }

  @Override
  public byte[] value(Order order, SchemaVersion version, int schemaId) {
    Descriptor descriptor = switch (version) {
      case V1 -> message(V1_FILE);
      case V2 -> message(V2_FILE);
    };
    DynamicMessage.Builder message = DynamicMessage.newBuilder(descriptor)
        .setField(descriptor.findFieldByName("customer"), order.customer());
    switch (version) {
      case V1 -> message
          .setField(descriptor.findFieldByName("id"), Math.toIntExact(order.id()))
          .setField(descriptor.findFieldByName("quantity"), Integer.toString(order.quantity()));
      case V2 -> {
        message
            .setField(descriptor.findFieldByName("id"), order.id())
            .setField(descriptor.findFieldByName("quantity"), order.quantity());
        if (order.coupon() != null) {
          message.setField(descriptor.findFieldByName("coupon"), order.coupon());
        }
      }
    }
    return ProtobufValues.serialize(schemaId, message.build());
  }

  private static Descriptor message(FileDescriptorProto file) {
    try {
      return FileDescriptor.buildFrom(file, new FileDescriptor[0]).getMessageTypes().get(0);
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException("Cannot build the descriptor of " + file.getName(), e);
    }
  }

  private static FileDescriptorProto file(DescriptorProto.Builder order) {
    return FileDescriptorProto.newBuilder()
        .setName("floe/e2e/order.proto")
        .setPackage("floe.e2e")
        .setSyntax("proto3")
        .addMessageType(order)
        .build();
  }

  private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(Label.LABEL_OPTIONAL);
  }
}
