package io.floe.e2e.bench;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.topic.TopicCopying;
import io.floe.e2e.topic.TieringProgress;
import io.floe.translator.registry.ConfluentRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * One store's run of one workload on a fresh broker: produce the workload to a tiered topic with
 * copying held back, roll the segment holding its last record, release copying and time until
 * everything produced is tiered and deleted locally, then time one consumer reading it all back
 * from remote storage, and check that it is exactly what was produced.
 */
final class TieringRun {
  private static final String TOPIC = "bench";
  private static final Duration TIERING_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration READING_TIMEOUT = Duration.ofMinutes(10);

  private final RemoteStore store;
  private final Workload workload;
  private final int events;
  private final Path dir;
  private OptionalLong copiedAt = OptionalLong.empty();

  private TieringRun(RemoteStore store, Workload workload, int events, Path dir) {
    this.store = store;
    this.workload = workload;
    this.events = events;
    this.dir = dir;
  }

  /** Runs {@code events} records of {@code workload} through {@code store} on a fresh broker working in {@code dir}. */
  static RunResult of(RemoteStore store, Workload workload, int events, Path dir) {
    try (ConfluentRegistryServer registry = ConfluentRegistryServer.start()) {
      return new TieringRun(store, workload, events, dir).run(registry);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the schema registry for workload " + workload.name(), e);
    }
  }

  private RunResult run(ConfluentRegistryServer registry) {
    LoadAverage loadBefore = LoadAverage.now();
    KafkaDistribution kafka = KafkaDistribution.current();
    Path remote = dir.resolve("remote");
    Path brokerDir = dir.resolve("broker");
    Optional<String> registryUrl = workload.values() == Workload.Values.AVRO ? Optional.of(registry.url()) : Optional.empty();
    try (KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(kafka, store.plugin(kafka, remote, registryUrl)), brokerDir)) {
      TieredTopic topic = TieredTopic.withSegmentBytes(TOPIC, workload.segmentBytes()).create(broker);
      TopicCopying.hold(broker, topic);

      EventSource source = workload.source(registry, TOPIC);
      Path partitionDir = brokerDir.resolve("data").resolve(TOPIC + "-0");
      Fingerprint produced;
      Duration produce;
      try (WorkloadProducer producer = new WorkloadProducer(broker, TOPIC, workload.compression())) {
        long start = System.nanoTime();
        produced = producer.produce(source, 0, events);
        produce = since(start);
        AtomicLong next = new AtomicLong(events);
        ActiveSegment.rollPast(broker, TOPIC, partitionDir, events,
            () -> producer.produce(source, next.getAndIncrement(), 1));
      }
      LocalSegments segments = LocalSegments.before(partitionDir, events);

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
      return new RunResult(store, workload, produced, segments, produce, copied, tiered, tieringCpu, consume, consumingCpu,
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
