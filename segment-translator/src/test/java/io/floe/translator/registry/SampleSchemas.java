package io.floe.translator.registry;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;

/**
 * Writer schemas as producers register them: Avro records that name each other, a JSON Schema,
 * and two Protobuf files, one importing the other, with the FileDescriptorProtos protoc makes of them.
 */
final class SampleSchemas {
  static final String ADDRESS_AVRO = """
      {"type":"record","name":"Address","namespace":"com.acme",\
      "fields":[{"name":"city","type":"string"}]}""";
  static final String CUSTOMER_AVRO = """
      {"type":"record","name":"Customer","namespace":"com.acme",\
      "fields":[{"name":"name","type":"string"},{"name":"address","type":"com.acme.Address"}]}""";
  static final String ORDER_AVRO = """
      {"type":"record","name":"Order","namespace":"com.acme",\
      "fields":[{"name":"customer","type":"com.acme.Customer"},{"name":"shipTo","type":"com.acme.Address"}]}""";

  static final String ORDER_JSON_SCHEMA = """
      {"$schema":"http://json-schema.org/draft-07/schema#","title":"Order","type":"object",\
      "properties":{"id":{"type":"integer"}}}""";

  static final String CUSTOMER_PROTO = """
      syntax = "proto3";
      package acme;

      message Customer {
        string name = 1;
      }
      """;
  static final FileDescriptorProto CUSTOMER_DESCRIPTOR = FileDescriptorProto.newBuilder()
      .setName("acme/customer.proto")
      .setPackage("acme")
      .setSyntax("proto3")
      .addMessageType(DescriptorProto.newBuilder()
          .setName("Customer")
          .addField(field("name", 1, Type.TYPE_STRING)))
      .build();

  static final String ORDER_PROTO = """
      syntax = "proto3";
      package acme;

      import "acme/customer.proto";

      message Order {
        int64 id = 1;
        acme.Customer customer = 2;
      }
      """;
  static final FileDescriptorProto ORDER_DESCRIPTOR = FileDescriptorProto.newBuilder()
      .setName("acme/order.proto")
      .setPackage("acme")
      .setSyntax("proto3")
      .addDependency("acme/customer.proto")
      .addMessageType(DescriptorProto.newBuilder()
          .setName("Order")
          .addField(field("id", 1, Type.TYPE_INT64))
          .addField(field("customer", 2, Type.TYPE_MESSAGE).setTypeName(".acme.Customer")))
      .build();

  private SampleSchemas() {}

  private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(Label.LABEL_OPTIONAL)
        .setJsonName(name);
  }
}
