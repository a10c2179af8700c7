package io.floe.e2e;

import static io.floe.e2e.workload.TransactionOutcome.ABORTED;
import static io.floe.e2e.workload.TransactionOutcome.COMMITTED;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.broker.RemoteStoragePlugin;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.Codec;
import io.floe.e2e.workload.ProducedRecord;
import io.floe.e2e.workload.ProducedRecords;
import io.floe.e2e.workload.TransactionOutcome;
import io.floe.e2e.workload.Workloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness proven on real brokers with Kafka's own reference RemoteStorageManager,
 * LocalTieredStorage, loaded through the broker's plugin class path as Floe will be: what a
 * consumer reads back from tiered storage is exactly what was produced.
 */
class LocalTieredStorageIT {
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(60);

  // a failed test keeps its broker's work directory, logs included
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aMixedWorkloadComesBackExactlyFromTieredStorageAndAgainAfterARestart() {
    KafkaDistribution kafka = KafkaDistribution.current();
    Path remote = dir.resolve("remote");
    BrokerSpec spec = BrokerSpec.of(kafka, RemoteStoragePlugin.localTieredStorage(kafka, remote));
    try (KafkaBroker broker = KafkaBroker.start(spec, dir)) {
      TieredTopic topic = TieredTopic.named("mixed", BATCHES_PER_SEGMENT).create(broker);
      Workloads workloads = new Workloads(broker, topic);
      workloads.mixed(BATCHES_PER_SEGMENT);
      awaitEverythingTiered(broker, topic, workloads);

      ProducedRecords produced = workloads.produced();
      assertTrue(spansSegments(produced, remote, COMMITTED) && spansSegments(produced, remote, ABORTED),
          () -> "each transaction should span remote segments " + remoteSegmentBaseOffsets(remote));
      assertReadsBackExactly(broker, topic, produced);

      broker.restart();
      assertReadsBackExactly(broker, topic, produced);
    }
  }

  @Test
  void aKilledBrokerRestartsOnItsDataAndStillServesTieredRecordsExactly() {
    KafkaDistribution kafka = KafkaDistribution.current();
    BrokerSpec spec = BrokerSpec.of(kafka, RemoteStoragePlugin.localTieredStorage(kafka, dir.resolve("remote")));
    try (KafkaBroker broker = KafkaBroker.start(spec, dir)) {
      TieredTopic topic = TieredTopic.named("crashed", BATCHES_PER_SEGMENT).withPartitions(2).create(broker);
      Workloads workloads = new Workloads(broker, topic);
      workloads.everyCodec(1);
      workloads.transaction(COMMITTED, Codec.ZSTD, BATCHES_PER_SEGMENT);
      awaitEverythingTiered(broker, topic, workloads);

      broker.kill();
      broker.restart();

      assertReadsBackExactly(broker, topic, workloads.produced());
    }
  }

  @Test
  void plainRecordsComeBackExactlyFromTieredStorageOnTheOldestSupportedKafka() {
    KafkaDistribution kafka = KafkaDistribution.oldestSupported();
    BrokerSpec spec = BrokerSpec.of(kafka, RemoteStoragePlugin.localTieredStorage(kafka, dir.resolve("remote")));
    try (KafkaBroker broker = KafkaBroker.start(spec, dir)) {
      TieredTopic topic = TieredTopic.named("plain", BATCHES_PER_SEGMENT).create(broker);
      Workloads workloads = new Workloads(broker, topic);
      workloads.plain(3 * BATCHES_PER_SEGMENT);
      awaitEverythingTiered(broker, topic, workloads);

      ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(workloads.produced());
    }
  }

  /** Rolls the segment holding the workload's end, then waits until all of it is tiered and gone from local disk. */
  private static void awaitEverythingTiered(KafkaBroker broker, TieredTopic topic, Workloads workloads) {
    Map<TopicPartition, Long> workloadEnd = topic.endOffsets(broker);
    workloads.plain(BATCHES_PER_SEGMENT + 1);
    topic.awaitTieredBefore(broker, workloadEnd, TIERING_TIMEOUT);
  }

  private static void assertReadsBackExactly(KafkaBroker broker, TieredTopic topic, ProducedRecords produced) {
    ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(produced);
    ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_COMMITTED).assertExactly(produced);
  }

  /** Whether a remote segment starts after the transaction's first record and at or before its last. */
  private static boolean spansSegments(ProducedRecords produced, Path remote, TransactionOutcome outcome) {
    List<Long> offsets = produced.visibleTo(IsolationLevel.READ_UNCOMMITTED).stream()
        .filter(r -> r.transaction() == outcome).map(ProducedRecord::offset).toList();
    long first = offsets.get(0);
    long last = offsets.get(offsets.size() - 1);
    return remoteSegmentBaseOffsets(remote).stream().anyMatch(base -> base > first && base <= last);
  }

  /** LocalTieredStorage keeps each segment as {@code <base offset>-<segment id>.log}. */
  private static List<Long> remoteSegmentBaseOffsets(Path remote) {
    try (Stream<Path> files = Files.walk(remote)) {
      return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".log"))
          .map(name -> Long.parseLong(name.substring(0, name.indexOf('-')))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + remote, e);
    }
  }
}
