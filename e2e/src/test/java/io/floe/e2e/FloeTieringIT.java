package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.broker.RemoteStoragePlugin;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.TableRows;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.Codec;
import io.floe.e2e.workload.ProducedRecord;
import io.floe.e2e.workload.ProducedRecords;
import io.floe.e2e.workload.Workloads;
import io.floe.translator.table.KafkaColumns;
import io.floe.translator.table.RowRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floe as a broker runs it: loaded from its distribution through the plugin class path, tiering
 * topics into Iceberg tables on the embedded default, and serving consumers from those tables'
 * files once the broker has deleted its local copies.
 */
class FloeTieringIT {
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aMixedWorkloadComesBackExactlyFromTheTableAcrossRestartsAndWithoutItsCatalog() throws IOException {
    Path warehouse = dir.resolve("warehouse");
    RemoteStoragePlugin floe = FloeDistribution.built().withWarehouse(warehouse, Map.of());
    try (KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(), floe), dir.resolve("broker"))) {
      TieredTopic topic = TieredTopic.named("orders", BATCHES_PER_SEGMENT).withPartitions(2).create(broker);
      Workloads workloads = new Workloads(broker, topic);
      workloads.mixed(BATCHES_PER_SEGMENT);
      Map<TopicPartition, Long> tiered = awaitEverythingTiered(broker, topic, workloads);
      ProducedRecords produced = workloads.produced();

      assertReadsBackExactly(broker, topic, produced);
      assertTableHoldsEveryTieredRecordOnce(warehouse, "orders", produced, tiered);
      assertCopiesAndFetchesInJmx(broker, "orders");

      broker.restart();
      assertReadsBackExactly(broker, topic, produced);

      broker.stop();
      Path catalog = warehouse.resolve("floe-catalog.db");
      Files.move(catalog, dir.resolve("catalog-moved-away.db"));
      Files.createDirectory(catalog); // and SQLite cannot make a new one in its place
      broker.restart();
      assertReadsBackExactly(broker, topic, produced);
    }
  }

  @Test
  void deletingATopicDeletesItsManifests() throws Exception {
    Path warehouse = dir.resolve("warehouse");
    RemoteStoragePlugin floe = FloeDistribution.built().withWarehouse(warehouse, Map.of());
    try (KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(), floe), dir.resolve("broker"))) {
      TieredTopic topic = TieredTopic.named("doomed", BATCHES_PER_SEGMENT).create(broker);
      Workloads workloads = new Workloads(broker, topic);
      workloads.everyCodec(1);
      awaitEverythingTiered(broker, topic, workloads);
      assertTrue(manifests(warehouse, "doomed") > 0, "segments were tiered");

      broker.admin().deleteTopics(List.of("doomed")).all().get();

      Instant deadline = Instant.now().plus(TIERING_TIMEOUT);
      while (manifests(warehouse, "doomed") > 0) {
        assertTrue(Instant.now().isBefore(deadline), () -> manifests(warehouse, "doomed")
            + " manifests of the deleted topic remain after " + TIERING_TIMEOUT + "; " + broker.logs().describe());
        Thread.sleep(500);
      }
    }
  }

  @Test
  void theSameDistributionWorksOnTheOldestSupportedKafka() {
    Path warehouse = dir.resolve("warehouse");
    RemoteStoragePlugin floe = FloeDistribution.built().withWarehouse(warehouse, Map.of());
    try (KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.oldestSupported(), floe),
        dir.resolve("broker"))) {
      TieredTopic topic = TieredTopic.named("legacy-broker", BATCHES_PER_SEGMENT).create(broker);
      Workloads workloads = new Workloads(broker, topic);
      workloads.plain(2 * BATCHES_PER_SEGMENT);
      workloads.compressed(Codec.ZSTD, 2 * BATCHES_PER_SEGMENT);
      Map<TopicPartition, Long> tiered = awaitEverythingTiered(broker, topic, workloads);

      assertReadsBackExactly(broker, topic, workloads.produced());
      assertTableHoldsEveryTieredRecordOnce(warehouse, "legacy_broker_", workloads.produced(), tiered);
      assertCopiesAndFetchesInJmx(broker, "legacy-broker");
    }
  }

  /** Rolls the segment holding the workload's end, then waits until all of it is tiered and gone locally. */
  private static Map<TopicPartition, Long> awaitEverythingTiered(KafkaBroker broker, TieredTopic topic, Workloads workloads) {
    Map<TopicPartition, Long> end = topic.stableEndOffsets(broker, TIERING_TIMEOUT);
    workloads.plain(BATCHES_PER_SEGMENT + 1);
    topic.awaitTieredBefore(broker, end, TIERING_TIMEOUT);
    return end;
  }

  /**
   * Floe's metrics of the topic, read from the broker's JMX as a monitoring agent reads them: the
   * copies the broker made, with their commits, and the fetches the consumers' reads of tiered
   * offsets made, with their bytes and records.
   */
  private static void assertCopiesAndFetchesInJmx(KafkaBroker broker, String topic) {
    String tiering = "io.floe:type=tiering,topic=" + topic + ",broker=1";
    String fetching = "io.floe:type=fetching,topic=" + topic + ",broker=1";
    for (String counted : List.of("copy-total", "bytes-tiered-total", "records-tiered-total", "copy-latency-ms-p99",
        "commit-attempts-total")) {
      assertTrue(broker.jmx().number(tiering, counted) > 0, tiering + " " + counted);
    }
    for (String counted : List.of("fetch-total", "bytes-served-total", "records-served-total", "fetch-latency-ms-max")) {
      assertTrue(broker.jmx().number(fetching, counted) > 0, fetching + " " + counted);
    }
  }

  private static void assertReadsBackExactly(KafkaBroker broker, TieredTopic topic, ProducedRecords produced) {
    ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(produced);
    ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_COMMITTED).assertExactly(produced);
  }

  /**
   * The table's main is what a read_committed consumer sees of the tiered records: each once, with
   * what the consumer sees of it; no control record, no record of an aborted transaction.
   */
  private static void assertTableHoldsEveryTieredRecordOnce(
      Path warehouse, String tablePrefix, ProducedRecords produced, Map<TopicPartition, Long> tieredBefore) {
    List<Record> rows;
    try (Stream<Path> tables = Files.list(warehouse.resolve("kafka"))) {
      String table = tables.map(p -> p.getFileName().toString()).filter(name -> name.startsWith(tablePrefix))
          .findFirst().orElseThrow(() -> new AssertionError("no table for " + tablePrefix + " in " + warehouse));
      rows = TableRows.of(warehouse, table);
    } catch (IOException e) {
      throw new AssertionError("Cannot list the tables of " + warehouse, e);
    }
    Map<String, ProducedRecord> producedAt = new HashMap<>();
    produced.visibleTo(IsolationLevel.READ_COMMITTED).forEach(r -> producedAt.put(r.partition() + "@" + r.offset(), r));
    Map<String, Record> rowAt = new HashMap<>();
    for (Record row : rows) {
      String at = row.getField(KafkaColumns.PARTITION) + "@" + row.getField(KafkaColumns.OFFSET);
      assertEquals(null, rowAt.put(at, row), "row " + at + " appears twice");
      ProducedRecord record = producedAt.get(at);
      assertNotNull(record, "row " + at + " is not a record a read_committed consumer sees");
      assertArrayEquals(record.key(), RowRecords.bytes(row.getField(KafkaColumns.KEY)), at + " key");
      assertArrayEquals(record.value(), RowRecords.bytes(row.getField(KafkaColumns.VALUE_RAW)), at + " value");
      assertEquals(record.value() == null, row.getField(KafkaColumns.TOMBSTONE), at + " tombstone");
      assertEquals(record.timestamp(), ((OffsetDateTime) row.getField(KafkaColumns.TIMESTAMP)).toInstant().toEpochMilli(),
          at + " timestamp");
      assertEquals(record.headers().size(), ((List<?>) row.getField(KafkaColumns.HEADERS)).size(), at + " headers");
    }
    for (ProducedRecord record : producedAt.values()) {
      if (record.offset() < tieredBefore(tieredBefore, record.partition())) {
        assertTrue(rowAt.containsKey(record.partition() + "@" + record.offset()),
            "tiered record " + record.partition() + "@" + record.offset() + " is not in the table");
      }
    }
  }

  private static long tieredBefore(Map<TopicPartition, Long> tieredBefore, int partition) {
    return tieredBefore.entrySet().stream().filter(e -> e.getKey().partition() == partition)
        .map(Map.Entry::getValue).findFirst().orElseThrow();
  }


  private static long manifests(Path warehouse, String topic) {
    Path root = warehouse.resolve("_floe/manifests");
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> root.relativize(f).getName(0).toString().startsWith(topic + "-"))
          .count();
    } catch (IOException e) {
      throw new AssertionError("Cannot list " + root, e);
    }
  }
}
