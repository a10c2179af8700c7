package io.floe.translator.typing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.translator.registry.ConfluentRegistryServer;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.RegistrySettings;
import io.floe.translator.registry.RegistryUnavailableException;
import io.floe.translator.registry.SchemaRegistryClient;
import io.floe.translator.value.ValueFormat;
import io.floe.translator.value.ValueRawReason;
import io.floe.translator.value.ValueVerdict;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import io.floe.translator.value.WriterSchema;
import io.floe.translator.value.inference.JsonInference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each value of an upload gets a verdict, with its schema looked up in a registry that answers as
 * Confluent's does: typed when its columns give back its bytes, kept raw with a reason otherwise.
 */
class ValueTyperTest {
  private static final String ORDER_AVRO = """
      {"type": "record", "name": "Order", "namespace": "com.acme", "fields": [
        {"name": "id", "type": "long"}, {"name": "tags", "type": {"type": "array", "items": "string"}}]}""";
  private static final Schema ORDER = new Schema.Parser().parse(ORDER_AVRO);
  private static final FileDescriptorProto CUSTOMER_PROTO = FileDescriptorProto.newBuilder()
      .setName("acme/customer.proto").setPackage("acme").setSyntax("proto3")
      .addMessageType(DescriptorProto.newBuilder().setName("Customer").addField(FieldDescriptorProto.newBuilder()
          .setName("name").setNumber(1).setType(FieldDescriptorProto.Type.TYPE_STRING)))
      .build();

  @TempDir
  Path dir;

  private ConfluentRegistryServer server;
  private SchemaRegistryClient client;

  @BeforeEach
  void startRegistry() throws IOException {
    server = ConfluentRegistryServer.start();
    client = new SchemaRegistryClient(RegistrySettings.fromProperties(Map.of(
        RegistrySettings.URL, server.url(), RegistrySettings.MAX_RETRIES, "0")));
  }

  @AfterEach
  void stopRegistry() {
    server.close();
  }

  @Test
  void anAvroValueOfARegisteredSchemaIsTyped() {
    int id = server.register("orders-value", null, ORDER_AVRO);

    ValueVerdict verdict = typer(ValueFormat.AUTO).type(avro(id, 7L, List.of("a", "b")));

    assertEquals(Optional.empty(), verdict.rawReason());
    assertEquals(id, verdict.schemaId().getAsInt());
    assertEquals(7L, verdict.columns().get().getField("id"));
    assertEquals(List.of("a", "b"), verdict.columns().get().getField("tags"));
  }

  @Test
  void aProtobufValueIsTypedWithTheMessageItsIndexesName() throws Exception {
    int id = server.registerProtobuf("customers-value", "syntax = \"proto3\";", CUSTOMER_PROTO);
    Descriptor customer = FileDescriptor.buildFrom(CUSTOMER_PROTO, new FileDescriptor[0]).findMessageTypeByName("Customer");
    byte[] payload = DynamicMessage.newBuilder(customer).setField(customer.findFieldByName("name"), "ada").build().toByteArray();

    ValueVerdict verdict = typer(ValueFormat.AUTO).type(WireFormat.encode(new WireValue(id, List.of(0), payload)));

    assertEquals(Optional.empty(), verdict.rawReason());
    assertEquals(List.of(0), verdict.messageIndexes());
    assertEquals("ada", verdict.columns().get().getField("name"));
  }

  @Test
  void aValueWithoutFramingIsKeptRaw() {
    ValueVerdict verdict = typer(ValueFormat.AUTO).type(SampleRecords.text(20, 1));

    assertEquals(Optional.of(ValueRawReason.NO_SCHEMA_ID), verdict.rawReason());
    assertTrue(verdict.schemaId().isEmpty());
  }

  @Test
  void aSchemaIdTheRegistryDoesNotKnowIsKeptRawWithTheId() {
    ValueVerdict verdict = typer(ValueFormat.AUTO).type(avro(99, 1L, List.of()));

    assertEquals(Optional.of(ValueRawReason.UNKNOWN_SCHEMA), verdict.rawReason());
    assertEquals(99, verdict.schemaId().getAsInt());
  }

  @Test
  void aPayloadThatDoesNotDecodeIsKeptRaw() {
    int id = server.register("orders-value", null, ORDER_AVRO);

    ValueVerdict verdict = typer(ValueFormat.AUTO).type(WireFormat.encode(WireValue.of(id, SampleRecords.text(9, 4))));

    assertEquals(Optional.of(ValueRawReason.MALFORMED), verdict.rawReason());
    assertTrue(verdict.columns().isEmpty());
  }

  @Test
  void aValueWhoseColumnsWriteOtherBytesKeepsBothColumnsAndBytes() throws IOException {
    int id = server.register("orders-value", null, ORDER_AVRO);
    // Avro's blocking encoder writes arrays in blocks that carry their byte size: valid Avro that
    // Avro's own binary encoder never writes.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Encoder blocking = EncoderFactory.get().blockingBinaryEncoder(bytes, null);
    new GenericDatumWriter<>(ORDER).write(order(3L, List.of("x")), blocking);
    blocking.flush();

    ValueVerdict verdict = typer(ValueFormat.AUTO).type(WireFormat.encode(WireValue.of(id, bytes.toByteArray())));

    assertEquals(Optional.of(ValueRawReason.NOT_REPRODUCIBLE), verdict.rawReason());
    assertEquals(3L, verdict.columns().get().getField("id"));
  }

  @Test
  void aTopicOfAnotherFormatKeepsTheValueRaw() {
    int id = server.register("orders-value", null, ORDER_AVRO);

    ValueVerdict verdict = typer(ValueFormat.PROTOBUF).type(avro(id, 1L, List.of()));

    assertEquals(Optional.of(ValueRawReason.FORMAT_MISMATCH), verdict.rawReason());
  }

  @Test
  void aRawTopicAndAnUploadWithoutRegistryKeepEveryValueRaw() {
    int id = server.register("orders-value", null, ORDER_AVRO);
    byte[] value = avro(id, 1L, List.of());

    assertEquals(Optional.of(ValueRawReason.RAW_TOPIC), typer(ValueFormat.RAW).type(value).rawReason());
    assertEquals(Optional.of(ValueRawReason.NO_REGISTRY),
        new ValueTyper(ValueFormat.AUTO, Optional.empty(), false).type(value).rawReason());
    assertEquals(List.of(), server.requests());
  }

  @Test
  void aTombstoneIsNoValue() {
    ValueTyper typer = typer(ValueFormat.AUTO);

    assertEquals(ValueVerdict.NONE, typer.type(null));
    assertEquals(0, typer.stats().values());
  }

  @Test
  void anUnreachableRegistryFailsTheUploadUnlessItGoesOnWithout() {
    server.close();
    byte[] value = avro(1, 1L, List.of());

    assertThrows(RegistryUnavailableException.class, () -> typer(ValueFormat.AUTO).type(value));
    ValueVerdict verdict = new ValueTyper(ValueFormat.AUTO, Optional.of(client::schemaById), true).type(value);
    assertEquals(Optional.of(ValueRawReason.REGISTRY_UNAVAILABLE), verdict.rawReason());
  }

  @Test
  void theRegistryIsAskedOncePerSchemaIdEvenForIdsItDoesNotKnow() {
    int id = server.register("orders-value", null, ORDER_AVRO);
    ValueTyper typer = typer(ValueFormat.AUTO);

    for (int i = 0; i < 3; i++) {
      typer.type(avro(id, i, List.of()));
      typer.type(avro(77, i, List.of()));
    }

    assertEquals(2, server.requests().size(), server.requests().toString());
  }

  @Test
  void aScanFindsTheWriterSchemasOfASegmentInTheOrderOfTheirFirstValues() {
    int v1 = server.register("orders-value", null, ORDER_AVRO);
    int v2 = server.register("orders-value", null, ORDER_AVRO.replace("\"long\"}", "\"long\"}, {\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null}"));
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.NONE, record(avro(v2, 1L, List.of())), record(SampleRecords.text(5, 1)));
      segment.plain(Compression.gzip().build(), record(avro(v1, 2L, List.of("t"))), record(null), record(avro(v2, 3L, List.of())));
      file = segment.path();
    }
    ValueTyper typer = typer(ValueFormat.AUTO);

    List<WriterSchema> writers = typer.scan(file, 0);

    assertEquals(List.of(v2, v1), writers.stream().map(WriterSchema::schemaId).toList());
    assertEquals(List.of("id", "note", "tags"), typer.codec(writers.get(0).key()).columns().fields().stream()
        .map(f -> f.name()).toList());
  }

  @Test
  void valuesWithoutFramingAreTypedWithTheSchemaTheScanInfersFromTheSegmentsJsonObjects() {
    int id = server.register("orders-value", null, ORDER_AVRO);
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.NONE, record(json("{\"id\":1}")), record(avro(id, 2L, List.of())),
          record(json("{\"id\":2,\"note\":\"x\"}")));
      file = segment.path();
    }
    ValueTyper typer = inferring(ValueFormat.AUTO, Optional.of(client::schemaById));

    List<WriterSchema> writers = typer.scan(file, 0);
    ValueVerdict verdict = typer.type(json("{\"id\":2,\"note\":\"x\"}"));

    assertEquals(List.of(id, WriterSchema.INFERRED_ID), writers.stream().map(WriterSchema::schemaId).toList());
    assertEquals(Optional.of(new WriterSchema.Key(WriterSchema.INFERRED_ID, List.of())), verdict.writer());
    assertEquals(Optional.empty(), verdict.rawReason());
    assertEquals("x", verdict.columns().get().getField("note"));
    assertEquals(Optional.empty(), typer.type(avro(id, 2L, List.of())).rawReason());
  }

  @Test
  void aValueWithoutFramingThatIsNoJsonObjectIsKeptRawAsNotAJsonObject() {
    ValueTyper typer = inferring(ValueFormat.AUTO, Optional.empty());
    typer.scan(segmentOf(json("{\"id\":1}"), json("[1]")), 0);

    for (String value : List.of("[1]", "7", "null", "plain text", "{\"id\":")) {
      assertEquals(Optional.of(ValueRawReason.NOT_JSON_OBJECT), typer.type(json(value)).rawReason(), value);
    }
  }

  @Test
  void aJsonObjectThatDoesNotReEncodeExactlyKeepsItsColumnsAndItsBytes() {
    ValueTyper typer = inferring(ValueFormat.AUTO, Optional.empty());
    typer.scan(segmentOf(json("{\"id\":1,\"id\":2}")), 0);

    ValueVerdict verdict = typer.type(json("{\"id\":1,\"id\":2}"));

    assertEquals(Optional.of(ValueRawReason.NOT_REPRODUCIBLE), verdict.rawReason());
    assertEquals(2L, verdict.columns().get().getField("id"));
  }

  @Test
  void aTopicOfAnotherFormatOrRawInfersNothing() {
    for (ValueFormat format : List.of(ValueFormat.AVRO, ValueFormat.PROTOBUF, ValueFormat.RAW)) {
      ValueTyper typer = inferring(format, Optional.empty());

      assertEquals(List.of(), typer.scan(segmentOf(json("{\"id\":1}")), 0), format.label());
      assertTrue(typer.type(json("{\"id\":1}")).rawReason().isPresent(), format.label());
    }
  }

  @Test
  void statsCountTypedValuesAndRawOnesByReason() {
    int id = server.register("orders-value", null, ORDER_AVRO);
    ValueTyper typer = typer(ValueFormat.AUTO);

    typer.type(avro(id, 1L, List.of()));
    typer.type(avro(id, 2L, List.of()));
    typer.type(SampleRecords.text(4, 2));
    typer.type(null);

    assertEquals(3, typer.stats().values());
    assertEquals(2, typer.stats().typed());
    assertEquals(Map.of(ValueRawReason.NO_SCHEMA_ID, 1L), typer.stats().rawByReason());
    assertEquals(1.0 / 3, typer.stats().rawFraction(), 1e-9);
    assertEquals("2 of 3 values typed, 1 raw (1 no-schema-id)", typer.stats().toString());
  }

  @Test
  void statsCountJsonValuesWithANullTheirSchemaAdmitsNoneAsTypedAndViolatingTheirSchema() {
    int id = server.register("carts-value", "JSON", "{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"integer\"}}}");
    ValueTyper typer = typer(ValueFormat.AUTO);

    typer.type(WireFormat.encode(WireValue.of(id, "{\"id\":null}".getBytes(StandardCharsets.UTF_8))));
    typer.type(WireFormat.encode(WireValue.of(id, "{\"id\":1}".getBytes(StandardCharsets.UTF_8))));

    assertEquals(2, typer.stats().typed());
    assertEquals(1, typer.stats().schemaViolations());
    assertEquals("2 of 2 values typed, 0 raw, 1 violating their schema", typer.stats().toString());
  }

  private static ValueTyper inferring(ValueFormat format, Optional<IntFunction<RegisteredSchema>> registry) {
    return new ValueTyper(format, registry, false, Optional.of(JsonInference.DEFAULT));
  }

  private Path segmentOf(byte[]... values) {
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve("segment-" + System.nanoTime()))) {
      segment.plain(Compression.NONE, Arrays.stream(values).map(ValueTyperTest::record).toArray(SimpleRecord[]::new));
      return segment.path();
    }
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private ValueTyper typer(ValueFormat format) {
    return new ValueTyper(format, Optional.of(client::schemaById), false);
  }

  private static SimpleRecord record(byte[] value) {
    return new SimpleRecord(SampleRecords.T0, SampleRecords.key(1), value);
  }

  private static GenericData.Record order(long id, List<String> tags) {
    GenericData.Record order = new GenericData.Record(ORDER);
    order.put("id", id);
    order.put("tags", tags);
    return order;
  }

  private static byte[] avro(int schemaId, long id, List<String> tags) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Encoder out = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new GenericDatumWriter<>(ORDER).write(order(id, tags), out);
      out.flush();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return WireFormat.encode(WireValue.of(schemaId, bytes.toByteArray()));
  }
}
