package io.floe.e2e.bench;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.MainCommits;
import io.floe.e2e.floe.MainCommits.CommittedFile;
import io.floe.e2e.topic.TieredTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * One freshness run on a fresh broker with Floe: two topics of segments rolling every minute get
 * the same steady traffic, and Floe maintains the table of one of them. For the settings' duration
 * it looks at both tables' {@code main} every second and times each record from its
 * acknowledgement to the look that finds it there, producing on until {@code main} shows every
 * record of that window, so that the last ones are timed as the others. Then it takes each
 * table's layout, stops producing, has the broker tier what is left, and reads every record back
 * from remote storage, which must give exactly what was produced.
 */
final class FreshnessRun {
  static final String MAINTAINED = "maintained";
  static final String UNMAINTAINED = "unmaintained";
  /** A record's segment rolls a minute after its first record and is tiered within seconds: ten minutes is a fault. */
  private static final Duration VISIBILITY_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration TIERING_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration READING_TIMEOUT = Duration.ofMinutes(10);
  /** A look that fails (the catalog busy) is made up by the next; a minute of them is a fault. */
  private static final int FAILED_LOOKS_IN_A_ROW = 60;

  private final FreshnessSettings settings;
  private final Path dir;
  private int failedLooks;
  private int failedLooksInARow;
  private Optional<String> firstFailedLook = Optional.empty();

  private FreshnessRun(FreshnessSettings settings, Path dir) {
    this.settings = settings;
    this.dir = dir;
  }

  /** Runs with {@code settings}, the broker and its warehouse working in {@code dir}. */
  static FreshnessResult of(FreshnessSettings settings, Path dir) {
    return new FreshnessRun(settings, dir).run();
  }

  private FreshnessResult run() {
    // at the start: the code that runs is the code compiled then, whatever changes meanwhile
    String revision = SourceRevision.describe();
    LoadSamples load = new LoadSamples();
    Path warehouse = dir.resolve("warehouse");
    Path brokerDir = dir.resolve("broker");
    BrokerSpec spec = BrokerSpec.of(KafkaDistribution.current(),
            FloeDistribution.built().withWarehouse(warehouse, settings.floeSettings(MAINTAINED)))
        .withProperties(settings.brokerProperties());
    List<String> names = List.of(MAINTAINED, UNMAINTAINED);
    try (KafkaBroker broker = KafkaBroker.start(spec, brokerDir);
        MainCommits maintained = MainCommits.of(warehouse, MAINTAINED);
        MainCommits unmaintained = MainCommits.of(warehouse, UNMAINTAINED);
        SteadyProducer producer = new SteadyProducer(broker, names, FreshnessSettings.PARTITIONS,
            settings.recordsPerSecond())) {
      Map<String, TieredTopic> topics = names.stream().collect(Collectors.toMap(Function.identity(),
          name -> TieredTopic.rollingEvery(name, FreshnessSettings.SEGMENT_AGE)
              .withPartitions(FreshnessSettings.PARTITIONS).create(broker), (a, b) -> a, LinkedHashMap::new));
      Map<String, MainCommits> tables = Map.of(MAINTAINED, maintained, UNMAINTAINED, unmaintained);

      Duration cpuBefore = broker.cpuTime();
      long start = System.nanoTime();
      long windowEnd = start + settings.duration().toNanos();
      Map<String, MainFreshness> freshness = names.stream().collect(Collectors.toMap(Function.identity(),
          name -> new MainFreshness(producer.acks(name), FreshnessSettings.PARTITIONS, windowEnd)));
      producer.start();
      long lastLook = lookUntilMainShowsTheWindow(producer, tables, freshness, windowEnd, load);
      Duration measured = Duration.ofNanos(lastLook - start);
      Duration brokerCpu = broker.cpuTime().minus(cpuBefore);
      Instant cutOff = Instant.now().minus(settings.compactionMinAge());
      Instant passBefore = cutOff.minus(settings.maintenanceInterval());
      Map<String, TableLayout> layouts = names.stream().collect(Collectors.toMap(Function.identity(),
          name -> TableLayout.of(tables.get(name), cutOff, passBefore)));

      Fingerprint[] produced = producer.stop();
      List<FreshnessResult.TopicFigures> figures = new ArrayList<>();
      for (String name : names) {
        tierEverything(broker, brokerDir, topics.get(name), producer, produced);
        readBackExactly(broker, name, produced);
        figures.add(new FreshnessResult.TopicFigures(name, name.equals(MAINTAINED), freshness.get(name).summary(),
            layouts.get(name), Arrays.stream(produced).mapToLong(Fingerprint::records).sum(),
            Arrays.stream(produced).mapToLong(Fingerprint::keyValueBytes).sum()));
      }
      load.sample();
      return new FreshnessResult(settings, figures, measured, brokerCpu, load.describe(),
          revision, failedLooks, firstFailedLook);
    }
  }

  /**
   * Looks at both tables every {@link FreshnessSettings#LOOK_INTERVAL} until {@code main} shows
   * every record acknowledged before {@code windowEnd}.
   *
   * @return when the last look was made
   */
  private long lookUntilMainShowsTheWindow(SteadyProducer producer, Map<String, MainCommits> tables,
      Map<String, MainFreshness> freshness, long windowEnd, LoadSamples load) {
    long deadline = windowEnd + VISIBILITY_TIMEOUT.toNanos();
    while (true) {
      long look = System.nanoTime();
      tables.forEach((name, commits) -> freshness.get(name).see(look(name, commits), look));
      producer.checkHealthy();
      load.sample();
      if (look >= windowEnd && freshness.values().stream().allMatch(MainFreshness::showsTheWindow)) {
        return look;
      }
      if (look > deadline) {
        throw new AssertionError(String.format("Cannot see in main every record acknowledged in the first %s within %s "
                + "after them: main shows offsets %s", settings.duration(), VISIBILITY_TIMEOUT,
            freshness.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().visibleOffsets())
                .collect(Collectors.joining(", "))));
      }
      pauseUntil(look + FreshnessSettings.LOOK_INTERVAL.toNanos());
    }
  }

  /** The files {@code main} of the table gained since the last look; none if this look failed. */
  private List<CommittedFile> look(String table, MainCommits commits) {
    try {
      List<CommittedFile> committed = commits.look();
      failedLooksInARow = 0;
      return committed;
    } catch (RuntimeException e) {
      failedLooks++;
      firstFailedLook = firstFailedLook.or(() -> Optional.of(table + ": " + e));
      if (++failedLooksInARow > FAILED_LOOKS_IN_A_ROW) {
        throw new IllegalStateException("Cannot look at the table of " + table + ": " + failedLooksInARow
            + " looks in a row failed, the last with " + e.getMessage(), e);
      }
      return List.of();
    }
  }

  /**
   * Rolls each partition's active segment, which holds the last records and is never tiered, and
   * waits until the broker has tiered every record and deleted its local copy: the reading that
   * follows is then all from remote storage.
   */
  private static void tierEverything(KafkaBroker broker, Path brokerDir, TieredTopic topic, SteadyProducer producer,
      Fingerprint[] produced) {
    Map<TopicPartition, Long> tieredBefore = new LinkedHashMap<>();
    for (int partition = 0; partition < produced.length; partition++) {
      int p = partition;
      long end = produced[p].records();
      ActiveSegment.rollPast(broker, topic.name(), brokerDir.resolve("data").resolve(topic.name() + "-" + p), end,
          () -> producer.appendOne(topic.name(), p));
      tieredBefore.put(new TopicPartition(topic.name(), p), end);
    }
    topic.awaitTieredBefore(broker, tieredBefore, TIERING_TIMEOUT);
  }

  /** Reads each partition from offset 0 to the end of what was produced to it, which lies at offsets 0 on. */
  private static void readBackExactly(KafkaBroker broker, String topic, Fingerprint[] produced) {
    for (int partition = 0; partition < produced.length; partition++) {
      Fingerprint read = RemoteReader.readTo(broker, new TopicPartition(topic, partition), produced[partition].records(),
          READING_TIMEOUT);
      if (!read.equals(produced[partition])) {
        throw new AssertionError(String.format("Consuming %s-%d from remote storage does not give what was produced:"
            + "%n produced %s%n consumed %s%n%s", topic, partition, produced[partition], read, broker.logs().describe()));
      }
    }
  }

  /** Paces the looks: a benchmark's clock, not a wait for a condition. */
  private static void pauseUntil(long nanos) {
    long wait = nanos - System.nanoTime();
    if (wait <= 0) {
      return;
    }
    try {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted between looks at the tables", e);
    }
  }
}
