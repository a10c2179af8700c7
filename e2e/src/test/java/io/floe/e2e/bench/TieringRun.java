package io.floe.e2e.bench;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.topic.SegmentSize;
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
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.TopicPartition;

/**
 * One store's run of one workload on a fresh broker: after a warm-up, produce the workload to a
 * tiered topic with copying held back, roll the segment holding its last record, release copying and time until
 * everything produced is tiered and deleted locally, then time one consumer reading it all back
 * from remote storage, and check that it is exactly what was produced.
 */
final class TieringRun {
  private static final String TOPIC = "bench";
  /** A plain identifier, so that Floe names its table the same: its files are told apart by that name. */
  private static final String WARM_UP_TOPIC = "warmup";
  /** About 20 MB in 1 MiB segments: enough for the JIT compiler to settle on the hot paths. */
  private static final int WARM_UP_EVENTS = 20_000;
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
    try (KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(kafka,
        store.plugin(kafka, remote, workload.floeSettings(registry))), brokerDir)) {
      warmUp(broker, registry, brokerDir);
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
      StoredBytes stored = StoredBytes.under(remote, TieringRun::notWarmUp, store::kindOf);
      return new RunResult(store, workload, produced, segments, produce, copied, tiered, tieringCpu, consume, consumingCpu,
          stored, loadBefore, LoadAverage.now());
    }
  }

  /**
   * Tiers and reads back a smaller topic of the same workload first, so that what is measured is a
   * broker that has run its store's code before, as a broker does after its first minutes: the JIT
   * compiler's work and the first table's creation are paid here, once, by each store.
   */
  private void warmUp(KafkaBroker broker, ConfluentRegistryServer registry, Path brokerDir) {
    TieredTopic topic = TieredTopic.withSegmentBytes(WARM_UP_TOPIC, SegmentSize.MIN_SEGMENT_BYTES).create(broker);
    EventSource source = workload.source(registry, WARM_UP_TOPIC);
    try (WorkloadProducer producer = new WorkloadProducer(broker, WARM_UP_TOPIC, workload.compression())) {
      producer.produce(source, 0, WARM_UP_EVENTS);
      AtomicLong next = new AtomicLong(WARM_UP_EVENTS);
      ActiveSegment.rollPast(broker, WARM_UP_TOPIC, brokerDir.resolve("data").resolve(WARM_UP_TOPIC + "-0"),
          WARM_UP_EVENTS, () -> producer.produce(source, next.getAndIncrement(), 1));
    }
    topic.awaitTieredBefore(broker, Map.of(new TopicPartition(WARM_UP_TOPIC, 0), (long) WARM_UP_EVENTS),
        TIERING_TIMEOUT);
    RemoteReader.readTo(broker, WARM_UP_TOPIC, WARM_UP_EVENTS, READING_TIMEOUT);
  }

  /** Whether a stored file is not the warm-up topic's: no directory of its path is named for that topic. */
  private static boolean notWarmUp(Path file) {
    return StreamSupport.stream(file.spliterator(), false).map(Path::toString)
        .noneMatch(part -> part.equals(WARM_UP_TOPIC) || part.startsWith(WARM_UP_TOPIC + "-"));
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
