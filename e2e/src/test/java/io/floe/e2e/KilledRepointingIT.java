package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.check.ReadingLoop;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.KafkaView;
import io.floe.e2e.floe.MainCompaction;
import io.floe.e2e.floe.TableRows;
import io.floe.e2e.floe.WarehouseCatalog;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * kill -9 of a broker in the middle of re-pointing its topic's Kafka view at a compaction of
 * {@code main} (docs/architecture.md §6, "The Kafka view follows compaction"): an engine compacts
 * the table of a tiered mixed workload, the operator turns maintenance on, and the broker is killed
 * once its maintenance pass has re-pointed some segments at the compacted files and not yet the
 * others. Then no manifest lists a file that is gone, and after a restart every record is served
 * exactly while a later pass re-points the rest, and {@code main} holds the rows it held.
 */
class KilledRepointingIT {
  private static final String TOPIC = "repointed";
  private static final int PARTITIONS = 2;
  private static final int BATCHES_PER_SEGMENT = 2;
  /** Plain segments per partition beside the mixed workload's: a pass re-points them one by one. */
  private static final int PLAIN_SEGMENTS = 4;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration REPOINTING_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration READING_TIMEOUT = Duration.ofSeconds(120);
  /** Maintenance of the topic's table, a pass a second after the one before. */
  private static final Map<String, String> MAINTENANCE = Map.of(
      "maintenance.topics", TOPIC,
      "maintenance.interval.ms", "1000");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static Path warehouse;
  private static KafkaBroker broker;
  private static TieredTopic topic;
  private static Workloads workloads;
  private static String table;
  private static Map<TopicPartition, Long> compactedBefore;
  private static Map<String, Record> mainBefore;
  private static Set<String> compactedAway;
  private static Set<String> compacted;
  private static Set<String> segmentsToRepoint;
  private static Set<String> missingAtTheKill;
  private static Map<String, Set<String>> viewAfterwards;
  private static Map<IsolationLevel, ReadingLoop.Passes> passes;

  @BeforeAll
  static void killTheBrokerWhileItsMaintenanceRepointsACompactedTopicThenRestartIt() {
    warehouse = dir.resolve("warehouse");
    FloeDistribution floe = FloeDistribution.built();
    broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(), floe.withWarehouse(warehouse, Map.of())),
        dir.resolve("broker"));
    topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).withPartitions(PARTITIONS).create(broker);
    workloads = new Workloads(broker, topic);
    workloads.mixed(BATCHES_PER_SEGMENT);
    workloads.plain(PARTITIONS * PLAIN_SEGMENTS * BATCHES_PER_SEGMENT);
    compactedBefore = awaitEverythingTiered();
    table = WarehouseCatalog.tableOf(warehouse, TOPIC);

    mainBefore = TableRows.wholeBefore(warehouse, table, compactedBefore);
    KafkaView.Compaction compaction = MainCompaction.compact(warehouse, table);
    compactedAway = compaction.replaced();
    compacted = compaction.compacted();
    segmentsToRepoint = KafkaView.segmentsListingAny(KafkaView.filesBySegment(warehouse, TOPIC), compactedAway);

    // The operator turns maintenance on; the broker maintains the table once it tiers to it again.
    broker.restartWith(BrokerSpec.of(KafkaDistribution.current(), floe.withWarehouse(warehouse, MAINTENANCE)));
    rollEveryPartition();
    Map<String, Set<String>> atTheKill = killOnceASegmentIsRepointed();
    missingAtTheKill = KafkaView.missingFiles(warehouse, TOPIC);
    int repointedAtTheKill = KafkaView.segmentsListingAny(atTheKill, compacted).size();
    assertTrue(repointedAtTheKill > 0 && repointedAtTheKill < segmentsToRepoint.size(),
        () -> "killed while re-pointing was under way: " + repointedAtTheKill + " of " + segmentsToRepoint.size()
            + " segments re-pointed\n" + broker.describeLogs());

    broker.restart();
    try (ReadingLoop readers = ReadingLoop.start(broker, topic, workloads.produced(),
        topic.stableEndOffsets(broker, TIERING_TIMEOUT))) {
      readers.awaitPassFromNow(READING_TIMEOUT);
      rollEveryPartition();
      viewAfterwards = awaitRepointed();
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
  void noFileASegmentManifestListsIsMissingAfterTheKill() {
    assertEquals(Set.of(), missingAtTheKill);
  }

  @Test
  void aPassAfterTheRestartRepointsEverySegmentTheKilledPassLeft() {
    assertEquals(segmentsToRepoint, KafkaView.segmentsListingAny(viewAfterwards, compacted), () -> viewAfterwards.toString());
    assertEquals(Set.of(), KafkaView.segmentsListingAny(viewAfterwards, compactedAway), () -> viewAfterwards.toString());
  }

  @Test
  void readCommittedFromRemoteIsExactEveryPassFromTheRestartOn() {
    passes.get(IsolationLevel.READ_COMMITTED).assertAllExact(2);
  }

  @Test
  void readUncommittedFromRemoteIsExactEveryPassFromTheRestartOn() {
    passes.get(IsolationLevel.READ_UNCOMMITTED).assertAllExact(2);
  }

  @Test
  void mainHoldsTheRowsItHeldBeforeTheCompactionEachOffsetOnce() {
    assertEquals(mainBefore, TableRows.wholeBefore(warehouse, table, compactedBefore));
  }

  @Test
  void noFileASegmentManifestListsIsMissingOnceRepointed() {
    assertEquals(Set.of(), KafkaView.missingFiles(warehouse, TOPIC));
  }

  /**
   * Rolls each partition's last segment with one segment's worth of batches per partition (a
   * segment holds one batch more than its index entries), and waits until everything before the
   * old end is tiered; returns that end.
   */
  private static Map<TopicPartition, Long> awaitEverythingTiered() {
    Map<TopicPartition, Long> end = topic.endOffsets(broker);
    rollEveryPartition();
    topic.awaitTieredBefore(broker, end, TIERING_TIMEOUT);
    return end;
  }

  private static void rollEveryPartition() {
    workloads.plain(PARTITIONS * (BATCHES_PER_SEGMENT + 1));
  }

  /**
   * Watches the segment manifests and kills the broker (SIGKILL) as soon as one lists a compacted
   * file: its pass has re-pointed a segment and goes on to the next. The manifests after the kill.
   */
  private static Map<String, Set<String>> killOnceASegmentIsRepointed() {
    long deadline = System.nanoTime() + REPOINTING_TIMEOUT.toNanos();
    while (KafkaView.segmentsListingAny(KafkaView.filesBySegment(warehouse, TOPIC), compacted).isEmpty()) {
      assertTrue(System.nanoTime() < deadline, () -> "no segment re-pointed within " + REPOINTING_TIMEOUT + "\n"
          + broker.describeLogs());
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    broker.kill();
    return KafkaView.filesBySegment(warehouse, TOPIC);
  }

  /** Waits until no manifest lists a file the compaction took out of main; the manifests then, or at the timeout. */
  private static Map<String, Set<String>> awaitRepointed() {
    long deadline = System.nanoTime() + REPOINTING_TIMEOUT.toNanos();
    Map<String, Set<String>> view = KafkaView.filesBySegment(warehouse, TOPIC);
    while (!KafkaView.segmentsListingAny(view, compactedAway).isEmpty() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      view = KafkaView.filesBySegment(warehouse, TOPIC);
    }
    return view;
  }
}
