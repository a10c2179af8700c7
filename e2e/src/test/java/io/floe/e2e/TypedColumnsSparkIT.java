package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.spark.SparkSql;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.EvolvingWorkload;
import io.floe.e2e.workload.Order;
import io.floe.e2e.workload.RegistryFormat;
import io.floe.e2e.workload.SchemaVersion;
import io.floe.e2e.workload.WrittenValue;
import io.floe.translator.registry.ConfluentRegistryServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analyst's view of typed topics: Spark SQL selects the orders' fields as columns from the tables
 * Floe tiered an Avro, a Protobuf and a JSON Schema topic into, each topic's schema evolving halfway;
 * the registry serves the Protobuf schemas only as {@code .proto} text. The Avro topic's orders have
 * Avro keys, whose fields Spark selects from {@code _key}; the other topics' text keys it selects as
 * {@code _kafka.key_text}.
 */
@Tag("spark")
class TypedColumnsSparkIT {
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final int BATCHES_PER_VERSION = 5;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  /** Per format, the typed values the table holds by offset, and what Spark selected of them. */
  private static final Map<RegistryFormat, Map<Long, WrittenValue.Typed>> TYPED = new EnumMap<>(RegistryFormat.class);
  private static final Map<RegistryFormat, List<Map<String, Object>>> SELECTED = new EnumMap<>(RegistryFormat.class);
  /** Per format, the name each tiered record's key was written from (null: no key), and what Spark selected of the keys. */
  private static final Map<RegistryFormat, Map<Long, String>> KEYS = new EnumMap<>(RegistryFormat.class);
  private static final Map<RegistryFormat, List<Map<String, Object>>> SELECTED_KEYS = new EnumMap<>(RegistryFormat.class);

  @BeforeAll
  static void tierTypedTopicsThenQueryThemWithSpark() throws IOException {
    Path warehouse = dir.resolve("warehouse");
    try (ConfluentRegistryServer registry = ConfluentRegistryServer.start();
        KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(), FloeDistribution.built()
            .withWarehouse(warehouse, Map.of("schema.registry.url", registry.url()))), dir.resolve("broker"))) {
      // Protobuf schemas as most registries serve them: only as .proto text, which Floe parses.
      registry.answerSerializedProtobuf(ConfluentRegistryServer.SerializedProtobuf.REJECTED);
      Map<TieredTopic, Map<TopicPartition, Long>> tieredBefore = new HashMap<>();
      for (RegistryFormat format : RegistryFormat.values()) {
        TieredTopic topic = TieredTopic.named(topicName(format), BATCHES_PER_SEGMENT).create(broker);
        EvolvingWorkload workload = new EvolvingWorkload(broker, topic, registry, format.orders());
        if (format == RegistryFormat.AVRO) {
          workload.withAvroKeys();
        }
        workload.evolveHalfway(BATCHES_PER_VERSION);
        Map<TopicPartition, Long> end = topic.endOffsets(broker);
        workload.orders(BATCHES_PER_SEGMENT + 1); // rolls the last segment: the active one is never tiered
        tieredBefore.put(topic, end);
        Map<Long, WrittenValue.Typed> typed = new LinkedHashMap<>();
        long before = end.get(new TopicPartition(topicName(format), 0));
        workload.written().headMap(before).forEach((offset, value) -> {
          if (value instanceof WrittenValue.Typed order) {
            typed.put(offset, order);
          }
        });
        TYPED.put(format, typed);
        Map<Long, String> keys = new LinkedHashMap<>();
        workload.written().headMap(before).keySet().forEach(offset -> keys.put(offset, workload.keyNames().get(offset)));
        KEYS.put(format, keys);
      }
      tieredBefore.forEach((topic, end) -> topic.awaitTieredBefore(broker, end, TIERING_TIMEOUT));
    }
    List<String> queries = new ArrayList<>();
    for (RegistryFormat format : RegistryFormat.values()) {
      queries.add("SELECT _kafka.offset AS offset, id, customer, quantity, " + quantityV2(format) + " AS quantity_v2, coupon"
          + " FROM floe.kafka." + topicName(format) + " WHERE _kafka.value_raw IS NULL AND NOT _kafka.tombstone"
          + " AND _kafka.offset < " + (TYPED.get(format).keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1)
          + " ORDER BY offset");
    }
    for (RegistryFormat format : RegistryFormat.values()) {
      queries.add("SELECT _kafka.offset AS offset, "
          + (format == RegistryFormat.AVRO ? "_key.`order` AS key_order, _key.number AS key_number, " : "")
          + "_kafka.key_text AS key_text FROM floe.kafka." + topicName(format)
          + " WHERE _kafka.offset < " + (KEYS.get(format).keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1)
          + " ORDER BY offset");
    }
    List<List<Map<String, Object>>> results = SparkSql.onWarehouse(warehouse, dir.resolve("spark")).run(queries);
    for (RegistryFormat format : RegistryFormat.values()) {
      SELECTED.put(format, results.get(format.ordinal()));
      SELECTED_KEYS.put(format, results.get(RegistryFormat.values().length + format.ordinal()));
    }
  }

  @ParameterizedTest
  @EnumSource(RegistryFormat.class)
  void sparkSelectsEveryTypedOrderFromTheColumnsOfItsSchemaVersion(RegistryFormat format) {
    List<Map<String, Object>> expected = new ArrayList<>();
    TYPED.get(format).forEach((offset, value) -> expected.add(row(format, offset, value)));
    assertTrue(expected.stream().anyMatch(row -> row.get("quantity") != null), "orders of schema V1");
    assertTrue(expected.stream().anyMatch(row -> row.get("quantity_v2") != null), "orders of schema V2");

    assertEquals(expected, SELECTED.get(format));
  }

  @ParameterizedTest
  @EnumSource(RegistryFormat.class)
  void sparkSelectsAvroKeysFromTheirColumnsAndOtherKeysAsText(RegistryFormat format) {
    List<Map<String, Object>> expected = new ArrayList<>();
    KEYS.get(format).forEach((offset, name) -> {
      boolean avro = format == RegistryFormat.AVRO && name != null && name.startsWith("order-");
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("offset", offset);
      if (format == RegistryFormat.AVRO) {
        row.put("key_order", avro ? name : null);
        row.put("key_number", avro ? Long.parseLong(name.substring("order-".length())) : null);
      }
      row.put("key_text", avro ? null : name);
      expected.add(row);
    });
    assertTrue(expected.stream().anyMatch(row -> row.get("key_text") != null), "text keys");

    assertEquals(expected, SELECTED_KEYS.get(format));
  }

  /** The row Spark gives for a typed order: integers as longs, the other version's columns null. */
  private static Map<String, Object> row(RegistryFormat format, long offset, WrittenValue.Typed value) {
    Order order = value.order();
    boolean v1 = value.version() == SchemaVersion.V1;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("offset", offset);
    row.put("id", order.id());
    row.put("customer", order.customer());
    row.put("quantity", v1 ? Integer.toString(order.quantity()) : null);
    row.put("quantity_v2", v1 ? null : format == RegistryFormat.JSON_SCHEMA ? order.quantity() + 0.5 : (Object) (long) order.quantity());
    // proto3 cannot tell an unset string from an empty one
    row.put("coupon", v1 ? null : order.coupon() == null && format == RegistryFormat.PROTOBUF ? "" : order.coupon());
    return row;
  }

  private static String quantityV2(RegistryFormat format) {
    return format == RegistryFormat.JSON_SCHEMA ? "quantity__double" : "quantity__int";
  }

  private static String topicName(RegistryFormat format) {
    return format.name().toLowerCase(Locale.ROOT) + "_orders";
  }
}
