package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaCluster;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.broker.RemoteStoragePlugin;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.check.MainRows;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.Codec;
import io.floe.e2e.workload.ProducedRecords;
import io.floe.e2e.workload.TransactionOutcome;
import io.floe.e2e.workload.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floe in a three-broker cluster whose brokers share one warehouse and catalog: the leader of a
 * partition is killed while it uploads a segment, another broker takes over and uploads that
 * segment again under a new segment id, and resolves the transactions the killed leader left
 * pending; neither consumers nor the table's readers see a record lost, altered, twice, or of an
 * aborted transaction.
 */
class LeaderFailoverIT {
  private static final String TOPIC = "orders";
  private static final int NODES = 3;
  private static final int BATCHES_PER_SEGMENT = 4;
  // the leader is killed while it copies the second of about twelve segments: one tiered, more to come
  private static final int COPIES_BEFORE_KILL = 2;
  private static final Duration COPY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);

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
      workloads.plain(2 * BATCHES_PER_SEGMENT);
      // Transactions over most segments: the leader that uploads their markers is not the one that
      // left their rows pending.
      workloads.openTransactions(List.of(TransactionOutcome.COMMITTED, TransactionOutcome.ABORTED), Codec.NONE,
          2 * BATCHES_PER_SEGMENT).end();
      workloads.plain(2 * BATCHES_PER_SEGMENT);
      Map<TopicPartition, Long> end = topic.stableEndOffsets(cluster, TIERING_TIMEOUT);
      workloads.plain(BATCHES_PER_SEGMENT + 1); // rolls the last segment: the active one is never tiered
      ProducedRecords produced = workloads.produced();

      int killed = cluster.leaderOf(partition);
      cluster.logs(killed).awaitCopyStarted(partition, COPIES_BEFORE_KILL, COPY_TIMEOUT);
      cluster.kill(killed);

      topic.awaitTieredBefore(cluster, end, TIERING_TIMEOUT);
      assertNotEquals(killed, cluster.leaderOf(partition), "the killed broker " + killed + " leads " + partition + " again");
      cluster.restart(killed);

      ConsumedRecords.fromStart(cluster, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(produced);
      ConsumedRecords.fromStart(cluster, topic, IsolationLevel.READ_COMMITTED).assertExactly(produced);
      MainRows.of(warehouse, TOPIC).assertHoldsExactlyBefore(end, produced.visibleTo(IsolationLevel.READ_COMMITTED));
    }
  }
}
