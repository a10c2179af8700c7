package io.floe.e2e.topic;

import io.floe.e2e.broker.KafkaService;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * A topic with tiered storage on, by default with tiny segments ({@link SegmentSize.Batches}) so
 * that a few kilobytes already make several tiered segments. Local copies go as soon as they are
 * tiered; remote ones are kept, unless {@link #withRetentionBytes} bounds the log. With several
 * replicas, a write is acknowledged once two of them have it ({@code min.insync.replicas}), so
 * that any one broker may fail without losing an acknowledged record.
 */
public record TieredTopic(String name, int partitions, SegmentSize segments, int replicationFactor, long retentionBytes) {
  private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  private static final int MIN_IN_SYNC_REPLICAS = 2;
  private static final long UNBOUNDED = -1;

  public static TieredTopic named(String name, int batchesPerSegment) {
    return new TieredTopic(name, 1, new SegmentSize.Batches(batchesPerSegment), 1, UNBOUNDED);
  }

  /** A topic whose segments roll at {@code segmentBytes}, as on a production broker. */
  public static TieredTopic withSegmentBytes(String name, long segmentBytes) {
    return new TieredTopic(name, 1, new SegmentSize.Bytes(segmentBytes), 1, UNBOUNDED);
  }

  /** A topic whose segments roll once {@code age} old ({@code segment.ms}), as for a table kept fresh. */
  public static TieredTopic rollingEvery(String name, Duration age) {
    return new TieredTopic(name, 1, new SegmentSize.Age(age), 1, UNBOUNDED);
  }

  public TieredTopic withPartitions(int count) {
    return new TieredTopic(name, count, segments, replicationFactor, retentionBytes);
  }

  public TieredTopic withReplicationFactor(int replicas) {
    return new TieredTopic(name, partitions, segments, replicas, retentionBytes);
  }

  /**
   * Each partition's log, local and remote together, kept to about {@code bytes}
   * ({@code retention.bytes}): the broker deletes the oldest remote segments as new ones come.
   */
  public TieredTopic withRetentionBytes(long bytes) {
    return new TieredTopic(name, partitions, segments, replicationFactor, bytes);
  }

  public Map<String, String> configs() {
    Map<String, String> configs = new HashMap<>(segments.configs());
    configs.putAll(Map.of(
        "remote.storage.enable", "true",
        "local.retention.ms", "1000",
        "local.retention.bytes", "1",
        "retention.ms", "-1",
        "retention.bytes", Long.toString(retentionBytes),
        "min.insync.replicas", Integer.toString(Math.min(replicationFactor, MIN_IN_SYNC_REPLICAS))));
    return Map.copyOf(configs);
  }

  public List<TopicPartition> topicPartitions() {
    return IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(name, p)).toList();
  }

  /** Creates the topic and returns once every partition has a leader. */
  public TieredTopic create(KafkaService broker) {
    Admin admin = broker.admin();
    AdminCalls.answer("create topic " + name + " on " + broker,
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) replicationFactor).configs(configs()))).all());
    long deadline = System.nanoTime() + CREATE_TIMEOUT.toNanos();
    while (!allHaveLeaders(admin)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.format("Cannot see every partition of %s with a leader within %s on %s%n%s",
            name, CREATE_TIMEOUT, broker, broker.describeLogs()));
      }
      pause();
    }
    return this;
  }

  /**
   * The log end offset of each partition: everything produced so far, control records (transaction
   * markers) included, lies before it.
   */
  public Map<TopicPartition, Long> endOffsets(KafkaService broker) {
    return offsets(broker.admin(), topicPartitions(), OffsetSpec.latest());
  }

  /**
   * The end offsets once no transaction is open: the transaction coordinator writes a
   * transaction's markers after the producer's commit or abort returns, so until the last stable
   * offset reaches the end, markers are still to come.
   */
  public Map<TopicPartition, Long> stableEndOffsets(KafkaService broker, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<TopicPartition, Long> end = endOffsets(broker);
      Map<TopicPartition, Long> stable = stableOffsets(broker.admin(), topicPartitions());
      if (stable.equals(end)) {
        return end;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.format("Transactions of %s still open after %s: last stable offsets %s, ends %s",
            name, timeout, stable, end));
      }
      pause();
    }
  }

  /**
   * Waits until, in each given partition, everything before the given offset is in remote storage
   * and deleted from local disk. The active segment is never tiered: produce past the last segment
   * to wait for.
   */
  public void awaitTieredBefore(KafkaService broker, Map<TopicPartition, Long> endOffsets, Duration timeout) {
    awaitTieredBefore(broker, endOffsets, timeout, progress -> { });
  }

  /** The same, telling {@code listener} where tiering stands at every look. */
  public void awaitTieredBefore(KafkaService broker, Map<TopicPartition, Long> endOffsets, Duration timeout,
      Consumer<Collection<TieringProgress>> listener) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<TopicPartition, TieringProgress> progress = progress(broker.admin(), List.copyOf(endOffsets.keySet()));
      listener.accept(progress.values());
      if (endOffsets.entrySet().stream().allMatch(e -> progress.get(e.getKey()).isTieredBefore(e.getValue()))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.format("Cannot see %s tiered before offsets %s within %s; last seen:%n%s%n%s",
            name, endOffsets, timeout, progress.values().stream().map(TieringProgress::toString).collect(Collectors.joining("\n")),
            broker.describeLogs()));
      }
      pause();
    }
  }

  /** Where tiering stands in each partition of the topic now. */
  public Map<TopicPartition, TieringProgress> progress(KafkaService broker) {
    return progress(broker.admin(), topicPartitions());
  }

  /** Where tiering stands in each partition now. */
  private static Map<TopicPartition, TieringProgress> progress(Admin admin, List<TopicPartition> partitions) {
    Map<TopicPartition, Long> earliestLocal = offsets(admin, partitions, OffsetSpec.earliestLocal());
    Map<TopicPartition, Long> logEnd = offsets(admin, partitions, OffsetSpec.latest());
    Map<TopicPartition, Long> latestTiered = offsets(admin, partitions, OffsetSpec.latestTiered());
    return partitions.stream().collect(Collectors.toMap(Function.identity(),
        tp -> new TieringProgress(tp, earliestLocal.get(tp), latestTiered.get(tp), logEnd.get(tp))));
  }

  private boolean allHaveLeaders(Admin admin) {
    try {
      TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
      return description.partitions().size() == partitions
          && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    } catch (ExecutionException e) {
      return false; // just created: metadata may not know it yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while describing " + name, e);
    }
  }

  private static Map<TopicPartition, Long> stableOffsets(Admin admin, List<TopicPartition> partitions) {
    Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> answers = AdminCalls.answer("list last stable offsets of " + partitions,
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
    return answers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> spec));
    Map<TopicPartition, ListOffsetsResultInfo> answers =
        AdminCalls.answer("list " + spec.getClass().getSimpleName() + " offsets of " + partitions, admin.listOffsets(request).all());
    return answers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }


  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a topic", e);
    }
  }
}
