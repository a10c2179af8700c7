package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.TableRows;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.EvolvingWorkload;
import io.floe.e2e.workload.ProducedRecord;
import io.floe.e2e.workload.RegistryFormat;
import io.floe.e2e.workload.SchemaVersion;
import io.floe.e2e.workload.UntypedValue;
import io.floe.e2e.workload.WrittenValue;
import io.floe.translator.registry.ConfluentRegistryServer;
import io.floe.translator.table.KafkaColumns;
import io.floe.translator.table.RowRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Topics whose values a schema registry types, one per format, on one broker with Floe: each
 * producer's schema evolves halfway (in the middle of a segment, with segments of either schema
 * around it), everything is tiered and deleted locally, and only then, with the registry stopped,
 * is anything read back. The Avro topic's orders have Avro keys, the others' text keys. Each format's checks are a test of their own on the topics tiered once
 * in {@link #tierATopicPerFormatThenStopTheRegistry()}.
 */
class TypedTopicsIT {
  private static final int BATCHES_PER_SEGMENT = 4;
  // batches of each schema version: the evolution falls in the middle of the second segment
  private static final int BATCHES_PER_VERSION = 5;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static KafkaBroker broker;
  private static final Map<RegistryFormat, Tiered> TIERED = new EnumMap<>(RegistryFormat.class);

  /** A typed topic, its workload, and the offsets before which everything was tiered. */
  private record Tiered(TieredTopic topic, EvolvingWorkload workload, Map<TopicPartition, Long> tieredBefore) {}

  @BeforeAll
  static void tierATopicPerFormatThenStopTheRegistry() throws IOException {
    try (ConfluentRegistryServer registry = ConfluentRegistryServer.start()) {
      Map<String, String> rsmConfig = Map.of("schema.registry.url", registry.url());
      broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(),
          FloeDistribution.built().withWarehouse(warehouse(), rsmConfig)), dir.resolve("broker"));
      for (RegistryFormat format : RegistryFormat.values()) {
        TieredTopic topic = TieredTopic.named(topicName(format), BATCHES_PER_SEGMENT).create(broker);
        EvolvingWorkload workload = new EvolvingWorkload(broker, topic, registry, format.orders());
        if (format == RegistryFormat.AVRO) {
          workload.withAvroKeys();
        }
        workload.evolveHalfway(BATCHES_PER_VERSION);
        Map<TopicPartition, Long> end = topic.endOffsets(broker);
        workload.orders(BATCHES_PER_SEGMENT + 1); // rolls the last segment: the active one is never tiered
        TIERED.put(format, new Tiered(topic, workload, end));
      }
      TIERED.values().forEach(t -> t.topic().awaitTieredBefore(broker, t.tieredBefore(), TIERING_TIMEOUT));
    }
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @ParameterizedTest
  @EnumSource(RegistryFormat.class)
  void everyRecordReadsBackByteIdenticalWithTheRegistryStopped(RegistryFormat format) {
    Tiered tiered = TIERED.get(format);
    ConsumedRecords.fromStart(broker, tiered.topic(), IsolationLevel.READ_UNCOMMITTED)
        .assertExactly(tiered.workload().produced());
  }

  /**
   * One row per tiered record, with its key and tombstone flag; values that cannot be typed are
   * kept raw, byte for byte.
   */
  @ParameterizedTest
  @EnumSource(RegistryFormat.class)
  void theTableHasOneRowPerTieredRecordAndKeepsUntypedValuesRaw(RegistryFormat format) {
    Tiered tiered = TIERED.get(format);
    Map<Long, ProducedRecord> produced = new HashMap<>();
    tiered.workload().produced().visibleTo(IsolationLevel.READ_UNCOMMITTED).forEach(r -> produced.put(r.offset(), r));
    Map<Long, Record> rows = new HashMap<>();
    for (Record row : kafkaColumns(format)) {
      long offset = (Long) row.getField(KafkaColumns.OFFSET);
      assertNull(rows.put(offset, row), "row at offset " + offset + " of " + topicName(format) + " appears twice");
      ProducedRecord record = produced.get(offset);
      assertNotNull(record, "row at offset " + offset + " of " + topicName(format) + " is not a produced record");
      assertArrayEquals(record.key(), RowRecords.bytes(row.getField(KafkaColumns.KEY)), offset + " key");
      assertEquals(record.value() == null, row.getField(KafkaColumns.TOMBSTONE), offset + " tombstone");
      if (tiered.workload().written().get(offset) instanceof WrittenValue.Untyped) {
        assertArrayEquals(record.value(), RowRecords.bytes(row.getField(KafkaColumns.VALUE_RAW)), offset + " raw value");
      }
    }
    long tieredBefore = tiered.tieredBefore().get(new TopicPartition(topicName(format), 0));
    for (long offset = 0; offset < tieredBefore; offset++) {
      assertTrue(rows.containsKey(offset), "tiered record at offset " + offset + " of " + topicName(format) + " is not in the table");
    }
  }

  /**
   * The orders' fields are columns: V2's added field joins them, its widened id widens the column,
   * its incompatible quantity gets a column of its own, and every typed row holds its order there
   * with no raw bytes; the values that cannot be typed are flagged with their reason.
   */
  @ParameterizedTest
  @EnumSource(RegistryFormat.class)
  void theTableShowsTheOrdersAsEvolvedColumns(RegistryFormat format) {
    Types.StructType columns = TableRows.schema(warehouse(), topicName(format)).asStruct();
    String quantityV2 = format == RegistryFormat.JSON_SCHEMA ? "quantity__double" : "quantity__int";
    assertEquals(Types.LongType.get(), columns.field("id").type());
    assertEquals(Types.StringType.get(), columns.field("quantity").type());
    assertNotNull(columns.field(quantityV2), columns.toString());
    assertEquals(Types.StringType.get(), columns.field("coupon").type());

    Map<Long, WrittenValue> written = TIERED.get(format).workload().written();
    int typed = 0;
    for (Record row : TableRows.whole(warehouse(), topicName(format))) {
      Record kafka = (Record) row.getField(KafkaColumns.KAFKA);
      long offset = (Long) kafka.getField(KafkaColumns.OFFSET);
      WrittenValue value = written.get(offset);
      assertNotNull(value, "row at offset " + offset + " was not produced");
      if (value instanceof WrittenValue.Untyped untyped) {
        assertEquals(expectedReason(untyped.kind()), kafka.getField(KafkaColumns.VALUE_RAW_REASON), offset + " " + untyped.kind());
        continue;
      }
      WrittenValue.Typed order = (WrittenValue.Typed) value;
      assertNull(kafka.getField(KafkaColumns.VALUE_RAW_REASON), offset + " raw reason");
      assertEquals(order.schemaId(), kafka.getField(KafkaColumns.VALUE_SCHEMA_ID), offset + " schema id");
      assertEquals(order.order().id(), row.getField("id"), offset + " id");
      assertEquals(order.order().customer(), row.getField("customer"), offset + " customer");
      if (order.version() == SchemaVersion.V1) {
        assertEquals(Integer.toString(order.order().quantity()), row.getField("quantity"), offset + " quantity");
        assertNull(row.getField(quantityV2), offset + " " + quantityV2);
      } else {
        assertNotNull(row.getField(quantityV2), offset + " " + quantityV2);
        assertNull(row.getField("quantity"), offset + " quantity");
        // proto3 cannot tell an unset string from an empty one
        String coupon = order.order().coupon() == null && format == RegistryFormat.PROTOBUF ? "" : order.order().coupon();
        assertEquals(coupon, row.getField("coupon"), offset + " coupon");
      }
      typed++;
    }
    assertTrue(typed > 2 * BATCHES_PER_VERSION, typed + " typed rows");
  }

  /**
   * The keys as an analyst sees them: the Avro topic's order keys are the fields of {@code _key},
   * with their schema id; every other key (text) is {@code _kafka.key_text}. Their bytes are
   * checked with the rest of {@code _kafka} above.
   */
  @ParameterizedTest
  @EnumSource(RegistryFormat.class)
  void theTableShowsAvroKeysAsColumnsOfKeyAndOtherKeysAsText(RegistryFormat format) {
    EvolvingWorkload workload = TIERED.get(format).workload();
    int avroKeys = 0;
    for (Record row : TableRows.whole(warehouse(), topicName(format))) {
      Record kafka = (Record) row.getField(KafkaColumns.KAFKA);
      long offset = (Long) kafka.getField(KafkaColumns.OFFSET);
      String name = workload.keyNames().get(offset);
      Record key = (Record) row.getField("_key");
      if (workload.keySchemaId().isPresent() && name != null && name.startsWith("order-")) {
        assertEquals(name, key.getField("order"), offset + " key order");
        assertEquals(Long.parseLong(name.substring("order-".length())), key.getField("number"), offset + " key number");
        assertEquals(workload.keySchemaId().getAsInt(), kafka.getField(KafkaColumns.KEY_SCHEMA_ID), offset + " key schema");
        assertNull(kafka.getField(KafkaColumns.KEY_TEXT), offset + " key text");
        avroKeys++;
      } else {
        assertNull(key, offset + " key columns");
        assertNull(kafka.getField(KafkaColumns.KEY_SCHEMA_ID), offset + " key schema");
        assertEquals(name, kafka.getField(KafkaColumns.KEY_TEXT), offset + " key text");
      }
    }
    assertEquals(format == RegistryFormat.AVRO, avroKeys > BATCHES_PER_VERSION, avroKeys + " Avro keys");
  }

  private static String expectedReason(UntypedValue kind) {
    return switch (kind) {
      case NO_SCHEMA_ID -> "not-json-object";
      case UNKNOWN_SCHEMA_ID -> "unknown-schema";
      case UNDECODABLE -> "malformed";
      case TOMBSTONE -> null;
    };
  }

  /** The {@code _kafka} columns of every row of the format's table. */
  private static List<Record> kafkaColumns(RegistryFormat format) {
    // the topic names are already table names: lower case, digits and underscores
    return TableRows.of(warehouse(), topicName(format));
  }

  private static String topicName(RegistryFormat format) {
    return format.name().toLowerCase(Locale.ROOT) + "_orders";
  }

  private static Path warehouse() {
    return dir.resolve("warehouse");
  }
}
