package io.floe.e2e.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.floe.translator.registry.ConfluentRegistryServer;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.RegistrySettings;
import io.floe.translator.registry.SchemaRegistryClient;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The typed topics' values are what Confluent's serializers write: framed with the id the
 * registry gave their schema (as Floe's own wire-format parser reads it), and readable with the
 * schema the registry answers for that id, by each format's own library.
 */
class OrderSchemaTest {
  private static final String SUBJECT = "orders-value";
  private static final Order V1_ORDER = Order.numbered(12, SchemaVersion.V1);
  private static final Order V2_ORDER = Order.numbered(12, SchemaVersion.V2);

  private final ConfluentRegistryServer registry = start();
  private final SchemaRegistryClient client =
      new SchemaRegistryClient(RegistrySettings.fromProperties(Map.of(RegistrySettings.URL, registry.url())));

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @ParameterizedTest
  @EnumSource(RegistryFormat.class)
  void valuesAreFramedWithTheIdTheRegistryGaveTheirSchema(RegistryFormat format) {
    for (SchemaVersion version : SchemaVersion.values()) {
      int id = format.orders().register(registry, SUBJECT, version);
      byte[] value = format.orders().value(Order.numbered(3, version), version, id);

      WireValue parsed = WireFormat.parse(value, type(format)).orElseThrow(
          () -> new AssertionError(format + " " + version + " value is not in the registry's wire format"));
      assertEquals(id, parsed.schemaId());
      assertEquals(format == RegistryFormat.PROTOBUF ? List.of(0) : List.of(), parsed.messageIndexes());
    }
  }

  @Test
  void avroValuesReadBackWithTheirRegisteredSchema() throws IOException {
    OrderSchema orders = RegistryFormat.AVRO.orders();
    int v1 = orders.register(registry, SUBJECT, SchemaVersion.V1);
    int v2 = orders.register(registry, SUBJECT, SchemaVersion.V2);

    GenericRecord first = readAvro(v1, orders.value(V1_ORDER, SchemaVersion.V1, v1));
    GenericRecord second = readAvro(v2, orders.value(V2_ORDER, SchemaVersion.V2, v2));

    assertEquals("{\"id\": 12, \"customer\": \"customer-5\", \"quantity\": \"3\"}", first.toString());
    assertEquals("{\"id\": 3000000012, \"customer\": \"customer-5\", \"quantity\": 3, \"coupon\": \"SPRING-12\"}",
        second.toString());
  }

  @Test
  void protobufValuesReadBackWithTheirRegisteredDescriptor() throws Exception {
    OrderSchema orders = RegistryFormat.PROTOBUF.orders();
    int v1 = orders.register(registry, SUBJECT, SchemaVersion.V1);
    int v2 = orders.register(registry, SUBJECT, SchemaVersion.V2);

    DynamicMessage first = readProtobuf(v1, orders.value(V1_ORDER, SchemaVersion.V1, v1));
    DynamicMessage second = readProtobuf(v2, orders.value(V2_ORDER, SchemaVersion.V2, v2));

    assertEquals("id: 12 customer: \"customer-5\" quantity: \"3\"", first.toString().replace('\n', ' ').strip());
    assertEquals("id: 3000000012 customer: \"customer-5\" quantity: 3 coupon: \"SPRING-12\"",
        second.toString().replace('\n', ' ').strip());
  }

  @Test
  void jsonSchemaValuesAreTheOrdersAsJackson() throws IOException {
    OrderSchema orders = RegistryFormat.JSON_SCHEMA.orders();
    int v1 = orders.register(registry, SUBJECT, SchemaVersion.V1);
    int v2 = orders.register(registry, SUBJECT, SchemaVersion.V2);
    Order withoutCoupon = Order.numbered(13, SchemaVersion.V2);

    assertEquals("{\"id\":12,\"customer\":\"customer-5\",\"quantity\":\"3\"}",
        jsonPayload(orders.value(V1_ORDER, SchemaVersion.V1, v1)));
    assertEquals("{\"id\":3000000012,\"customer\":\"customer-5\",\"quantity\":3.5,\"coupon\":\"SPRING-12\"}",
        jsonPayload(orders.value(V2_ORDER, SchemaVersion.V2, v2)));
    assertEquals("{\"id\":3000000013,\"customer\":\"customer-6\",\"quantity\":4.5,\"coupon\":null}",
        jsonPayload(orders.value(withoutCoupon, SchemaVersion.V2, v2)));
    assertEquals(SchemaType.JSON, client.schemaById(v2).type());
  }

  @ParameterizedTest
  @EnumSource(RegistryFormat.class)
  void aValueCutByItsLastByteDoesNotDecode(RegistryFormat format) {
    OrderSchema orders = format.orders();
    int id = orders.register(registry, SUBJECT, SchemaVersion.V2);
    byte[] value = orders.value(Order.numbered(0, SchemaVersion.V2), SchemaVersion.V2, id);
    byte[] cut = Arrays.copyOf(value, value.length - 1);

    switch (format) {
      case AVRO -> assertThrows(EOFException.class, () -> readAvro(id, cut));
      case PROTOBUF -> assertThrows(InvalidProtocolBufferException.class, () -> readProtobuf(id, cut));
      case JSON_SCHEMA -> assertThrows(IOException.class, () -> new ObjectMapper().readTree(payload(cut, format)));
    }
  }

  private GenericRecord readAvro(int id, byte[] value) throws IOException {
    RegisteredSchema registered = client.schemaById(id);
    assertEquals(SchemaType.AVRO, registered.type());
    Schema schema = new Schema.Parser().parse(registered.schema());
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload(value, RegistryFormat.AVRO), null);
    GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);
    assertTrue(decoder.isEnd(), "the whole payload is one value");
    return record;
  }

  private DynamicMessage readProtobuf(int id, byte[] value) throws Exception {
    RegisteredSchema registered = client.schemaById(id);
    FileDescriptorProto file = FileDescriptorProto.parseFrom(registered.fileDescriptorProto().orElseThrow());
    Descriptor order = FileDescriptor.buildFrom(file, new FileDescriptor[0]).getMessageTypes().get(0);
    return DynamicMessage.parseFrom(order, payload(value, RegistryFormat.PROTOBUF));
  }

  private static String jsonPayload(byte[] value) {
    return new String(payload(value, RegistryFormat.JSON_SCHEMA), StandardCharsets.UTF_8);
  }

  private static byte[] payload(byte[] value, RegistryFormat format) {
    return WireFormat.parse(value, type(format)).orElseThrow().payload();
  }

  private static SchemaType type(RegistryFormat format) {
    return switch (format) {
      case AVRO -> SchemaType.AVRO;
      case PROTOBUF -> SchemaType.PROTOBUF;
      case JSON_SCHEMA -> SchemaType.JSON;
    };
  }

  private static ConfluentRegistryServer start() {
    try {
      return ConfluentRegistryServer.start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start a schema registry on 127.0.0.1", e);
    }
  }
}
