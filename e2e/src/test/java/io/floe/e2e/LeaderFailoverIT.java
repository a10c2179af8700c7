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
 * partition is killed while it uploads, just after a segment reached the table and before the
 * broker recorded its copy as finished; another broker takes over and uploads that segment again
 * under a new segment id, and neither consumers nor the table's readers see a record lost,
 * altered or twice.
 */
class LeaderFailoverIT {
  private static final String TOPIC = "orders";
  private static final int NODES = 3;
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final int SEGMENTS = 10;
  // the second of about ten: some segments tiered, more to come
  private static final int UPLOADS_BEFORE_KILL = 2;
  private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);
  // the kill must land within the tenth of a second after an upload is logged
  private static final Duration POLL_INTERVAL = Duration.ofMillis(5);

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
      awaitUploads(cluster.logs(killed), partition, UPLOADS_BEFORE_KILL);
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
   * Waits until Floe on the broker has logged {@code uploads} uploads of the partition's segments.
   * It logs one once the segment is committed to the table, about a tenth of a second before the
   * broker records the copy as finished in its remote log metadata: a kill right then leaves a
   * segment in the table that the next leader copies again.
   */
  private static void awaitUploads(BrokerLogs logs, TopicPartition partition, int uploads) {
    String uploaded = " of " + partition + " (offsets ";
    long deadline = System.nanoTime() + UPLOAD_TIMEOUT.toNanos();
    while (logs.serverLogLinesContaining(uploaded) < uploads) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.format("Cannot see %d uploads of %s logged within %s%n%s",
            uploads, partition, UPLOAD_TIMEOUT, logs.describe()));
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for uploads", e);
    }
  }
}
