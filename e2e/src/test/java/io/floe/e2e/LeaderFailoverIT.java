package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.floe.e2e.broker.BrokerLogs;
import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaCluster;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.broker.RemoteStoragePlugin;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.check.MainRows;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.topic.TieredTopic;
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
 * partition is killed while it uploads a segment, another broker takes over and uploads that
 * segment again under a new segment id, and neither consumers nor the table's readers see a
 * record lost, altered or twice.
 */
class LeaderFailoverIT {
  private static final String TOPIC = "orders";
  private static final int NODES = 3;
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final int SEGMENTS = 10;
  // the leader is killed while it copies the second of about ten segments: one tiered, more to come
  private static final int COPIES_BEFORE_KILL = 2;
  private static final Duration COPY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aNewLeaderUploadsWhatAKilledLeaderLeftAndEveryRecordComesBackOnce() {
    Path warehouse = dir.resolve("warehouse");
    RemoteStoragePlugin floe = FloeDistribution.built().withWarehouse(warehouse, Map.of());
    BrokerSpec spec = BrokerSpec.of(KafkaDistribution.current(), floe);
    try (KafkaCluster cluster = KafkaCluster.start(spec, NODES, dir.resolve("cluster"))) {
      TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).withReplicationFactor(NODES).create(cluster);
      TopicPartition partition = topic.topicPartitions().get(0);
      Workloads workloads = new Workloads(cluster, topic);
      workloads.plain(SEGMENTS * BATCHES_PER_SEGMENT);
      Map<TopicPartition, Long> end = topic.endOffsets(cluster);
      workloads.plain(BATCHES_PER_SEGMENT + 1); // rolls the last segment: the active one is never tiered
      ProducedRecords produced = workloads.produced();

      int killed = cluster.leaderOf(partition);
      awaitCopyStarted(cluster.logs(killed), partition, COPIES_BEFORE_KILL);
      cluster.kill(killed);

      topic.awaitTieredBefore(cluster, end, TIERING_TIMEOUT);
      assertNotEquals(killed, cluster.leaderOf(partition), "the killed broker " + killed + " leads " + partition + " again");
      cluster.restart(killed);

      ConsumedRecords.fromStart(cluster, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(produced);
      MainRows main = MainRows.of(warehouse, TOPIC);
      main.assertHoldsEveryRecordBefore(produced, end);
      main.assertNoPositionTwice();
    }
  }

  /**
   * Waits until the broker's copy task has logged that it starts copying the partition's
   * {@code copies}th segment, which Floe then uploads for a second or so.
   */
  private static void awaitCopyStarted(BrokerLogs logs, TopicPartition partition, int copies) {
    long deadline = System.nanoTime() + COPY_TIMEOUT.toNanos();
    while (logs.serverLogLinesContaining(":" + partition + "] Copying ") < copies) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.format("Cannot see the copy of segment %d of %s start within %s%n%s",
            copies, partition, COPY_TIMEOUT, logs.describe()));
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a copy", e);
    }
  }
}
