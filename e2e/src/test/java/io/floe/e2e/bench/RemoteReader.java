package io.floe.e2e.bench;

import io.floe.e2e.broker.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One consumer reading a partition of a topic (partition 0 unless told) from offset 0 up to an end
 * offset, with CRC checks on and the consumer's default fetch sizes: the broker then reads remote
 * data 1 MiB at a time ({@code max.partition.fetch.bytes}), each fetch from the offset index
 * position of the next offset, as it does for most consumers.
 */
final class RemoteReader {
  private static final int POLL_RECORDS = 10_000;
  private static final Duration POLL = Duration.ofMillis(200);

  private RemoteReader() {
  }

  /**
   * Reads offsets 0 to {@code end - 1} and fingerprints them in order; fails at the first offset that
   * is not the one after the offset before (a record lost, duplicated or out of order).
   */
  static Fingerprint readTo(KafkaBroker broker, String topic, long end, Duration timeout) {
    return readTo(broker, new TopicPartition(topic, 0), end, timeout);
  }

  /** The same, of any partition. */
  static Fingerprint readTo(KafkaBroker broker, TopicPartition partition, long end, Duration timeout) {
    Fingerprinter read = new Fingerprinter();
    long next = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Consumer<byte[], byte[]> consumer = consumer(broker)) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, 0);
      while (next < end) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(String.format("Cannot read %s from offset 0 to %d within %s: stuck at offset %d%n%s",
              partition, end, timeout, next, broker.logs().describe()));
        }
        for (ConsumerRecord<byte[], byte[]> record : poll(consumer, broker, partition, next)) {
          if (next == end) {
            break;
          }
          if (record.offset() != next) {
            throw new AssertionError(String.format("Consuming %s from offset 0 gave offset %d where %d was due: "
                + "a record lost, duplicated or out of order%n%s", partition, record.offset(), next, broker.logs()));
          }
          read.add(record.key(), record.value());
          next++;
        }
      }
    }
    return read.fingerprint();
  }

  private static Iterable<ConsumerRecord<byte[], byte[]>> poll(Consumer<byte[], byte[]> consumer, KafkaBroker broker,
      TopicPartition partition, long next) {
    try {
      return consumer.poll(POLL).records(partition);
    } catch (KafkaException e) {
      // a batch that fails its CRC or cannot be parsed, a fetch the broker could not serve
      throw new AssertionError(String.format("Cannot read %s from offset 0: the consumer failed at offset %d: %s%n%s",
          partition, next, e, broker.logs().describe()), e);
    }
  }

  private static Consumer<byte[], byte[]> consumer(KafkaBroker broker) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.CHECK_CRCS_CONFIG, true,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, POLL_RECORDS,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
