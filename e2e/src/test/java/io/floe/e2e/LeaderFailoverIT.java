package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaCluster;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.broker.RemoteStoragePlugin;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.check.MainRows;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.topic.TieringProgress;
import io.floe.e2e.workload.ProducedRecords;
import io.floe.e2e.workload.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floe in a three-broker cluster whose brokers share one warehouse and catalog: the leader of a
 * partition is killed while it uploads, another broker takes over and uploads again what the dead
 * one had in flight, and neither consumers nor the table's readers see a record lost, altered or
 * twice.
 */
class LeaderFailoverIT {
  private static final String TOPIC = "orders";
  private static final int NODES = 3;
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final int SEGMENTS = 10;
  /*
   * A segment here is about 2.6 KB: at 1,300 bytes a second the broker copies a burst of a few
   * segments, then one every two seconds, so that the leader is still uploading when it is killed.
   */
  private static final String COPY_BYTES_PER_SECOND = "1300";
  private static final Duration FIRST_UPLOAD_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aNewLeaderUploadsWhatAKilledLeaderLeftAndEveryRecordComesBackOnce() {
    Path warehouse = dir.resolve("warehouse");
    RemoteStoragePlugin floe = FloeDistribution.built().withWarehouse(warehouse, Map.of());
    BrokerSpec spec = BrokerSpec.of(KafkaDistribution.current(), floe)
        .withProperty("remote.log.manager.copy.max.bytes.per.second", COPY_BYTES_PER_SECOND);
    try (KafkaCluster cluster = KafkaCluster.start(spec, NODES, dir.resolve("cluster"))) {
      TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).withReplicationFactor(NODES).create(cluster);
      TopicPartition partition = topic.topicPartitions().get(0);
      Workloads workloads = new Workloads(cluster, topic);
      workloads.plain(SEGMENTS * BATCHES_PER_SEGMENT);
      Map<TopicPartition, Long> end = topic.endOffsets(cluster);
      workloads.plain(BATCHES_PER_SEGMENT + 1); // rolls the last segment: the active one is never tiered
      ProducedRecords produced = workloads.produced();

      int killed = cluster.leaderOf(partition);
      TieringProgress atKill = awaitFirstUpload(cluster, topic, partition);
      cluster.kill(killed);
      assertTrue(atKill.latestTiered() < end.get(partition) - 1,
          "the leader was to be killed while uploading, but it had tiered everything already: " + atKill);

      topic.awaitTieredBefore(cluster, end, TIERING_TIMEOUT);
      assertNotEquals(killed, cluster.leaderOf(partition), "the killed broker " + killed + " leads " + partition + " again");
      cluster.restart(killed);

      ConsumedRecords.fromStart(cluster, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(produced);
      MainRows main = MainRows.of(warehouse, TOPIC);
      main.assertHoldsEveryRecordBefore(produced, end);
      main.assertNoPositionTwice();
    }
  }

  /** Waits until the leader has tiered its first segment, and returns where tiering stands then. */
  private static TieringProgress awaitFirstUpload(KafkaCluster cluster, TieredTopic topic, TopicPartition partition) {
    long deadline = System.nanoTime() + FIRST_UPLOAD_TIMEOUT.toNanos();
    while (true) {
      TieringProgress progress = topic.progress(cluster).get(partition);
      if (progress.latestTiered() >= 0) {
        return progress;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.format("Cannot see a first segment of %s tiered within %s; last seen: %s%n%s",
            partition, FIRST_UPLOAD_TIMEOUT, progress, cluster.describeLogs()));
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for tiering", e);
    }
  }
}
