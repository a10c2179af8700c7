package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.check.MainRows;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.TableSnapshots;
import io.floe.e2e.floe.WarehouseCatalog;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.topic.TopicCopying;
import io.floe.e2e.workload.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten partitions of one topic tiered at once into the topic's one table: the broker's copier
 * threads commit to the same table concurrently, and their conflicts must neither lose nor repeat
 * a segment.
 */
class ConcurrentPartitionsIT {
  private static final String TOPIC = "clicks";
  private static final int PARTITIONS = 10;
  private static final int BATCHES_PER_SEGMENT = 2;
  private static final int SEGMENTS_PER_PARTITION = 3;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  private static final String MANIFEST_SUFFIX = ".floe-manifest";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void tenPartitionsUploadingAtOnceCommitEverySegmentOnceAndEveryRecordOnce() {
    Path warehouse = dir.resolve("warehouse");
    BrokerSpec spec = BrokerSpec.of(KafkaDistribution.current(), FloeDistribution.built().withWarehouse(warehouse, Map.of()));
    try (KafkaBroker broker = KafkaBroker.start(spec, dir.resolve("broker"))) {
      TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).withPartitions(PARTITIONS).create(broker);
      Workloads workloads = new Workloads(broker, topic);
      // every partition's segments ready before any is copied, so that all partitions upload at once
      TopicCopying.hold(broker, topic);
      workloads.plain(PARTITIONS * SEGMENTS_PER_PARTITION * BATCHES_PER_SEGMENT);
      Map<TopicPartition, Long> end = topic.endOffsets(broker);
      workloads.plain(PARTITIONS * (BATCHES_PER_SEGMENT + 1)); // rolls each partition's last segment
      TopicCopying.release(broker, topic);
      topic.awaitTieredBefore(broker, end, TIERING_TIMEOUT);

      // copies of the segments after the end may still be under way: compare once they are done
      TieredAndCommitted segments = awaitSettled(warehouse);
      Set<String> tiered = segments.tiered();
      List<String> committed = segments.committed();
      assertTrue(tiered.size() >= PARTITIONS * SEGMENTS_PER_PARTITION,
          "expected at least " + PARTITIONS * SEGMENTS_PER_PARTITION + " tiered segments, found " + tiered.size());
      assertEquals(Map.of(), repeated(committed), "segments committed to main more than once (segment id=snapshots)");
      assertEquals(tiered, Set.copyOf(committed), "segments tiered (with a manifest) and segments committed to main");
      MainRows main = MainRows.of(warehouse, TOPIC);
      main.assertHoldsEveryRecordBefore(workloads.produced(), end);
      main.assertNoPositionTwice();
    }
  }

  /** The segments Floe holds for the topic and the segment ids of main's snapshots, read in that order. */
  private record TieredAndCommitted(Set<String> tiered, List<String> committed) {
    boolean agree() {
      return tiered.equals(Set.copyOf(committed));
    }
  }

  /** Reads both until they agree, or until {@link #SETTLE_TIMEOUT} has passed; returns the last reading. */
  private static TieredAndCommitted awaitSettled(Path warehouse) {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (true) {
      Set<String> tiered = tieredSegmentIds(warehouse);
      TieredAndCommitted segments = new TieredAndCommitted(tiered,
          TableSnapshots.segmentIdsOfMain(warehouse, WarehouseCatalog.tableOf(warehouse, TOPIC)));
      if (segments.agree() || System.nanoTime() > deadline) {
        return segments;
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for uploads to settle", e);
    }
  }

  private static Map<String, Long> repeated(List<String> segmentIds) {
    return segmentIds.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()))
        .entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** The ids of the segments Floe holds for the topic: one manifest each, {@code <segmentId>.floe-manifest}. */
  private static Set<String> tieredSegmentIds(Path warehouse) {
    Path root = warehouse.resolve("_floe/manifests");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> root.relativize(f).getName(0).toString().startsWith(TOPIC + "-"))
          .map(f -> f.getFileName().toString())
          .map(name -> name.substring(0, name.length() - MANIFEST_SUFFIX.length()))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new AssertionError("Cannot list the manifests in " + root, e);
    }
  }
}
