package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.spark.SparkSql;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.ProducedRecord;
import io.floe.e2e.workload.SchemalessJsonWorkload;
import io.floe.e2e.workload.SchemalessJsonWorkload.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analyst's view of a plain JSON topic, no schema registry: Spark SQL selects the events' own
 * fields, nested ones included, from the columns Floe inferred while the events gained fields
 * over several segments; values that are no JSON object have none.
 */
@Tag("spark")
class SchemalessJsonSparkIT {
  private static final String TOPIC = "clicks";
  private static final List<String> FIELDS = List.of("id", "page", "referrer", "user", "tags");
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final int BATCHES_PER_STAGE = 6;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);
  /** As Spark's rows come back: integers as longs. */
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static List<ProducedRecord> tiered;
  private static List<Map<String, Object>> selected;

  @BeforeAll
  static void tierEventsThatGainFieldsThenSelectThemWithSpark() {
    Path warehouse = dir.resolve("warehouse");
    SchemalessJsonWorkload workload;
    long end;
    try (KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(),
        FloeDistribution.built().withWarehouse(warehouse, Map.of())), dir.resolve("broker"))) {
      TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).create(broker);
      workload = new SchemalessJsonWorkload(broker, topic);
      for (Stage stage : Stage.values()) {
        workload.events(BATCHES_PER_STAGE, stage);
      }
      Map<TopicPartition, Long> tieredBefore = topic.endOffsets(broker);
      workload.events(BATCHES_PER_SEGMENT + 1, Stage.NESTED); // rolls the last segment: the active one is never tiered
      topic.awaitTieredBefore(broker, tieredBefore, TIERING_TIMEOUT);
      end = tieredBefore.get(new TopicPartition(TOPIC, 0));
    }
    tiered = workload.produced().visibleTo(IsolationLevel.READ_UNCOMMITTED).stream()
        .filter(r -> r.offset() < end).toList();
    selected = SparkSql.onWarehouse(warehouse, dir.resolve("spark")).query("SELECT _kafka.offset AS offset, "
        + String.join(", ", FIELDS) + " FROM floe.kafka." + TOPIC + " WHERE _kafka.offset < " + end + " ORDER BY offset");
  }

  @Test
  void sparkSelectsEveryEventsFieldsFromTheInferredColumns() {
    List<Map<String, Object>> expected = tiered.stream().map(SchemalessJsonSparkIT::row).toList();
    assertTrue(expected.stream().anyMatch(row -> row.get("user") != null), "events with nested fields");
    assertTrue(expected.stream().anyMatch(row -> row.get("id") == null), "values that are no JSON object");

    assertEquals(expected, selected);
  }

  /** The row Spark gives for a record: an event's fields as its JSON has them, none for any other value. */
  private static Map<String, Object> row(ProducedRecord record) {
    Map<String, Object> event = event(record.value());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("offset", record.offset());
    FIELDS.forEach(field -> row.put(field, event.get(field)));
    return row;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> event(byte[] value) {
    try {
      return JSON.readValue(value, Object.class) instanceof Map<?, ?> object ? (Map<String, Object>) object : Map.of();
    } catch (IOException notJson) { // bytes in memory: only parsing fails
      return Map.of();
    }
  }
}
