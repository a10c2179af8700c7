package io.floe.e2e;

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
import io.floe.e2e.workload.SchemalessJsonWorkload;
import io.floe.e2e.workload.SchemalessJsonWorkload.Stage;
import io.floe.translator.table.KafkaColumns;
import io.floe.translator.value.WriterSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A topic of plain JSON events, no schema registry, on one broker with Floe as it starts by
 * default: the events gain fields over several segments, everything is tiered and deleted
 * locally, and then read back by a consumer that checks CRCs, while the table holds the events'
 * own fields as columns.
 */
class SchemalessJsonIT {
  private static final String TOPIC = "clicks";
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final int BATCHES_PER_STAGE = 6;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static KafkaBroker broker;
  private static TieredTopic topic;
  private static SchemalessJsonWorkload workload;
  private static Map<TopicPartition, Long> tieredBefore;

  @BeforeAll
  static void tierEventsThatGainFields() {
    broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(),
        FloeDistribution.built().withWarehouse(warehouse(), Map.of())), dir.resolve("broker"));
    topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).create(broker);
    workload = new SchemalessJsonWorkload(broker, topic);
    for (Stage stage : Stage.values()) {
      workload.events(BATCHES_PER_STAGE, stage);
    }
    tieredBefore = topic.endOffsets(broker);
    workload.events(BATCHES_PER_SEGMENT + 1, Stage.NESTED); // rolls the last segment: the active one is never tiered
    topic.awaitTieredBefore(broker, tieredBefore, TIERING_TIMEOUT);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyRecordReadsBackByteIdentical() {
    ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(workload.produced());
  }

  @Test
  void theTableHasTheEventsFieldsAsColumns() {
    Types.StructType columns = TableRows.schema(warehouse(), TOPIC).asStruct();

    assertEquals(Types.LongType.get(), columns.field("id").type());
    assertEquals(Types.StringType.get(), columns.field("page").type());
    assertEquals(Types.StringType.get(), columns.field("referrer").type());
    assertEquals(Types.StringType.get(), columns.field("user").type().asStructType().field("plan").type());
    assertEquals(Types.StringType.get(), columns.field("tags").type().asListType().elementType());
    assertTrue(columns.fields().stream().anyMatch(field -> field.name().startsWith("ms")), columns.toString());
  }

  @Test
  void eventsAreTypedAndOtherValuesKeptRawWithTheirReason() {
    List<Record> rows = TableRows.whole(warehouse(), TOPIC);
    int events = 0;
    for (Record row : rows) {
      Record kafka = (Record) row.getField(KafkaColumns.KAFKA);
      long offset = (Long) kafka.getField(KafkaColumns.OFFSET);
      if (offset >= tieredBefore.get(new TopicPartition(TOPIC, 0))) {
        continue;
      }
      if (row.getField("id") != null) {
        assertNull(kafka.getField(KafkaColumns.VALUE_RAW), offset + " is an event");
        assertEquals(WriterSchema.INFERRED_ID, kafka.getField(KafkaColumns.VALUE_SCHEMA_ID), offset + " schema id");
        events++;
      } else {
        assertNotNull(kafka.getField(KafkaColumns.VALUE_RAW), offset + " is no event");
        assertEquals("not-json-object", kafka.getField(KafkaColumns.VALUE_RAW_REASON), offset + " reason");
      }
    }
    assertEquals(Stage.values().length * BATCHES_PER_STAGE * SchemalessJsonWorkload.EVENTS_PER_BATCH, events, "events typed");
  }

  @Test
  void anEventsColumnsHoldItsFields() {
    Record row = TableRows.whole(warehouse(), TOPIC).stream()
        .filter(r -> r.getField("user") != null).findFirst().orElseThrow();

    Record user = (Record) row.getField("user");
    assertTrue(List.of("free", "pro").contains(user.getField("plan")), user.toString());
    assertEquals("été", ((List<?>) row.getField("tags")).get(1));
    assertTrue(((String) row.getField("page")).startsWith("/page/"), row.toString());
  }

  private static Path warehouse() {
    return dir.resolve("warehouse");
  }
}
