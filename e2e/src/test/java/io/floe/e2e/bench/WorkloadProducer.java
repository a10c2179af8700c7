package io.floe.e2e.bench;

import io.floe.e2e.broker.KafkaBroker;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces events to partition 0 of a topic as fast as the broker takes them, with a producer's
 * defaults for durability and batching (idempotent, {@code acks=all}, 16 KiB batches) and the
 * workload's codec at its default level, and checks that each event lands at the offset after the
 * one before.
 */
final class WorkloadProducer implements AutoCloseable {
  private static final int PARTITION = 0;
  private static final int BATCH_BYTES = 16_384;
  private static final int LINGER_MS = 5;
  private static final long BUFFER_BYTES = 64L << 20;

  private final KafkaBroker broker;
  private final String topic;
  private final Producer<byte[], byte[]> producer;

  WorkloadProducer(KafkaBroker broker, String topic, String compressionType) {
    this.broker = broker;
    this.topic = topic;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, compressionType,
        ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES,
        ProducerConfig.LINGER_MS_CONFIG, LINGER_MS,
        ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_BYTES),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Sends the next {@code count} events, expecting the first at {@code firstOffset}, and returns
   * once all are acknowledged.
   *
   * @return the fingerprint of what was sent, in offset order
   */
  Fingerprint produce(EventSource events, long firstOffset, int count) {
    Fingerprinter sent = new Fingerprinter();
    AtomicReference<String> firstProblem = new AtomicReference<>();
    for (int i = 0; i < count; i++) {
      EventSource.Event event = events.next();
      long expected = firstOffset + i;
      producer.send(new ProducerRecord<>(topic, PARTITION, event.key(), event.value()), (metadata, failure) -> {
        if (failure != null) {
          firstProblem.compareAndSet(null, "the record for offset " + expected + " failed: " + failure);
        } else if (metadata.offset() != expected) {
          firstProblem.compareAndSet(null, "a record meant for offset " + expected + " landed at " + metadata.offset());
        }
      });
      sent.add(event.key(), event.value());
    }
    producer.flush();
    if (firstProblem.get() != null) {
      throw new IllegalStateException(String.format("Cannot produce offsets %d-%d to %s-%d on %s: %s%n%s",
          firstOffset, firstOffset + count - 1, topic, PARTITION, broker, firstProblem.get(),
          broker.logs().describe()));
    }
    return sent.fingerprint();
  }

  @Override
  public void close() {
    producer.close();
  }
}
