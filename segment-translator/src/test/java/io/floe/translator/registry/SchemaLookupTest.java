package io.floe.translator.registry;

import static io.floe.translator.registry.SampleSchemas.ADDRESS_AVRO;
import static io.floe.translator.registry.SampleSchemas.CUSTOMER_AVRO;
import static io.floe.translator.registry.SampleSchemas.CUSTOMER_DESCRIPTOR;
import static io.floe.translator.registry.SampleSchemas.CUSTOMER_PROTO;
import static io.floe.translator.registry.SampleSchemas.ORDER_AVRO;
import static io.floe.translator.registry.SampleSchemas.ORDER_DESCRIPTOR;
import static io.floe.translator.registry.SampleSchemas.ORDER_JSON_SCHEMA;
import static io.floe.translator.registry.SampleSchemas.ORDER_PROTO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.floe.translator.registry.ConfluentRegistryServer.Reference;
import io.floe.translator.registry.ConfluentRegistryServer.SerializedProtobuf;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Schemas by id, in each format, with their references, as the registry serves them. A Protobuf
 * schema the registry does not serve as {@code format=serialized} carries the FileDescriptorProto
 * protoc would make of its {@code .proto} text, its references read the same way.
 */
class SchemaLookupTest {
  private ConfluentRegistryServer registry;
  private SchemaRegistryClient client;

  @BeforeEach
  void start() throws IOException {
    registry = ConfluentRegistryServer.start();
    client = new SchemaRegistryClient(RegistrySettings.fromProperties(Map.of("url", registry.url())));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void anAvroSchemaIsFoundByItsIdInOneRequest() {
    int id = registry.register("addresses-value", null, ADDRESS_AVRO);

    RegisteredSchema schema = client.schemaById(id);

    assertEquals(id, schema.id());
    assertEquals(SchemaType.AVRO, schema.type());
    assertEquals(ADDRESS_AVRO, schema.schema());
    assertTrue(schema.fileDescriptorProto().isEmpty());
    assertEquals(List.of(), schema.references());
    assertEquals(List.of("/schemas/ids/" + id), registry.requests());
  }

  @Test
  void aJsonSchemaIsFoundByItsId() {
    int id = registry.register("orders-value", "JSON", ORDER_JSON_SCHEMA);

    RegisteredSchema schema = client.schemaById(id);

    assertEquals(SchemaType.JSON, schema.type());
    assertEquals(ORDER_JSON_SCHEMA, schema.schema());
    assertTrue(schema.fileDescriptorProto().isEmpty());
  }

  @Test
  void aProtobufSchemaComesWithItsSerializedFileDescriptorProto() throws InvalidProtocolBufferException {
    int id = registry.registerProtobuf("customers-value", CUSTOMER_PROTO, CUSTOMER_DESCRIPTOR);

    RegisteredSchema schema = client.schemaById(id);

    assertEquals(SchemaType.PROTOBUF, schema.type());
    assertEquals(CUSTOMER_PROTO, schema.schema());
    assertEquals(CUSTOMER_DESCRIPTOR, descriptor(schema));
    assertEquals(List.of("/schemas/ids/" + id, "/schemas/ids/" + id + "?format=serialized"), registry.requests());
  }

  @Test
  void avroNamedTypesAreResolvedAndOrderedBeforeTheSchemasThatUseThem() {
    registry.register("com.acme.Address", null, ADDRESS_AVRO);
    registry.register("com.acme.Customer", null, CUSTOMER_AVRO, new Reference("com.acme.Address", "com.acme.Address", 1));
    int order = registry.register("orders-value", null, ORDER_AVRO,
        new Reference("com.acme.Customer", "com.acme.Customer", 1),
        new Reference("com.acme.Address", "com.acme.Address", 1));

    RegisteredSchema schema = client.schemaById(order);

    List<SchemaReference> dependencies = schema.referencesInDependencyOrder();
    assertEquals(List.of("com.acme.Address", "com.acme.Customer"), dependencies.stream().map(SchemaReference::name).toList());
    Schema.Parser parser = new Schema.Parser();
    dependencies.forEach(dependency -> parser.parse(dependency.schema().schema()));
    Schema parsed = parser.parse(schema.schema());
    assertEquals("com.acme.Address", parsed.getField("customer").schema().getField("address").schema().getFullName());
  }

  @Test
  void protobufImportsAreResolvedWithTheirFileDescriptorProtos()
      throws InvalidProtocolBufferException, DescriptorValidationException {
    registry.registerProtobuf("acme/customer.proto", CUSTOMER_PROTO, CUSTOMER_DESCRIPTOR);
    int order = registry.registerProtobuf("orders-value", ORDER_PROTO, ORDER_DESCRIPTOR,
        new Reference("acme/customer.proto", "acme/customer.proto", 1));

    RegisteredSchema schema = client.schemaById(order);

    SchemaReference imported = schema.references().get(0);
    assertEquals("acme/customer.proto", imported.name());
    FileDescriptor customer = FileDescriptor.buildFrom(descriptor(imported.schema()), new FileDescriptor[0]);
    FileDescriptor orderFile = FileDescriptor.buildFrom(descriptor(schema), new FileDescriptor[] {customer});
    Descriptor customerField = orderFile.findMessageTypeByName("Order").findFieldByName("customer").getMessageType();
    assertEquals("acme.Customer", customerField.getFullName());
    assertTrue(registry.requests().contains("/subjects/acme%2Fcustomer.proto/versions/1?format=serialized"),
        "the subject is one path segment: " + registry.requests());
  }

  @ParameterizedTest
  @EnumSource(value = SerializedProtobuf.class, names = {"IGNORED", "REJECTED", "NOT_IMPLEMENTED"})
  void aSchemaServedOnlyAsTextCarriesTheDescriptorProtocMakesOfIt(SerializedProtobuf answer)
      throws InvalidProtocolBufferException {
    registry.registerProtobuf("acme/customer.proto", CUSTOMER_PROTO, CUSTOMER_DESCRIPTOR);
    int order = registry.registerProtobuf("orders-value", ORDER_PROTO, ORDER_DESCRIPTOR,
        new Reference("acme/customer.proto", "acme/customer.proto", 1));
    registry.answerSerializedProtobuf(answer);

    RegisteredSchema schema = client.schemaById(order);

    assertEquals(ORDER_DESCRIPTOR.toBuilder().setName("default").build(), descriptor(schema));
    assertEquals(CUSTOMER_DESCRIPTOR, descriptor(schema.references().get(0).schema()));
  }

  @Test
  void theTextIsTheOneTheSchemaWasAnsweredWithAndCostsNoFurtherRequest() {
    int id = registry.registerProtobuf("customers-value", CUSTOMER_PROTO, CUSTOMER_DESCRIPTOR);
    registry.answerSerializedProtobuf(SerializedProtobuf.NOT_IMPLEMENTED);

    client.schemaById(id);

    assertEquals(List.of("/schemas/ids/" + id, "/schemas/ids/" + id + "?format=serialized"), registry.requests());
  }

  @Test
  void aTextThatNamesATypeNoFileDefinesLeavesTheSchemaInvalidAndSaysWhereAndWhy() {
    registry.registerProtobuf("acme/customer.proto", CUSTOMER_PROTO.replace("string name = 1;", "acme.Name name = 1;"),
        CUSTOMER_DESCRIPTOR);
    int order = registry.registerProtobuf("orders-value", ORDER_PROTO, ORDER_DESCRIPTOR,
        new Reference("acme/customer.proto", "acme/customer.proto", 1));
    registry.answerSerializedProtobuf(SerializedProtobuf.REJECTED);

    InvalidSchemaException error = assertThrows(InvalidSchemaException.class, () -> client.schemaById(order));

    assertEquals(order, error.schemaId());
    assertTrue(error.getMessage().endsWith(": its reference 'acme/customer.proto' (subject acme/customer.proto, "
        + "version 1): the registry serves it only as .proto text, which does not read as protoc would read it: "
        + "acme/customer.proto:5:3: acme.Name names no message or enum of this file or of the files it imports"),
        error.getMessage());
  }

  @Test
  void aTextThatDoesNotParseLeavesTheSchemaInvalid() {
    int id = registry.registerProtobuf("customers-value", CUSTOMER_PROTO.replace("= 1;", "= ;"), CUSTOMER_DESCRIPTOR);
    registry.answerSerializedProtobuf(SerializedProtobuf.IGNORED);

    InvalidSchemaException error = assertThrows(InvalidSchemaException.class, () -> client.schemaById(id));

    assertTrue(error.getMessage().contains(": the registry serves it only as .proto text, which does not read as "
        + "protoc would read it: Syntax error in default:5:"), error.getMessage());
  }

  @Test
  void anIdTheRegistryDoesNotKnowIsNotFound() {
    SchemaNotFoundException error = assertThrows(SchemaNotFoundException.class, () -> client.schemaById(99));

    assertEquals(99, error.schemaId());
    assertEquals("Cannot fetch schema 99 from schema registry " + registry.url()
        + ": HTTP 404: Schema 99 not found (error 40403)", error.getMessage());
  }

  @Test
  void aMissingReferenceLeavesItsSchemaNotFoundAndSaysWhichReference() {
    registry.register("com.acme.Address", null, ADDRESS_AVRO);
    int id = registry.register("customers-value", null, CUSTOMER_AVRO, new Reference("com.acme.Address", "com.acme.Address", 3));

    SchemaNotFoundException error = assertThrows(SchemaNotFoundException.class, () -> client.schemaById(id));

    assertEquals(id, error.schemaId());
    assertTrue(error.getMessage().endsWith(": its reference 'com.acme.Address' (subject com.acme.Address, version 3): "
        + "HTTP 404: Version 3 not found. (error 40402)"), error.getMessage());
  }

  @Test
  void aReferenceToAnUnknownSubjectIsNotFound() {
    int id = registry.register("customers-value", null, CUSTOMER_AVRO, new Reference("com.acme.Address", "addresses", 1));

    SchemaNotFoundException error = assertThrows(SchemaNotFoundException.class, () -> client.schemaById(id));

    assertTrue(error.getMessage().endsWith("HTTP 404: Subject 'addresses' not found. (error 40401)"), error.getMessage());
  }

  @Test
  void referencesThatFormACycleMakeTheSchemaInvalid() {
    registry.register("com.acme.Customer", null, CUSTOMER_AVRO, new Reference("com.acme.Address", "com.acme.Address", 1));
    registry.register("com.acme.Address", null, ADDRESS_AVRO, new Reference("com.acme.Customer", "com.acme.Customer", 1));
    int id = registry.register("orders-value", null, ORDER_AVRO, new Reference("com.acme.Customer", "com.acme.Customer", 1));

    InvalidSchemaException error = assertThrows(InvalidSchemaException.class, () -> client.schemaById(id));

    assertTrue(error.getMessage().endsWith(": its reference 'com.acme.Customer' (subject com.acme.Customer, version 1)"
        + " -> reference 'com.acme.Address' (subject com.acme.Address, version 1)"
        + " -> reference 'com.acme.Customer' (subject com.acme.Customer, version 1): "
        + "it refers back to a schema that refers to it"), error.getMessage());
  }

  @Test
  void aSchemaTypeFloeDoesNotReadIsInvalid() {
    int id = registry.register("orders-value", "XML", "<order/>");

    InvalidSchemaException error = assertThrows(InvalidSchemaException.class, () -> client.schemaById(id));

    assertTrue(error.getMessage().endsWith(": its type XML is not one Floe reads (AVRO, PROTOBUF or JSON)"), error.getMessage());
  }

  private static FileDescriptorProto descriptor(RegisteredSchema schema) throws InvalidProtocolBufferException {
    return FileDescriptorProto.parseFrom(schema.fileDescriptorProto().orElseThrow());
  }
}
