package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.check.ReadingLoop;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.KafkaView;
import io.floe.e2e.floe.TableRows;
import io.floe.e2e.floe.WarehouseCatalog;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floe's own compaction of {@code main} on a real broker (docs/operations/maintenance.md,
 * {@code compact-main}): a topic tiered as many small segments, then maintenance turned on with
 * no minimum age; the broker's pass compacts each Kafka partition's small files and re-points the
 * Kafka view at the compacted files, while consumers of both isolation levels read the topic from
 * offset 0 from remote storage, every pass exact.
 */
class FloeCompactionIT {
  private static final String TOPIC = "compacting";
  private static final int PARTITIONS = 2;
  private static final int BATCHES_PER_SEGMENT = 2;
  private static final int PLAIN_SEGMENTS = 4;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration COMPACTION_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration READING_TIMEOUT = Duration.ofSeconds(120);
  /** Maintenance of the topic's table, a pass a second after the one before, compacting every file however new. */
  private static final Map<String, String> MAINTENANCE = Map.of(
      "maintenance.topics", TOPIC,
      "maintenance.interval.ms", "1000",
      "maintenance.compaction.min-age.ms", "0");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static Path warehouse;
  private static KafkaBroker broker;
  private static String table;
  private static Map<TopicPartition, Long> tiered;
  private static Map<String, Record> mainBefore;
  private static Map<Integer, Integer> filesBefore;
  private static Set<String> replaced;
  private static Set<String> segmentsOnReplacedFiles;
  private static Map<String, Set<String>> viewAfterwards;
  private static Set<String> mainAfterwards;
  private static Map<IsolationLevel, ReadingLoop.Passes> passes;

  @BeforeAll
  static void turnMaintenanceOnForATopicOfSmallSegmentsWhileConsumersRead() {
    warehouse = dir.resolve("warehouse");
    FloeDistribution floe = FloeDistribution.built();
    broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(), floe.withWarehouse(warehouse, Map.of())),
        dir.resolve("broker"));
    TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).withPartitions(PARTITIONS).create(broker);
    Workloads workloads = new Workloads(broker, topic);
    workloads.mixed(BATCHES_PER_SEGMENT);
    workloads.plain(PARTITIONS * PLAIN_SEGMENTS * BATCHES_PER_SEGMENT);
    tiered = topic.endOffsets(broker);
    rollEveryPartition(workloads);
    topic.awaitTieredBefore(broker, tiered, TIERING_TIMEOUT);
    table = WarehouseCatalog.tableOf(warehouse, TOPIC);
    mainBefore = TableRows.wholeBefore(warehouse, table, tiered);
    filesBefore = KafkaView.mainFilesPerKafkaPartition(warehouse, table);
    replaced = KafkaView.mainFiles(warehouse, table);
    segmentsOnReplacedFiles = KafkaView.segmentsListingAny(KafkaView.filesBySegment(warehouse, TOPIC), replaced);

    // The operator turns maintenance on; the broker maintains the table once it tiers to it again.
    broker.restartWith(BrokerSpec.of(KafkaDistribution.current(), floe.withWarehouse(warehouse, MAINTENANCE)));
    try (ReadingLoop readers = ReadingLoop.start(broker, topic, workloads.produced(),
        topic.stableEndOffsets(broker, TIERING_TIMEOUT))) {
      readers.awaitPassFromNow(READING_TIMEOUT);
      rollEveryPartition(workloads);
      awaitRepointed();
      readers.awaitPassFromNow(READING_TIMEOUT);
      passes = readers.stop();
    }
  }

  @AfterAll
  static void stopTheBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void maintenanceCompactsMainIntoFewerFilesPerKafkaPartition() {
    assertTrue(KafkaView.floeCompactionsOfMain(warehouse, table) > 0, "no compact-main snapshot in main's history");
    Map<Integer, Integer> after = KafkaView.mainFilesPerKafkaPartition(warehouse, table);
    for (int partition = 0; partition < PARTITIONS; partition++) {
      int p = partition;
      assertTrue(after.get(p) < filesBefore.get(p), () -> "data files per Kafka partition before " + filesBefore
          + ", after " + after);
    }
  }

  @Test
  void theKafkaViewFollowsFloesCompaction() {
    // segments tiered since read main's files too: their own uploads', or a later compaction's
    assertTrue(KafkaView.segmentsListingAny(viewAfterwards, mainAfterwards).containsAll(segmentsOnReplacedFiles),
        () -> viewAfterwards.toString());
    assertEquals(Set.of(), KafkaView.segmentsListingAny(viewAfterwards, replaced), () -> viewAfterwards.toString());
  }

  @Test
  void readCommittedFromRemoteIsExactEveryPassWhileMaintenanceCompacts() {
    passes.get(IsolationLevel.READ_COMMITTED).assertAllExact(2);
  }

  @Test
  void readUncommittedFromRemoteIsExactEveryPassWhileMaintenanceCompacts() {
    passes.get(IsolationLevel.READ_UNCOMMITTED).assertAllExact(2);
  }

  @Test
  void mainHoldsTheRowsItHeldBeforeTheCompactionEachOffsetOnce() {
    assertEquals(mainBefore, TableRows.wholeBefore(warehouse, table, tiered));
  }

  @Test
  void noFileASegmentManifestListsIsMissing() {
    assertEquals(Set.of(), KafkaView.missingFiles(warehouse, TOPIC));
  }

  /** One segment's worth of batches per partition: each partition's last segment rolls, and is tiered. */
  private static void rollEveryPartition(Workloads workloads) {
    workloads.plain(PARTITIONS * (BATCHES_PER_SEGMENT + 1));
  }

  /**
   * Waits until every segment that read files of main before the compaction reads none of them any
   * more, and reads files main holds now: its Kafka view followed. Keeps the last look, at the latest
   * at the timeout.
   */
  private static void awaitRepointed() {
    long deadline = System.nanoTime() + COMPACTION_TIMEOUT.toNanos();
    while (true) {
      viewAfterwards = KafkaView.filesBySegment(warehouse, TOPIC);
      mainAfterwards = KafkaView.mainFiles(warehouse, table);
      boolean followed = KafkaView.segmentsListingAny(viewAfterwards, replaced).isEmpty()
          && KafkaView.segmentsListingAny(viewAfterwards, mainAfterwards).containsAll(segmentsOnReplacedFiles);
      if (followed || System.nanoTime() > deadline) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }
}
