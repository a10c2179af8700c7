package io.floe.e2e.check;

import io.floe.e2e.broker.KafkaService;
import io.floe.e2e.topic.TieredTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer that reads a topic from offset 0 one poll at a time, so that a test can change the
 * broker (restart it with other settings) between its reads, as happens to a consumer in a long read.
 */
public final class ReadingConsumer implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Duration POLL = Duration.ofMillis(200);
  // Few records a poll, so that the first poll leaves most of a test's topic to read.
  private static final int RECORDS_PER_POLL = 10;

  private final KafkaService broker;
  private final TieredTopic topic;
  private final IsolationLevel isolation;
  private final Consumer<byte[], byte[]> consumer;
  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

  private ReadingConsumer(KafkaService broker, TieredTopic topic, IsolationLevel isolation) {
    this.broker = broker;
    this.topic = topic;
    this.isolation = isolation;
    this.consumer = ConsumedRecords.consumer(broker, isolation,
        Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, RECORDS_PER_POLL));
    consumer.assign(topic.topicPartitions());
    topic.topicPartitions().forEach(tp -> consumer.seek(tp, 0));
  }

  public static ReadingConsumer fromStart(KafkaService broker, TieredTopic topic, IsolationLevel isolation) {
    return new ReadingConsumer(broker, topic, isolation);
  }

  /** Polls until it has read some records: at most a few, as {@code max.poll.records} bounds a poll. */
  public ReadingConsumer readSome() {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (records.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Cannot read any record of " + topic.name() + " within " + TIMEOUT + "\n"
            + broker.describeLogs());
      }
      poll();
    }
    return this;
  }

  /** How many records it has read so far. */
  public int recordCount() {
    return records.size();
  }

  /** Reads on to the partitions' ends as they are now, and gives everything read since offset 0. */
  public ConsumedRecords readToEnd() {
    List<TopicPartition> partitions = topic.topicPartitions();
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.format("Cannot read %s to %s (%s) within %s after %d records%n%s",
            topic.name(), ends, ConsumedRecords.name(isolation), TIMEOUT, records.size(), broker.describeLogs()));
      }
      poll();
    }
    List<ConsumerRecord<byte[], byte[]>> inLogOrder = new ArrayList<>(records);
    inLogOrder.sort(Comparator.comparingInt(ConsumerRecord::partition));
    return new ConsumedRecords(broker, topic.name(), isolation, List.copyOf(inLogOrder));
  }

  private void poll() {
    try {
      consumer.poll(POLL).forEach(records::add);
    } catch (KafkaException e) {
      throw new AssertionError(String.format("Cannot read %s (%s): the consumer failed after %d records: %s%n%s",
          topic.name(), ConsumedRecords.name(isolation), records.size(), e, broker.describeLogs()), e);
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
