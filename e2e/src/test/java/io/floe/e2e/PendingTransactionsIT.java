package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.e2e.bench.LocalSegments;
import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.broker.RemoteStoragePlugin;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.check.MainRows;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.Codec;
import io.floe.e2e.workload.ProducedRecord;
import io.floe.e2e.workload.TransactionOutcome;
import io.floe.e2e.workload.Workloads;
import io.floe.e2e.workload.Workloads.OpenTransactions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst view of a transactional topic on a real broker (promise 5): {@code main} never holds
 * a row of an aborted transaction, nor of a transaction whose marker is still in the active
 * segment, which may not roll for days; once the marker is tiered, it holds exactly what a
 * read_committed consumer reads, also when the broker restarted in between.
 */
class PendingTransactionsIT {
  /** Room in the active segment for a plain batch and the four transactions' markers. */
  private static final int BATCHES_PER_SEGMENT = 8;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(120);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void transactionsWhoseMarkersAreInTheActiveSegmentWaitOutsideMainUntilItIsTiered() {
    Path warehouse = dir.resolve("warehouse");
    RemoteStoragePlugin floe = FloeDistribution.built().withWarehouse(warehouse, Map.of());
    try (KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(), floe), dir.resolve("broker"))) {
      TieredTopic topic = TieredTopic.named("payments", BATCHES_PER_SEGMENT).create(broker);
      TopicPartition partition = topic.topicPartitions().get(0);
      Workloads workloads = new Workloads(broker, topic);
      workloads.plain(BATCHES_PER_SEGMENT);
      // Four producers' transactions interleaved over many segments, each spanning at least three.
      OpenTransactions open = workloads.openTransactions(List.of(TransactionOutcome.ABORTED, TransactionOutcome.COMMITTED,
          TransactionOutcome.COMMITTED, TransactionOutcome.ABORTED), Codec.ZSTD, BATCHES_PER_SEGMENT);
      // A segment rolls when its index is full, an entry per batch: start a new one with one plain
      // batch, so that the four markers all go to the active segment.
      Path partitionDir = dir.resolve("broker").resolve("data").resolve(partition.toString());
      long filled = LocalSegments.activeBaseOffset(partitionDir);
      while (LocalSegments.activeBaseOffset(partitionDir) == filled) {
        workloads.plain(1);
      }
      long active = LocalSegments.activeBaseOffset(partitionDir);
      open.end();
      topic.stableEndOffsets(broker, TIERING_TIMEOUT);
      assertEquals(active, LocalSegments.activeBaseOffset(partitionDir), "the markers are in the active segment");
      topic.awaitTieredBefore(broker, Map.of(partition, active), TIERING_TIMEOUT);

      Set<Long> awaitingMarker = open.records().stream().map(ProducedRecord::offset).collect(Collectors.toSet());
      MainRows.of(warehouse, topic.name()).assertHoldsExactlyBefore(Map.of(partition, active), workloads.produced()
          .visibleTo(IsolationLevel.READ_COMMITTED).stream().filter(record -> !awaitingMarker.contains(record.offset())).toList());

      // The pending state is the table's: a restarted broker finds it.
      broker.restart();
      Map<TopicPartition, Long> end = topic.stableEndOffsets(broker, TIERING_TIMEOUT);
      workloads.plain(BATCHES_PER_SEGMENT + 1);
      topic.awaitTieredBefore(broker, end, TIERING_TIMEOUT);

      MainRows.of(warehouse, topic.name()).assertHoldsExactlyBefore(end,
          workloads.produced().visibleTo(IsolationLevel.READ_COMMITTED));
      ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_COMMITTED).assertExactly(workloads.produced());
      ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(workloads.produced());
    }
  }
}
