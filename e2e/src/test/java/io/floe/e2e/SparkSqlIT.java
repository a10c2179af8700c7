package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.TableRows;
import io.floe.e2e.quickstart.OrderEvents;
import io.floe.e2e.quickstart.Quickstart;
import io.floe.e2e.spark.SparkSql;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.ProducedRecord;
import io.floe.e2e.workload.Workloads;
import io.floe.translator.table.KafkaColumns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.iceberg.types.Types.NestedField;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A topic's table as an analyst queries it with Spark SQL: a local Spark 3.5 with Iceberg's runtime,
 * on the catalog and warehouse a real broker's Floe tiered a plain workload and the quickstart's
 * events into. The broker is
 * stopped before Spark runs, so the table no longer changes.
 */
@Tag("spark")
class SparkSqlIT {
  private static final String TOPIC = "orders";
  private static final String TABLE = "floe.kafka." + TOPIC;
  /** The quickstart's events, in a topic of their own: its Spark query selects their columns. */
  private static final String EVENTS_TOPIC = "order_events";
  private static final int QUICKSTART_ROWS = 10;
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static SparkSql spark;
  /** The records the table must hold, in log order: each partition's produced records up to its last tiered one. */
  private static List<ProducedRecord> tiered;

  @BeforeAll
  static void tierAPlainWorkload() {
    Path warehouse = dir.resolve("warehouse");
    Workloads workloads;
    Map<TopicPartition, Long> end;
    try (KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(),
        FloeDistribution.built().withWarehouse(warehouse, Map.of())), dir.resolve("broker"))) {
      TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).withPartitions(2).create(broker);
      workloads = new Workloads(broker, topic);
      workloads.plain(3 * 2 * BATCHES_PER_SEGMENT);
      end = topic.endOffsets(broker);
      workloads.plain(2 * (BATCHES_PER_SEGMENT + 1)); // rolls each partition's last segment
      topic.awaitTieredBefore(broker, end, TIERING_TIMEOUT);

      TieredTopic events = TieredTopic.named(EVENTS_TOPIC, BATCHES_PER_SEGMENT).create(broker);
      int rolling = BATCHES_PER_SEGMENT + 1; // one batch each: a segment after the first rows', so that theirs rolls
      OrderEvents.produce(broker.bootstrapServers(), EVENTS_TOPIC, 0, QUICKSTART_ROWS);
      Map<TopicPartition, Long> eventsEnd = events.endOffsets(broker);
      for (int i = QUICKSTART_ROWS; i < QUICKSTART_ROWS + rolling; i++) {
        OrderEvents.produce(broker.bootstrapServers(), EVENTS_TOPIC, i, 1);
      }
      events.awaitTieredBefore(broker, eventsEnd, TIERING_TIMEOUT);
    }
    Map<Integer, Long> tableEnd = tableEnd(warehouse);
    end.forEach((partition, offset) -> assertTrue(tableEnd.getOrDefault(partition.partition(), 0L) >= offset,
        () -> "the table ends at " + tableEnd + ", before the tiered offsets " + end));
    tiered = workloads.produced().visibleTo(IsolationLevel.READ_UNCOMMITTED).stream()
        .filter(r -> r.offset() < tableEnd.get(r.partition())).toList();
    spark = SparkSql.onWarehouse(warehouse, dir.resolve("spark"));
  }

  @Test
  void countStarCountsEveryTieredRecord() {
    List<Map<String, Object>> rows = spark.query("SELECT count(*) AS records FROM " + TABLE);

    assertEquals(List.of(Map.of("records", (long) tiered.size())), rows);
  }

  @Test
  void partitionsAndOffsetsComeBackInLogOrder() {
    List<Map<String, Object>> rows = spark.query("SELECT _kafka.partition, _kafka.offset FROM " + TABLE
        + " ORDER BY _kafka.partition, _kafka.offset");

    List<Map<String, Object>> expected = tiered.stream()
        .map(r -> Map.<String, Object>of("partition", (long) r.partition(), "offset", r.offset())).toList();
    assertEquals(expected, rows);
  }

  @Test
  void describeTableShowsTheKafkaStructWithItsFieldsInOrder() {
    List<Map<String, Object>> rows = spark.query("DESCRIBE TABLE " + TABLE);

    List<Map<String, Object>> columns = rows.stream()
        .takeWhile(row -> !row.get("col_name").toString().isEmpty() && !row.get("col_name").toString().startsWith("#"))
        .toList();
    assertEquals(List.of(KafkaColumns.KAFKA), columns.stream().map(row -> row.get("col_name")).toList());
    String type = columns.get(0).get("data_type").toString();
    assertTrue(type.startsWith("struct<partition:int,offset:bigint,"), type);
    int at = 0;
    for (NestedField field : KafkaColumns.SCHEMA.findField(KafkaColumns.KAFKA).type().asStructType().fields()) {
      int next = type.indexOf(field.name() + ":", at);
      assertTrue(next >= at, () -> field.name() + " missing or out of order in " + type);
      at = next + field.name().length();
    }
  }

  @Test
  void theQuickstartsSparkQueryShowsTheEventsOwnColumns() {
    List<Map<String, Object>> rows = spark.query(Quickstart.sparkQuery(EVENTS_TOPIC));

    List<Map<String, Object>> expected = LongStream.range(0, QUICKSTART_ROWS).mapToObj(i -> Map.<String, Object>of(
        "offset", i, "key", OrderEvents.customer(i), "order_id", i, "customer", OrderEvents.customer(i),
        "amount", OrderEvents.amount(i), "currency", "EUR")).toList();
    assertEquals(expected, rows);
  }

  @Test
  void aFailingStatementFailsWithSparksReason() {
    String missingField = "SELECT _kafka.no_such_field FROM " + TABLE;
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> spark.run(List.of("SELECT count(*) FROM " + TABLE, missingField)));

    assertTrue(failure.getMessage().contains("Cannot run statement 2 (" + missingField + ")"), failure.getMessage());
    assertTrue(failure.getMessage().contains("FIELD_NOT_FOUND"), failure.getMessage());
  }

  /** Per partition, one past the last offset in the table, as Floe's own reader sees it. */
  private static Map<Integer, Long> tableEnd(Path warehouse) {
    Map<Integer, Long> end = new HashMap<>();
    TableRows.of(warehouse, TOPIC).forEach(row -> end.merge((Integer) row.getField(KafkaColumns.PARTITION),
        (Long) row.getField(KafkaColumns.OFFSET) + 1, Math::max));
    return end;
  }
}
