package io.floe.plugin;

import static io.floe.plugin.ServedBytes.assertServedFrom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.translator.registry.ConfluentRegistryServer;
import io.floe.translator.table.KafkaColumns;
import io.floe.translator.table.RowRecords;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import io.floe.translator.value.avro.AvroBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys as an analyst sees them, tiered by the remote storage manager with a registry that answers
 * as Confluent's does: a registry-framed key's fields in {@code _key}, a UTF-8 key in
 * {@code _kafka.key_text}, its bytes always in {@code _kafka.key}, and every batch served exactly.
 */
class TypedKeysTest {
  private static final String KEY_V1 = """
      {"type": "record", "name": "CustomerKey", "namespace": "com.acme", "fields": [
        {"name": "region", "type": "string"}, {"name": "id", "type": "int"}]}""";
  /** Widens id to long and adds a field. */
  private static final String KEY_V2 = """
      {"type": "record", "name": "CustomerKey", "namespace": "com.acme", "fields": [
        {"name": "region", "type": "string"}, {"name": "id", "type": "long"},
        {"name": "shard", "type": ["null", "int"], "default": null}]}""";
  private static final String VALUE = """
      {"type": "record", "name": "Customer", "namespace": "com.acme", "fields": [
        {"name": "id", "type": "string"}, {"name": "name", "type": "string"}]}""";

  @TempDir
  Path dir;

  private Path warehouse;
  private ConfluentRegistryServer registry;
  private final List<IcebergRemoteStorageManager> managers = new ArrayList<>();
  /** The id of the first key schema {@link #avroKeyedSegment} registered. */
  private int keyV1;

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
  void anAvroKeysFieldsAreColumnsOfKeyBesideTheValuesOwn() throws Exception {
    TieredSegment segment = avroKeyedSegment("customers");
    managed(Map.of()).copyLogSegmentData(segment.metadata(), segment.data());

    Record row = rowsByOffset("customers").get(0L);

    assertEquals("eu", key(row).getField("region"));
    assertEquals(7L, key(row).getField("id"));
    assertEquals("c-7", row.getField("id"));
    assertEquals(keyV1, kafka(row).getField(KafkaColumns.KEY_SCHEMA_ID));
    assertNull(kafka(row).getField(KafkaColumns.KEY_TEXT));
  }

  @Test
  void aLaterKeySchemaWidensAndAddsColumnsInsideKeyWithStableIds() throws Exception {
    TieredSegment segment = avroKeyedSegment("customers");
    managed(Map.of()).copyLogSegmentData(segment.metadata(), segment.data());
    Types.NestedField region = table("customers").schema().findField("_key.region");

    Map<Long, Record> rows = rowsByOffset("customers");

    Types.StructType key = table("customers").schema().findType("_key").asStructType();
    assertEquals(Types.LongType.get(), key.field("id").type());
    assertEquals(Types.IntegerType.get(), key.field("shard").type());
    assertEquals(region.fieldId(), key.field("region").fieldId());
    assertEquals(5_000_000_000L, key(rows.get(1L)).getField("id"));
    assertEquals(3, key(rows.get(1L)).getField("shard"));
    assertNull(key(rows.get(0L)).getField("shard"));
  }

  @Test
  void aFramedKeyThatDoesNotDecodeHasItsSchemaIdAndItsBytesButNoColumns() throws Exception {
    TieredSegment segment = avroKeyedSegment("customers");
    managed(Map.of()).copyLogSegmentData(segment.metadata(), segment.data());

    Record row = rowsByOffset("customers").get(2L);

    assertNull(row.getField("_key"));
    assertEquals(keyV1, kafka(row).getField(KafkaColumns.KEY_SCHEMA_ID));
    assertArrayEquals(malformedKey(keyV1), RowRecords.bytes(kafka(row).getField(KafkaColumns.KEY)));
  }

  @Test
  void everyKeyIsServedByteForByteWithTheRegistryStopped() throws Exception {
    TieredSegment avro = avroKeyedSegment("customers");
    TieredSegment text = textKeyedSegment("sessions");
    managed(Map.of()).copyLogSegmentData(avro.metadata(), avro.data());
    managed(Map.of()).copyLogSegmentData(text.metadata(), text.data());
    registry.close();

    for (TieredSegment segment : List.of(avro, text)) {
      try (InputStream in = managed(Map.of()).fetchLogSegment(segment.metadata(), 0)) {
        assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
      }
    }
  }

  @Test
  void aUtf8KeyIsItsTextAndOtherKeysOnlyTheirBytes() throws Exception {
    TieredSegment segment = textKeyedSegment("sessions");
    managed(Map.of()).copyLogSegmentData(segment.metadata(), segment.data());

    Map<Long, Record> rows = rowsByOffset("sessions");

    assertEquals("session-ü-1", kafka(rows.get(0L)).getField(KafkaColumns.KEY_TEXT));
    assertNull(kafka(rows.get(1L)).getField(KafkaColumns.KEY_TEXT));
    assertArrayEquals(new byte[] {'s', (byte) 0xFF}, RowRecords.bytes(kafka(rows.get(1L)).getField(KafkaColumns.KEY)));
    assertNull(kafka(rows.get(2L)).getField(KafkaColumns.KEY));
    assertNull(kafka(rows.get(2L)).getField(KafkaColumns.KEY_TEXT));
    assertNull(table("sessions").schema().findField("_key"), "no key had a schema");
  }

  @Test
  void aTopicWhoseKeysAreConfiguredRawGetsNoKeyColumnsAndNoLookup() throws Exception {
    TieredSegment segment = avroKeyedSegment("audit");
    int requests = registry.requests().size();
    managed(Map.of("key.format.overrides", "aud.*:raw", "value.format", "raw"))
        .copyLogSegmentData(segment.metadata(), segment.data());

    Record row = rowsByOffset("audit").get(0L);

    assertEquals(requests, registry.requests().size());
    assertNull(table("audit").schema().findField("_key"));
    assertNull(kafka(row).getField(KafkaColumns.KEY_SCHEMA_ID));
  }

  @Test
  void aBadKeyFormatStopsTheBrokerNamingTheKey() {
    for (Map.Entry<String, String> bad : Map.of("key.format", "xml", "key.format.overrides", "logs-.*:xml").entrySet()) {
      IcebergRemoteStorageManager rsm = new IcebergRemoteStorageManager();
      Map<String, Object> configs = configs(Map.of(bad.getKey(), bad.getValue()));

      ConfigException error = assertThrows(ConfigException.class, () -> rsm.configure(configs));
      assertTrue(error.getMessage().contains(bad.getKey()), error.getMessage());
    }
  }

  /**
   * Offset 0 a key of schema v1, 1 of v2 (in a zstd batch), 2 a key framed with v1's id that is not
   * Avro of it; every value of one Avro schema.
   */
  private TieredSegment avroKeyedSegment(String topic) {
    keyV1 = registry.register(topic + "-key", null, KEY_V1);
    int v2 = registry.register(topic + "-key", null, KEY_V2);
    int value = registry.register(topic + "-value", null, VALUE);
    GenericData.Record later = customerKey(KEY_V2, "us", 5_000_000_000L);
    later.put("shard", 3);
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve(topic))) {
      segment.plain(Compression.NONE, record(avro(KEY_V1, keyV1, customerKey(KEY_V1, "eu", 7)), customer(value, "c-7")));
      segment.plain(Compression.zstd().build(), record(avro(KEY_V2, v2, later), customer(value, "c-5")));
      segment.plain(Compression.NONE, record(malformedKey(keyV1), customer(value, "c-0")));
      file = segment.path();
    }
    return TieredSegment.of(file, topic, 0, 0, 2);
  }

  /** Offset 0 a UTF-8 key, 1 a key that is not UTF-8, 2 no key. */
  private TieredSegment textKeyedSegment(String topic) {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve(topic))) {
      segment.plain(Compression.gzip().build(), record("session-ü-1".getBytes(StandardCharsets.UTF_8),
          SampleRecords.text(20, 1)), record(new byte[] {'s', (byte) 0xFF}, SampleRecords.text(20, 2)),
          record(null, SampleRecords.text(20, 3)));
      file = segment.path();
    }
    return TieredSegment.of(file, topic, 0, 0, 2);
  }

  /** A key framed with the id of v1 whose payload is cut short. */
  private static byte[] malformedKey(int keyV1) {
    return WireFormat.encode(WireValue.of(keyV1, new byte[] {4}));
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

  private static Record key(Record row) {
    return (Record) row.getField("_key");
  }

  private static SimpleRecord record(byte[] key, byte[] value) {
    return new SimpleRecord(SampleRecords.T0, key, value);
  }

  private static GenericData.Record customerKey(String schema, String region, Object id) {
    GenericData.Record key = new GenericData.Record(new Schema.Parser().parse(schema));
    key.put("region", region);
    key.put("id", id);
    return key;
  }

  private static byte[] customer(int schemaId, String id) {
    GenericData.Record customer = new GenericData.Record(new Schema.Parser().parse(VALUE));
    customer.put("id", id);
    customer.put("name", "name of " + id);
    return avro(VALUE, schemaId, customer);
  }

  /** A key or value as Confluent's Avro serializer writes it: magic byte, schema id, Avro binary. */
  private static byte[] avro(String schema, int id, GenericData.Record datum) {
    return WireFormat.encode(WireValue.of(id, AvroBytes.write(new Schema.Parser().parse(schema), datum)));
  }
}
