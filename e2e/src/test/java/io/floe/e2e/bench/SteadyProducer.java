package io.floe.e2e.bench;

import io.floe.e2e.broker.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces the same {@link JsonEvents} to several topics at a steady rate, as a service emitting
 * events does: every tick a tenth of a second's worth, each event to every topic, the partitions
 * in turn. One producer with a producer's defaults for durability and batching (idempotent,
 * {@code acks=all}, 16 KiB batches, no codec). It notes when each record is acknowledged
 * ({@link AckTimes}), checks that each lands at the offset after the one before in its partition,
 * and fingerprints each partition's records, which are the same in every topic.
 */
final class SteadyProducer implements AutoCloseable {
  private static final Duration TICK = Duration.ofMillis(100);
  private static final long TICKS_PER_SECOND = Duration.ofSeconds(1).dividedBy(TICK);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int BATCH_BYTES = 16_384;
  private static final int LINGER_MS = 5;
  private static final byte[] FILLER = "roll".getBytes(StandardCharsets.US_ASCII);

  private final KafkaBroker broker;
  private final int partitions;
  private final int recordsPerSecond;
  private final Producer<byte[], byte[]> producer;
  private final Map<String, AckTimes> acks = new LinkedHashMap<>();
  /** Per topic, the offset due next in each partition. */
  private final Map<String, long[]> nextOffsets = new LinkedHashMap<>();
  private final Fingerprinter[] sent;
  private final JsonEvents events = new JsonEvents();
  private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "steady-producer");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicReference<String> firstProblem = new AtomicReference<>();
  private long tickCount;
  private long eventCount;

  SteadyProducer(KafkaBroker broker, List<String> topics, int partitions, int recordsPerSecond) {
    this.broker = broker;
    this.partitions = partitions;
    this.recordsPerSecond = recordsPerSecond;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "none",
        ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES,
        ProducerConfig.LINGER_MS_CONFIG, LINGER_MS),
        new ByteArraySerializer(), new ByteArraySerializer());
    for (String topic : topics) {
      acks.put(topic, new AckTimes(partitions));
      nextOffsets.put(topic, new long[partitions]);
    }
    sent = new Fingerprinter[partitions];
    for (int partition = 0; partition < partitions; partition++) {
      sent[partition] = new Fingerprinter();
    }
  }

  void start() {
    ticks.scheduleAtFixedRate(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  AckTimes acks(String topic) {
    return acks.get(topic);
  }

  /** Fails if a record failed or landed at an offset other than the one due. */
  void checkHealthy() {
    String problem = firstProblem.get();
    if (problem != null) {
      throw new IllegalStateException("Cannot produce steadily to " + acks.keySet() + " on " + broker + ": " + problem
          + "\n" + broker.logs().describe());
    }
  }

  /**
   * Stops producing and returns once every record sent is acknowledged.
   *
   * @return what was produced to each partition, the same in every topic
   */
  Fingerprint[] stop() {
    ticks.shutdown();
    try {
      if (!ticks.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("Cannot stop producing within " + STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping the producer", e);
    }
    producer.flush();
    checkHealthy();
    return Arrays.stream(sent).map(Fingerprinter::fingerprint).toArray(Fingerprint[]::new);
  }

  /** Appends one small record to {@code topic}'s {@code partition} after the steady ones, and waits for its acknowledgement. */
  void appendOne(String topic, int partition) {
    try {
      producer.send(new ProducerRecord<>(topic, partition, FILLER, FILLER)).get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot append a record to " + topic + "-" + partition + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while appending to " + topic + "-" + partition, e);
    }
  }

  /** Sends what the rate asks for since the start, so that a late tick catches up. */
  private void tick() {
    try {
      long due = ++tickCount * recordsPerSecond / TICKS_PER_SECOND;
      while (eventCount < due) {
        send(events.next(), (int) (eventCount++ % partitions));
      }
    } catch (RuntimeException e) {
      // the executor would end the ticks silently
      firstProblem.compareAndSet(null, "producing failed: " + e);
      throw e;
    }
  }

  private void send(EventSource.Event event, int partition) {
    sent[partition].add(event.key(), event.value());
    acks.forEach((topic, times) -> {
      long expected = nextOffsets.get(topic)[partition]++;
      producer.send(new ProducerRecord<>(topic, partition, event.key(), event.value()), (metadata, failure) -> {
        if (failure != null) {
          firstProblem.compareAndSet(null, "the record for " + topic + "-" + partition + "@" + expected + " failed: " + failure);
        } else if (metadata.offset() != expected) {
          firstProblem.compareAndSet(null, "a record meant for " + topic + "-" + partition + "@" + expected + " landed at "
              + metadata.offset());
        } else {
          times.add(partition, expected, System.nanoTime());
        }
      });
    });
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    producer.close();
  }
}
