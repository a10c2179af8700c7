package io.floe.e2e.bench;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.topic.TopicCopying;
import io.floe.e2e.topic.TieringProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * One store's run on a fresh broker: produce the workload to a tiered topic with copying held back,
 * release copying and time until everything produced is tiered and deleted locally, then time one
 * consumer reading it all back from remote storage, and check that it is exactly what was produced.
 */
final class TieringRun {
  private static final String TOPIC = "bench";
  // Segments roll at segment.bytes (1 MiB, about 66 full producer batches) before their indexes fill.
  private static final int BATCHES_PER_SEGMENT = 128;
  // More than 1 MiB: rolls the segment that holds the workload's last record, as the active one is never tiered.
  private static final int FILLER_EVENTS = 1_100;
  private static final Duration TIERING_TIMEOUT = Duration.ofMinutes(6);
  private static final Duration READING_TIMEOUT = Duration.ofMinutes(5);

  private final RemoteStore store;
  private final int events;
  private final Path dir;
  private OptionalLong copiedAt = OptionalLong.empty();

  private TieringRun(RemoteStore store, int events, Path dir) {
    this.store = store;
    this.events = events;
    this.dir = dir;
  }

  /** Runs {@code events} records through {@code store} on a fresh broker working in {@code dir}. */
  static RunResult of(RemoteStore store, int events, Path dir) {
    return new TieringRun(store, events, dir).run();
  }

  private RunResult run() {
    LoadAverage loadBefore = LoadAverage.now();
    KafkaDistribution kafka = KafkaDistribution.current();
    Path remote = dir.resolve("remote");
    Path brokerDir = dir.resolve("broker");
    try (KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(kafka, store.plugin(kafka, remote)), brokerDir)) {
      TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).create(broker);
      TopicCopying.hold(broker, topic);

      JsonEvents source = new JsonEvents();
      Fingerprint produced;
      Duration produce;
      try (WorkloadProducer producer = new WorkloadProducer(broker, TOPIC)) {
        long start = System.nanoTime();
        produced = producer.produce(source, 0, events);
        produce = since(start);
        producer.produce(source, events, FILLER_EVENTS);
      }
      LocalSegments segments = LocalSegments.before(brokerDir.resolve("data").resolve(TOPIC + "-0"), events);

      Duration cpu = broker.cpuTime();
      long start = System.nanoTime();
      TopicCopying.release(broker, topic);
      topic.awaitTieredBefore(broker, Map.of(new TopicPartition(TOPIC, 0), (long) events), TIERING_TIMEOUT,
          this::noteWhenCopied);
      Duration tiered = since(start);
      Duration copied = Duration.ofNanos(copiedAt.orElseThrow() - start);
      Duration tieringCpu = broker.cpuTime().minus(cpu);

      cpu = broker.cpuTime();
      start = System.nanoTime();
      Fingerprint consumed = RemoteReader.readTo(broker, TOPIC, events, READING_TIMEOUT);
      Duration consume = since(start);
      Duration consumingCpu = broker.cpuTime().minus(cpu);
      if (!consumed.equals(produced)) {
        throw new AssertionError(String.format("Consuming %s from remote storage through %s does not give what was "
            + "produced:%n produced %s%n consumed %s%n%s", TOPIC, store, produced, consumed, broker.logs()));
      }
      StoredBytes stored = StoredBytes.under(remote, store::kindOf);
      return new RunResult(store, produced, segments, produce, copied, tiered, tieringCpu, consume, consumingCpu,
          stored, loadBefore, LoadAverage.now());
    }
  }

  /** The first look at which every record is in remote storage, even if not yet deleted locally. */
  private void noteWhenCopied(Collection<TieringProgress> progress) {
    if (copiedAt.isEmpty() && progress.stream().allMatch(p -> p.latestTiered() >= events - 1)) {
      copiedAt = OptionalLong.of(System.nanoTime());
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
