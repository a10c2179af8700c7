package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.check.ReadingConsumer;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table topic and a classic topic ({@code iceberg.topics}) on one real broker, read back exactly
 * once their local segments are deleted; then the pattern switched each way while a consumer of
 * each topic is in the middle of reading it: every topic ends with segments of both kinds, and
 * the consumers and fresh ones read everything exactly.
 */
class MixedTopicsIT {
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aClassicAndATableTopicReadBackExactlyBeforeAndAfterThePatternIsSwitchedEachWay() {
    Path warehouse = dir.resolve("warehouse");
    FloeDistribution floe = FloeDistribution.built();
    BrokerSpec ordersAsTable = BrokerSpec.of(KafkaDistribution.current(),
        floe.withWarehouse(warehouse, Map.of("iceberg.topics", "orders")));
    try (KafkaBroker broker = KafkaBroker.start(ordersAsTable, dir.resolve("broker"))) {
      TieredTopic orders = TieredTopic.named("orders", BATCHES_PER_SEGMENT).create(broker);
      TieredTopic logs = TieredTopic.named("logs", BATCHES_PER_SEGMENT).create(broker);
      Workloads orderRecords = new Workloads(broker, orders);
      Workloads logRecords = new Workloads(broker, logs);
      orderRecords.mixed(BATCHES_PER_SEGMENT);
      logRecords.mixed(BATCHES_PER_SEGMENT);
      awaitEverythingTiered(broker, orders, orderRecords);
      awaitEverythingTiered(broker, logs, logRecords);

      assertTrue(hasTable(warehouse, "orders"), "orders is a table");
      assertFalse(hasTable(warehouse, "logs"), "logs is not a table");
      assertFalse(hasClassicSegments(warehouse, "orders"), "orders has no classic segment");
      assertTrue(hasClassicSegments(warehouse, "logs"), "logs is stored as classic segments");
      assertReadsBackExactly(broker, orders, orderRecords);
      assertReadsBackExactly(broker, logs, logRecords);

      try (ReadingConsumer ordersReader = ReadingConsumer.fromStart(broker, orders, IsolationLevel.READ_UNCOMMITTED);
          ReadingConsumer logsReader = ReadingConsumer.fromStart(broker, logs, IsolationLevel.READ_COMMITTED)) {
        ordersReader.readSome();
        logsReader.readSome();
        assertTrue(ordersReader.recordCount() < orderRecords.produced().visibleTo(IsolationLevel.READ_UNCOMMITTED).size(),
            "the orders consumer is in the middle of its read");
        assertTrue(logsReader.recordCount() < logRecords.produced().visibleTo(IsolationLevel.READ_COMMITTED).size(),
            "the logs consumer is in the middle of its read");

        broker.restartWith(BrokerSpec.of(KafkaDistribution.current(),
            floe.withWarehouse(warehouse, Map.of("iceberg.topics", "logs"))));
        orderRecords.mixed(BATCHES_PER_SEGMENT);
        logRecords.mixed(BATCHES_PER_SEGMENT);
        awaitEverythingTiered(broker, orders, orderRecords);
        awaitEverythingTiered(broker, logs, logRecords);

        ordersReader.readToEnd().assertExactly(orderRecords.produced());
        logsReader.readToEnd().assertExactly(logRecords.produced());
      }
      assertTrue(hasTable(warehouse, "logs"), "logs became a table");
      assertTrue(hasClassicSegments(warehouse, "orders"), "orders' later segments are classic");
      assertReadsBackExactly(broker, orders, orderRecords);
      assertReadsBackExactly(broker, logs, logRecords);
    }
  }

  /** Rolls the segment holding the workload's end, then waits until all of it is tiered and gone locally. */
  private static void awaitEverythingTiered(KafkaBroker broker, TieredTopic topic, Workloads workloads) {
    Map<TopicPartition, Long> end = topic.stableEndOffsets(broker, TIERING_TIMEOUT);
    workloads.plain(BATCHES_PER_SEGMENT + 1);
    topic.awaitTieredBefore(broker, end, TIERING_TIMEOUT);
  }

  private static void assertReadsBackExactly(KafkaBroker broker, TieredTopic topic, Workloads workloads) {
    ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(workloads.produced());
    ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_COMMITTED).assertExactly(workloads.produced());
  }

  private static boolean hasTable(Path warehouse, String table) {
    return Files.isDirectory(warehouse.resolve("kafka").resolve(table));
  }

  /** A classic segment's file lies beside its manifest, named after the segment id. */
  private static boolean hasClassicSegments(Path warehouse, String topic) {
    Path root = warehouse.resolve("_floe/manifests");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .anyMatch(f -> root.relativize(f).getName(0).toString().startsWith(topic + "-")
              && f.getFileName().toString().endsWith(".log"));
    } catch (IOException e) {
      throw new AssertionError("Cannot list " + root, e);
    }
  }
}
