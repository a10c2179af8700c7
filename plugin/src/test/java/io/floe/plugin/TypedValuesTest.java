package io.floe.plugin;

import static io.floe.plugin.ServedBytes.assertServedFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.translator.registry.ConfluentRegistryServer;
import io.floe.translator.table.KafkaColumns;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.server.log.remote.storage.RetriableRemoteStorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values written with a schema registry's Avro serializer, tiered by the remote storage manager
 * with a registry that answers as Confluent's does: their fields become evolving columns, every
 * value is served back exactly without the registry, and what cannot be typed is flagged.
 */
class TypedValuesTest {
  private static final String V1 = """
      {"type": "record", "name": "Order", "namespace": "com.acme", "fields": [
        {"name": "id", "type": "int"}, {"name": "customer", "type": "string"}, {"name": "amount", "type": "string"}]}""";
  /** Adds a field, widens id to long, and changes amount from string to double, which no table can widen. */
  private static final String V2 = """
      {"type": "record", "name": "Order", "namespace": "com.acme", "fields": [
        {"name": "id", "type": "long"}, {"name": "customer", "type": "string"}, {"name": "amount", "type": "double"},
        {"name": "note", "type": ["null", "string"], "default": null}]}""";

  @TempDir
  Path dir;

  private Path warehouse;
  private ConfluentRegistryServer registry;
  private final List<IcebergRemoteStorageManager> managers = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    warehouse = dir.resolve("warehouse");
    registry = ConfluentRegistryServer.start();
  }

  @AfterEach
  void stop() throws IOException {
    registry.close();
    for (IcebergRemoteStorageManager manager : managers) {
      manager.close();
    }
  }

  @Test
  void everyValueIsServedByteForByteWithTheRegistryStopped() throws Exception {
    TieredSegment segment = evolvingSegment("orders", 0);
    managed(Map.of()).copyLogSegmentData(segment.metadata(), segment.data());
    registry.close();

    // A broker that starts afresh, with no schema cached: the manifest has them.
    try (InputStream in = managed(Map.of()).fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
  }

  @Test
  void aSegmentOfOneSchemaIsServedExactlyFromATableThatHasOutgrownIt() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    int v1 = registry.register("orders-value", null, V1);
    int v2 = registry.register("orders-value", null, V2);
    List<TieredSegment> segments = new ArrayList<>();
    for (int version = 1; version <= 2; version++) {
      Path file;
      try (KafkaSegment segment = KafkaSegment.create(dir.resolve("v" + version), version)) {
        segment.plain(Compression.NONE, record(version == 1
            ? avro(V1, v1, order(V1, 1, "ada", "12.50"))
            : avro(V2, v2, order(V2, 2L, "grace", 3.5))));
        file = segment.path();
      }
      segments.add(TieredSegment.of(file, "orders", 0, version, version));
      rsm.copyLogSegmentData(segments.get(version - 1).metadata(), segments.get(version - 1).data());
    }

    for (TieredSegment segment : segments) {
      try (InputStream in = managed(Map.of()).fetchLogSegment(segment.metadata(), 0)) {
        assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
      }
    }
  }

  @Test
  void theFieldsBecomeColumnsThatEvolveWithStableIds() throws Exception {
    IcebergRemoteStorageManager rsm = managed(Map.of());
    int v1 = registry.register("orders-value", null, V1);
    Path first;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve("first"))) {
      segment.plain(Compression.NONE, record(avro(V1, v1, order(V1, 1, "ada", "12.50"))));
      first = segment.path();
    }
    TieredSegment v1Segment = TieredSegment.of(first, "orders", 0, 0, 0);
    rsm.copyLogSegmentData(v1Segment.metadata(), v1Segment.data());
    Types.StructType before = table("orders").schema().asStruct();

    TieredSegment evolving = evolvingSegment("orders", 1);
    rsm.copyLogSegmentData(evolving.metadata(), evolving.data());
    Types.StructType after = table("orders").schema().asStruct();

    assertEquals(Types.LongType.get(), after.field("id").type());
    assertEquals(Types.StringType.get(), after.field("amount").type());
    assertEquals(Types.DoubleType.get(), after.field("amount__double").type());
    assertEquals(Types.StringType.get(), after.field("note").type());
    for (String name : List.of("id", "customer", "amount", KafkaColumns.KAFKA)) {
      assertEquals(before.field(name).fieldId(), after.field(name).fieldId(), name);
    }
  }

  @Test
  void eachRowHoldsItsValueInTheColumnsOfItsWriterSchema() throws Exception {
    TieredSegment segment = evolvingSegment("orders", 0);
    managed(Map.of()).copyLogSegmentData(segment.metadata(), segment.data());

    Map<Long, Record> rows = rowsByOffset("orders");

    Record v1 = rows.get(0L);
    assertEquals(1L, v1.getField("id"));
    assertEquals("12.50", v1.getField("amount"));
    assertNull(v1.getField("amount__double"));
    assertNull(kafka(v1).getField(KafkaColumns.VALUE_RAW));
    Record v2 = rows.get(3L);
    assertEquals(4_000_000_000L, v2.getField("id"));
    assertEquals(99.5, v2.getField("amount__double"));
    assertNull(v2.getField("amount"));
    assertEquals("gift", v2.getField("note"));
  }

  @Test
  void valuesThatCannotBeTypedKeepTheirBytesWithAReason() throws Exception {
    TieredSegment segment = evolvingSegment("orders", 0);
    managed(Map.of()).copyLogSegmentData(segment.metadata(), segment.data());

    Map<Long, Record> rows = rowsByOffset("orders");

    assertEquals("not-json-object", kafka(rows.get(5L)).getField(KafkaColumns.VALUE_RAW_REASON));
    assertEquals("unknown-schema", kafka(rows.get(6L)).getField(KafkaColumns.VALUE_RAW_REASON));
    assertEquals(404, kafka(rows.get(6L)).getField(KafkaColumns.VALUE_SCHEMA_ID));
    assertEquals("malformed", kafka(rows.get(7L)).getField(KafkaColumns.VALUE_RAW_REASON));
    assertEquals(true, kafka(rows.get(8L)).getField(KafkaColumns.TOMBSTONE));
    assertNull(kafka(rows.get(8L)).getField(KafkaColumns.VALUE_RAW_REASON));
  }

  @Test
  void protobufValuesThatProtobufWouldWriteOtherwiseKeepColumnsAndBytes() throws Exception {
    FileDescriptorProto v1 = customerProto(false);
    int id = registry.registerProtobuf("customers-value", "syntax = \"proto3\";", v1);
    Descriptor newer = FileDescriptor.buildFrom(customerProto(true), new FileDescriptor[0]).findMessageTypeByName("Customer");
    // Written with a newer schema than the registered one: a field the reader does not know.
    byte[] unknownField = DynamicMessage.newBuilder(newer).setField(newer.findFieldByName("name"), "ada")
        .setField(newer.findFieldByName("vip"), true).build().toByteArray();
    // Fields out of number order, as some other serializer may write them.
    ByteArrayOutputStream reordered = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(reordered);
    out.writeInt64(2, 7L);
    out.writeString(1, "grace");
    out.flush();
    TieredSegment segment = oneBatch("customers", record(protobuf(id, unknownField)), record(protobuf(id, reordered.toByteArray())));
    IcebergRemoteStorageManager rsm = managed(Map.of());
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    Map<Long, Record> rows = rowsByOffset("customers");
    assertEquals("ada", rows.get(0L).getField("name"));
    assertEquals("grace", rows.get(1L).getField("name"));
    assertEquals(7L, rows.get(1L).getField("visits"));
    for (Record row : rows.values()) {
      assertEquals("not-reproducible", kafka(row).getField(KafkaColumns.VALUE_RAW_REASON));
    }
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
  }

  @Test
  void theFractionOfValuesKeptRawIsInJmxPerTopic() throws Exception {
    TieredSegment segment = evolvingSegment("orders", 0);
    managed(Map.of()).copyLogSegmentData(segment.metadata(), segment.data());

    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Set<ObjectName> names = server.queryNames(new ObjectName("io.floe:type=value-typing,topic=orders,broker=*"), null);
    assertEquals(1, names.size(), names.toString());
    ObjectName name = names.iterator().next();
    // Offsets 0-4 typed; a value without framing, an unknown schema id and a malformed one kept raw.
    assertEquals(5.0, server.getAttribute(name, "values-typed-total"));
    assertEquals(3.0, server.getAttribute(name, "values-raw-total"));
    assertEquals(3.0 / 8, (Double) server.getAttribute(name, "values-raw-fraction"), 1e-9);
    for (String reason : List.of("not-json-object", "unknown-schema", "malformed")) {
      assertEquals(1.0, server.getAttribute(new ObjectName(name + ",reason=" + reason), "values-raw-by-reason-total"),
          reason);
    }
    assertEquals(4, server.queryNames(new ObjectName("io.floe:type=value-typing,topic=orders,*"), null).size(),
        "no MBean of a reason no value was kept raw for");
  }

  @Test
  void jsonValuesAsProducersWriteThemAreTypedAndThoseBreakingTheirSchemaAreCounted() throws Exception {
    int id = registry.register("carts-value", "JSON", """
        {"type": "object", "properties": {"id": {"type": "integer"}, "note": {"type": "string"}}}""");
    TieredSegment segment = oneBatch("carts",
        // a default ObjectMapper's unset field, Python's json.dumps, JSON.stringify of an undefined note
        record(json(id, "{\"id\":1,\"note\":null}")),
        record(json(id, "{\"id\": 2, \"note\": \"caf\\u00e9\"}")),
        record(json(id, "{\"id\":3}")));
    IcebergRemoteStorageManager rsm = managed(Map.of());
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    Map<Long, Record> rows = rowsByOffset("carts");
    assertEquals("café", rows.get(1L).getField("note"));
    for (Record row : rows.values()) {
      assertNull(kafka(row).getField(KafkaColumns.VALUE_RAW));
    }
    ObjectName name = ManagementFactory.getPlatformMBeanServer()
        .queryNames(new ObjectName("io.floe:type=value-typing,topic=carts,*"), null).iterator().next();
    assertEquals(3.0, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "values-typed-total"));
    assertEquals(1.0, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "values-violating-schema-total"));
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
  }

  @Test
  void aTopicConfiguredRawIsNeitherTypedNorLookedUp() throws Exception {
    TieredSegment segment = evolvingSegment("audit", 0);
    int requests = registry.requests().size();
    managed(Map.of("value.format.overrides", "aud.*:raw")).copyLogSegmentData(segment.metadata(), segment.data());

    assertEquals(requests, registry.requests().size());
    assertEquals("raw-topic", kafka(rowsByOffset("audit").get(0L)).getField(KafkaColumns.VALUE_RAW_REASON));
  }

  @Test
  void anUnreachableRegistryFailsTheCopyRetriablyUntilTheConfiguredBound() throws Exception {
    TieredSegment segment = evolvingSegment("orders", 0);
    registry.close();
    IcebergRemoteStorageManager rsm = managed(Map.of("value.raw.fallback.after.ms", "0",
        "schema.registry.max.retries", "0"));

    RetriableRemoteStorageException error = assertThrows(RetriableRemoteStorageException.class,
        () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));
    assertTrue(error.getMessage().contains("schema registry " + registry.url()), error.getMessage());

    TieredSegment retry = segment.retriedWithId(org.apache.kafka.common.Uuid.randomUuid());
    rsm.copyLogSegmentData(retry.metadata(), retry.data());
    assertEquals("registry-unavailable", kafka(rowsByOffset("orders").get(0L)).getField(KafkaColumns.VALUE_RAW_REASON));
    try (InputStream in = rsm.fetchLogSegment(retry.metadata(), 0)) {
      assertServedFrom(retry.segmentFile(), 0, in.readAllBytes());
    }
  }

  @Test
  void aBadRegistrySettingStopsTheBrokerNamingTheKey() {
    IcebergRemoteStorageManager rsm = new IcebergRemoteStorageManager();
    Map<String, Object> configs = configs(Map.of("schema.registry.request.timeout.ms", "soon"));

    ConfigException error = assertThrows(ConfigException.class, () -> rsm.configure(configs));
    assertTrue(error.getMessage().contains("schema.registry.request.timeout.ms"), error.getMessage());
  }

  @Test
  void aBadFormatOverrideStopsTheBrokerNamingTheKey() {
    IcebergRemoteStorageManager rsm = new IcebergRemoteStorageManager();
    Map<String, Object> configs = configs(Map.of("value.format.overrides", "logs-.*:xml"));

    ConfigException error = assertThrows(ConfigException.class, () -> rsm.configure(configs));
    assertTrue(error.getMessage().contains("value.format.overrides"), error.getMessage());
  }

  /**
   * Offsets 0-2 of schema v1, 3-4 of v2 (in a zstd batch), then a value without framing, one of a
   * schema id the registry does not know, one that is not Avro of its schema, and a tombstone.
   */
  private TieredSegment evolvingSegment(String topic, long baseOffset) {
    int v1 = registry.register(topic + "-value", null, V1);
    int v2 = registry.register(topic + "-value", null, V2);
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve(topic + "-" + baseOffset), baseOffset)) {
      segment.plain(Compression.NONE, record(avro(V1, v1, order(V1, 1, "ada", "12.50"))),
          record(avro(V1, v1, order(V1, 2, "grace", "3"))));
      segment.plain(Compression.gzip().build(), record(avro(V1, v1, order(V1, 3, "alan", ""))));
      GenericData.Record gift = order(V2, 4_000_000_000L, "edsger", 99.5);
      gift.put("note", "gift");
      segment.plain(Compression.zstd().build(), record(avro(V2, v2, gift)),
          record(avro(V2, v2, order(V2, 5L, "barbara", -0.0))));
      segment.plain(Compression.NONE, record(SampleRecords.text(12, 5)),
          record(WireFormat.encode(WireValue.of(404, SampleRecords.text(8, 6)))),
          record(WireFormat.encode(WireValue.of(v2, new byte[] {1}))),
          record(null));
      file = segment.path();
    }
    return TieredSegment.of(file, topic, 0, baseOffset, baseOffset + 8);
  }

  /** A segment of {@code topic} from offset 0: the records in one uncompressed batch. */
  private TieredSegment oneBatch(String topic, SimpleRecord... records) {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve(topic))) {
      segment.plain(Compression.NONE, records);
      file = segment.path();
    }
    return TieredSegment.of(file, topic, 0, 0, records.length - 1);
  }

  /** {@code message Customer { string name = 1; int64 visits = 2; }}, and with {@code bool vip = 3;} when newer. */
  private static FileDescriptorProto customerProto(boolean newer) {
    DescriptorProto.Builder customer = DescriptorProto.newBuilder().setName("Customer")
        .addField(FieldDescriptorProto.newBuilder().setName("name").setNumber(1).setType(FieldDescriptorProto.Type.TYPE_STRING))
        .addField(FieldDescriptorProto.newBuilder().setName("visits").setNumber(2).setType(FieldDescriptorProto.Type.TYPE_INT64));
    if (newer) {
      customer.addField(FieldDescriptorProto.newBuilder().setName("vip").setNumber(3).setType(FieldDescriptorProto.Type.TYPE_BOOL));
    }
    return FileDescriptorProto.newBuilder().setName("acme/customer.proto").setPackage("acme").setSyntax("proto3")
        .addMessageType(customer).build();
  }

  /** A value as Confluent's Protobuf serializer writes it: magic byte, schema id, message indexes [0], payload. */
  private static byte[] protobuf(int id, byte[] payload) {
    return WireFormat.encode(new WireValue(id, List.of(0), payload));
  }

  private IcebergRemoteStorageManager managed(Map<String, String> extra) {
    IcebergRemoteStorageManager manager = new IcebergRemoteStorageManager();
    manager.configure(configs(extra));
    managers.add(manager);
    return manager;
  }

  private Map<String, Object> configs(Map<String, String> extra) {
    Map<String, Object> configs = new HashMap<>(extra);
    configs.put("iceberg.catalog.warehouse", "file://" + warehouse);
    configs.put("schema.registry.url", registry.url());
    configs.put("broker.id", 1);
    return configs;
  }

  private Table table(String topic) {
    return new EmbeddedWarehouse(warehouse).table(topic);
  }

  private Map<Long, Record> rowsByOffset(String topic) throws IOException {
    return new EmbeddedWarehouse(warehouse).rowsByOffset(topic);
  }

  private static Record kafka(Record row) {
    return (Record) row.getField(KafkaColumns.KAFKA);
  }

  private static SimpleRecord record(byte[] value) {
    return new SimpleRecord(SampleRecords.T0, SampleRecords.key(1), value);
  }

  private static GenericData.Record order(String schema, Object id, String customer, Object amount) {
    GenericData.Record order = new GenericData.Record(new Schema.Parser().parse(schema));
    order.put("id", id);
    order.put("customer", customer);
    order.put("amount", amount);
    return order;
  }

  /** A value as Confluent's JSON Schema serializer frames it: magic byte, schema id, the JSON text. */
  private static byte[] json(int id, String text) {
    return WireFormat.encode(WireValue.of(id, text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A value as Confluent's Avro serializer writes it: magic byte, schema id, Avro binary. */
  private static byte[] avro(String schema, int id, GenericData.Record datum) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Encoder out = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new GenericDatumWriter<>(new Schema.Parser().parse(schema)).write(datum, out);
      out.flush();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return WireFormat.encode(WireValue.of(id, bytes.toByteArray()));
  }
}
