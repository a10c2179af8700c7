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
import io.floe.translator.key.KeyFormat;
import io.floe.translator.key.KeyVerdict;
import io.floe.translator.registry.ConfluentRegistryServer;
import io.floe.translator.registry.RegistrySettings;
import io.floe.translator.registry.RegistryUnavailableException;
import io.floe.translator.registry.SchemaRegistryClient;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import io.floe.translator.value.WriterSchema;
import io.floe.translator.value.avro.AvroBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each key of an upload gets what it gives analysts, with its schema looked up in a registry that
 * answers as Confluent's does: columns when they give back its bytes, text when it is UTF-8.
 */
class KeyTyperTest {
  private static final String CUSTOMER_KEY_AVRO = """
      {"type": "record", "name": "CustomerKey", "namespace": "com.acme", "fields": [
        {"name": "region", "type": "string"}, {"name": "id", "type": "long"}]}""";
  private static final Schema CUSTOMER_KEY = new Schema.Parser().parse(CUSTOMER_KEY_AVRO);
  private static final FileDescriptorProto ACCOUNT_PROTO = FileDescriptorProto.newBuilder()
      .setName("acme/account.proto").setPackage("acme").setSyntax("proto3")
      .addMessageType(DescriptorProto.newBuilder().setName("AccountKey").addField(FieldDescriptorProto.newBuilder()
          .setName("number").setNumber(1).setType(FieldDescriptorProto.Type.TYPE_INT64)))
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
  void anAvroKeyOfTheTopicsKeySubjectGetsItsColumns() {
    int id = server.register("customers-key", null, CUSTOMER_KEY_AVRO);

    KeyVerdict verdict = typer(KeyFormat.AUTO).type(avroKey(id, "eu", 42L));

    assertEquals(id, verdict.schemaId().getAsInt());
    assertEquals("eu", verdict.columns().get().getField("region"));
    assertEquals(42L, verdict.columns().get().getField("id"));
    assertEquals(Optional.empty(), verdict.text());
  }

  @Test
  void anAvroStringKeyIsOneColumnNamedValue() {
    int id = server.register("customers-key", null, "\"string\"");

    KeyVerdict verdict = typer(KeyFormat.AUTO).type(WireFormat.encode(WireValue.of(id, AvroBytes.write(
        new Schema.Parser().parse("\"string\""), "c-17"))));

    assertEquals("c-17", verdict.columns().get().getField("value"));
  }

  @Test
  void aProtobufKeyIsTypedWithTheMessageItsIndexesName() throws Exception {
    int id = server.registerProtobuf("accounts-key", "syntax = \"proto3\";", ACCOUNT_PROTO);
    Descriptor account = FileDescriptor.buildFrom(ACCOUNT_PROTO, new FileDescriptor[0]).findMessageTypeByName("AccountKey");
    byte[] payload = DynamicMessage.newBuilder(account).setField(account.findFieldByName("number"), 7L).build().toByteArray();

    KeyVerdict verdict = typer(KeyFormat.AUTO).type(WireFormat.encode(new WireValue(id, List.of(0), payload)));

    assertEquals(new WriterSchema.Key(id, List.of(0)), verdict.writer().get());
    assertEquals(7L, verdict.columns().get().getField("number"));
  }

  @Test
  void aJsonSchemaKeyGetsItsColumns() {
    int id = server.register("sessions-key", "JSON",
        "{\"type\": \"object\", \"properties\": {\"session\": {\"type\": \"string\"}}}");

    KeyVerdict verdict = typer(KeyFormat.AUTO).type(WireFormat.encode(WireValue.of(id,
        "{\"session\":\"s-1\"}".getBytes(StandardCharsets.UTF_8))));

    assertEquals("s-1", verdict.columns().get().getField("session"));
  }

  @Test
  void aFramedKeyWhoseColumnsWouldNotGiveBackItsBytesHasOnlyItsSchemaId() {
    int id = server.register("sessions-key", "JSON",
        "{\"type\": \"object\", \"properties\": {\"session\": {\"type\": \"string\"}}}");

    KeyVerdict verdict = typer(KeyFormat.AUTO).type(WireFormat.encode(WireValue.of(id,
        "{ \"session\" :\"s-1\"}".getBytes(StandardCharsets.UTF_8))));

    assertEquals(KeyVerdict.untyped(id), verdict);
  }

  @Test
  void aKeyOfASchemaTheRegistryDoesNotKnowHasOnlyItsSchemaId() {
    assertEquals(KeyVerdict.untyped(99), typer(KeyFormat.AUTO).type(avroKey(99, "eu", 1L)));
  }

  @Test
  void aUtf8KeyWithoutFramingIsText() {
    KeyVerdict verdict = typer(KeyFormat.AUTO).type("order-ü-7".getBytes(StandardCharsets.UTF_8));

    assertEquals(KeyVerdict.text("order-ü-7"), verdict);
  }

  @Test
  void aKeyThatIsNotUtf8GivesNothingBeyondItsBytes() {
    assertEquals(KeyVerdict.NONE, typer(KeyFormat.AUTO).type(new byte[] {'a', (byte) 0xC0, (byte) 0xAF}));
  }

  @Test
  void aKeyWithControlCharactersIsNotTextAsTheNumbersKafkasSerializersWriteAreNot() {
    byte[] longKey = {0, 0, 0, 0, 0, 0, 0, 42};

    assertEquals(KeyVerdict.NONE, typer(KeyFormat.TEXT).type(longKey));
    assertEquals(KeyVerdict.NONE, typer(KeyFormat.TEXT).type("a\u007Fb".getBytes(StandardCharsets.UTF_8)));
    assertEquals(KeyVerdict.text("a\tb\r\n"), typer(KeyFormat.TEXT).type("a\tb\r\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aTextTopicLooksNoKeyUp() {
    int requests = server.requests().size();

    assertEquals(KeyVerdict.NONE, typer(KeyFormat.TEXT).type(avroKey(1, "eu", 1L)));
    assertEquals(requests, server.requests().size());
  }

  @Test
  void aTopicOfAnotherKeyFormatGivesItsFramedKeysOnlyTheirSchemaId() {
    int id = server.register("customers-key", null, CUSTOMER_KEY_AVRO);

    assertEquals(KeyVerdict.untyped(id), typer(KeyFormat.PROTOBUF).type(avroKey(id, "eu", 1L)));
  }

  @Test
  void aRawTopicTypesNoKey() {
    int id = server.register("customers-key", null, CUSTOMER_KEY_AVRO);
    KeyTyper typer = typer(KeyFormat.RAW);

    assertEquals(KeyVerdict.NONE, typer.type(avroKey(id, "eu", 1L)));
    assertEquals(KeyVerdict.NONE, typer.type("k".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void withoutRegistryFramedKeysGiveNothingAndTextKeysTheirText() {
    KeyTyper typer = new KeyTyper(KeyFormat.AUTO, Optional.empty(), false);

    assertEquals(KeyVerdict.NONE, typer.type(avroKey(1, "eu", 1L)));
    assertEquals(KeyVerdict.text("k"), typer.type("k".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aRecordWithoutKeyGivesNothing() {
    assertEquals(KeyVerdict.NONE, typer(KeyFormat.AUTO).type(null));
  }

  @Test
  void anUnreachableRegistryFailsTheUploadUnlessItGoesOnWithout() {
    byte[] key = avroKey(1, "eu", 1L);
    server.close();

    assertThrows(RegistryUnavailableException.class, () -> typer(KeyFormat.AUTO).type(key));
    assertEquals(KeyVerdict.untyped(1),
        new KeyTyper(KeyFormat.AUTO, Optional.of(client::schemaById), true).type(key));
  }

  @Test
  void aScanFindsTheWriterSchemasOfASegmentsKeysInTheOrderOfTheirFirstKeys() {
    int v1 = server.register("customers-key", null, CUSTOMER_KEY_AVRO);
    int v2 = server.register("customers-key", null, CUSTOMER_KEY_AVRO.replace("\"long\"}",
        "\"long\"}, {\"name\": \"shard\", \"type\": \"int\", \"default\": 0}"));
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.NONE, keyed(SampleRecords.key(1)), keyed(avroKey(v2, "us", 3L, 1)));
      segment.plain(Compression.gzip().build(), keyed(null), keyed(avroKey(v1, "eu", 2L)));
      file = segment.path();
    }
    KeyTyper typer = typer(KeyFormat.AUTO);

    List<WriterSchema> writers = typer.scan(file, 0);

    assertEquals(List.of(v2, v1), writers.stream().map(WriterSchema::schemaId).toList());
    assertEquals(List.of("region", "id", "shard"), typer.codec(writers.get(0).key()).columns().fields().stream()
        .map(f -> f.name()).toList());
  }

  @Test
  void aScanWithoutRegistryFindsNoWriterSchema() {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.NONE, keyed(avroKey(1, "eu", 2L)));
      file = segment.path();
    }

    assertTrue(new KeyTyper(KeyFormat.AUTO, Optional.empty(), false).scan(file, 0).isEmpty());
  }

  private KeyTyper typer(KeyFormat format) {
    return new KeyTyper(format, Optional.of(client::schemaById), false);
  }

  private static SimpleRecord keyed(byte[] key) {
    return new SimpleRecord(SampleRecords.T0, key, SampleRecords.text(10, 1));
  }

  private static byte[] avroKey(int schemaId, String region, long id) {
    GenericData.Record key = new GenericData.Record(CUSTOMER_KEY);
    key.put("region", region);
    key.put("id", id);
    return WireFormat.encode(WireValue.of(schemaId, AvroBytes.write(CUSTOMER_KEY, key)));
  }

  private static byte[] avroKey(int schemaId, String region, long id, int shard) {
    Schema v2 = new Schema.Parser().parse(CUSTOMER_KEY_AVRO.replace("\"long\"}",
        "\"long\"}, {\"name\": \"shard\", \"type\": \"int\", \"default\": 0}"));
    GenericData.Record key = new GenericData.Record(v2);
    key.put("region", region);
    key.put("id", id);
    key.put("shard", shard);
    return WireFormat.encode(WireValue.of(schemaId, AvroBytes.write(v2, key)));
  }
}
