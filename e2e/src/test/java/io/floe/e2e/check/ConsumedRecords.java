package io.floe.e2e.check;

import io.floe.e2e.broker.KafkaService;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.ProducedRecord;
import io.floe.e2e.workload.ProducedRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every record of a topic as a consumer reads it from offset 0 to the end, at one isolation level,
 * with CRC checks on: what tiered storage serves is checked by the client exactly as local data is.
 */
public final class ConsumedRecords {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaService broker;
  private final String topic;
  private final IsolationLevel isolation;
  private final List<ConsumerRecord<byte[], byte[]>> records;
  private final RetentionGaps gaps;

  ConsumedRecords(KafkaService broker, String topic, IsolationLevel isolation, List<ConsumerRecord<byte[], byte[]>> records) {
    this(broker, topic, isolation, records, new RetentionGaps());
  }

  private ConsumedRecords(KafkaService broker, String topic, IsolationLevel isolation,
      List<ConsumerRecord<byte[], byte[]>> records, RetentionGaps gaps) {
    this.broker = broker;
    this.topic = topic;
    this.isolation = isolation;
    this.records = records;
    this.gaps = gaps;
  }

  /** Reads every partition from offset 0 up to its end as the consumer sees it (the LSO for read_committed). */
  public static ConsumedRecords fromStart(KafkaService broker, TieredTopic topic, IsolationLevel isolation) {
    return fromStart(broker, topic, isolation, TIMEOUT);
  }

  /** The same, within {@code timeout} rather than a minute: for topics of hundreds of segments. */
  public static ConsumedRecords fromStart(KafkaService broker, TieredTopic topic, IsolationLevel isolation, Duration timeout) {
    try (Consumer<byte[], byte[]> consumer = consumer(broker, isolation)) {
      return read(broker, topic, isolation, consumer, consumer.endOffsets(topic.topicPartitions(), TIMEOUT), timeout);
    }
  }

  /**
   * Reads every partition from offset 0 up to its end while retention deletes from its head: where
   * the broker answers the consumer's next offset out of range, the consumer goes on from the log
   * start the broker then gives, and {@link #assertExactly(ProducedRecords)} expects none of the
   * records retention took in between. A consumer resetting by itself would jump just the same,
   * but unseen: a jump and a lost record would look alike.
   */
  public static ConsumedRecords fromLogStart(KafkaService broker, TieredTopic topic, IsolationLevel isolation,
      Duration timeout) {
    try (Consumer<byte[], byte[]> consumer = consumer(broker, isolation,
        Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"))) {
      return read(broker, topic, isolation, consumer, consumer.endOffsets(topic.topicPartitions(), TIMEOUT), timeout);
    }
  }

  /**
   * Reads every partition from offset 0 up to its offset in {@code before}, and keeps the records
   * before it: the same records however much was produced since.
   */
  public static ConsumedRecords fromStartBefore(KafkaService broker, TieredTopic topic, IsolationLevel isolation,
      Map<TopicPartition, Long> before) {
    try (Consumer<byte[], byte[]> consumer = consumer(broker, isolation)) {
      ConsumedRecords read = read(broker, topic, isolation, consumer, before, TIMEOUT);
      return new ConsumedRecords(broker, topic.name(), isolation, read.records.stream()
          .filter(r -> r.offset() < before.get(new TopicPartition(r.topic(), r.partition()))).toList());
    }
  }

  private static ConsumedRecords read(KafkaService broker, TieredTopic topic, IsolationLevel isolation,
      Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends, Duration timeout) {
    List<TopicPartition> partitions = topic.topicPartitions();
    consumer.assign(partitions);
    partitions.forEach(tp -> consumer.seek(tp, 0));
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    RetentionGaps gaps = new RetentionGaps();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.format("Cannot read %s from offset 0 to %s (%s) within %s: at %s after %d records%n%s",
            topic.name(), ends, name(isolation), timeout, positions(consumer, partitions), records.size(),
            broker.describeLogs()));
      }
      try {
        consumer.poll(POLL).forEach(records::add);
      } catch (OffsetOutOfRangeException e) {
        // only a consumer without a reset policy hears of it: retention deleted its next records
        Map<TopicPartition, Long> logStart = consumer.beginningOffsets(e.offsetOutOfRangePartitions().keySet(), TIMEOUT);
        e.offsetOutOfRangePartitions().forEach((tp, position) -> {
          gaps.add(tp, position, logStart.get(tp));
          consumer.seek(tp, logStart.get(tp));
        });
      } catch (KafkaException e) {
        // a batch that fails its CRC or cannot be parsed, a fetch the broker could not serve
        throw new AssertionError(String.format("Cannot read %s from offset 0 (%s): the consumer failed at %s after %d records: %s%n%s",
            topic.name(), name(isolation), positions(consumer, partitions), records.size(), e, broker.describeLogs()), e);
      }
    }
    // a partition's records in the order read, partitions in turn: the log order
    records.sort(Comparator.comparingInt(ConsumerRecord::partition));
    return new ConsumedRecords(broker, topic.name(), isolation, List.copyOf(records), gaps);
  }

  public List<ConsumerRecord<byte[], byte[]>> records() {
    return records;
  }

  /**
   * These records without the aborted ones a broker does not leave out for read_committed
   * consumers ({@link UnreadAborts}): records whose transaction the producer aborted, at offsets
   * of such a transaction. Nothing else is dropped, and nothing at read_uncommitted.
   */
  public ConsumedRecords withoutUnreadAborts(ProducedRecords produced, UnreadAborts unread) {
    if (isolation != IsolationLevel.READ_COMMITTED) {
      return this;
    }
    Set<Position> aborted = produced.visibleTo(IsolationLevel.READ_UNCOMMITTED).stream()
        .filter(r -> !r.isVisibleTo(IsolationLevel.READ_COMMITTED))
        .map(r -> new Position(r.partition(), r.offset())).collect(Collectors.toSet());
    return new ConsumedRecords(broker, topic, isolation, records.stream()
        .filter(r -> !(aborted.contains(new Position(r.partition(), r.offset()))
            && unread.covers(new TopicPartition(r.topic(), r.partition()), r.offset())))
        .toList(), gaps);
  }

  private record Position(int partition, long offset) {}

  /**
   * Fails unless exactly the produced records visible at this isolation level were read, in log
   * order, each with the same offset, timestamp and type, key, value and headers; but for those
   * retention deleted ahead of a consumer reading {@link #fromLogStart}.
   */
  public void assertExactly(ProducedRecords produced) {
    assertExactly(produced.visibleTo(isolation).stream()
        .filter(r -> !gaps.deleted(new TopicPartition(topic, r.partition()), r.offset())).toList());
  }

  /** Fails unless exactly {@code expected}, in log order, were read. */
  void assertExactly(List<ProducedRecord> expected) {
    Optional<String> difference = RecordComparison.firstDifference(expected, records);
    difference.ifPresent(d -> {
      throw new AssertionError(String.format(
          "Consuming %s from offset 0 (%s) does not give what was produced: %s%s%n%s",
          topic, name(isolation), d, gaps.described(), broker.describeLogs()));
    });
  }

  private static Consumer<byte[], byte[]> consumer(KafkaService broker, IsolationLevel isolation) {
    return consumer(broker, isolation, Map.of());
  }

  /** A consumer as this class reads with, with {@code settings} over its own. */
  static Consumer<byte[], byte[]> consumer(KafkaService broker, IsolationLevel isolation, Map<String, Object> settings) {
    Map<String, Object> config = new HashMap<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, name(isolation),
        ConsumerConfig.CHECK_CRCS_CONFIG, true,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    config.putAll(settings);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static Map<TopicPartition, Long> positions(Consumer<?, ?> consumer, List<TopicPartition> partitions) {
    return partitions.stream().collect(Collectors.toMap(tp -> tp, consumer::position));
  }

  static String name(IsolationLevel isolation) {
    return isolation.toString().toLowerCase(Locale.ROOT);
  }
}
