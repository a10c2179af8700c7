package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.bench.LoadAverage;
import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.check.MainRows;
import io.floe.e2e.check.ServedExactly;
import io.floe.e2e.faults.BrokerRetries;
import io.floe.e2e.faults.CatalogFault;
import io.floe.e2e.faults.CatalogOperation;
import io.floe.e2e.faults.CommitTimedRestarts;
import io.floe.e2e.faults.FaultsScale;
import io.floe.e2e.faults.FaultyCatalog;
import io.floe.e2e.faults.InjectedFaults;
import io.floe.e2e.faults.OrphanCleanup;
import io.floe.e2e.faults.ReliabilityReport;
import io.floe.e2e.faults.RestartablePostgres;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.KafkaView;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.Workloads;
import io.floe.plugin.IcebergRestFixture;
import io.floe.plugin.storage.LocalFileIO;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floe while its catalog fails, in two scenarios. On Iceberg's REST catalog server behind a
 * {@link FaultyCatalog}: a quarter of the table loads and commits answered 500 or 503, stalled past
 * the client's timeout, or, for commits, applied by the catalog and then answered 500 or 503 or not
 * at all, so that Floe cannot tell a commit that landed from one that did not. On Iceberg's JDBC
 * catalog on a real PostgreSQL server, restarted at the moment Floe commits a segment. Either way the
 * mixed workload (every codec, transactions) is tiered and consumed back from offset 0, and nothing
 * may be lost, duplicated or altered, in Kafka or in {@code main}, no segment manifest may list a
 * file that is not there, and once the broker is stopped and the cut-off passed, {@code floe
 * maintain} leaves no orphan ({@link OrphanCleanup}). The size comes from {@link FaultsScale}: a
 * smoke run in every build, a long one in the {@code faults} profile.
 */
class CatalogFaultsIT {
  private static final String TOPIC = "payments";
  /**
   * Rates higher than the object store's 10 %: a copy makes a handful of catalog requests, not
   * dozens, and one commit. Loads less, since each fault of one costs the copy.
   */
  private static final Map<CatalogOperation, Double> REST_FAULT_RATES = Map.of(CatalogOperation.LOAD, 0.10,
      CatalogOperation.COMMIT, 0.30);
  private static final int BATCHES_PER_SEGMENT = 4;
  /** Rounds of the workload beyond the scale's while a fault has yet to be done: a short run draws few commits. */
  private static final int MAX_EXTRA_ROUNDS = 6;
  private static final Duration TIERING_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration READING_TIMEOUT = Duration.ofMinutes(5);
  /** What Floe logs when a commit that failed is in the catalog all the same (ReconciledOperations). */
  private static final String LANDED = "but the catalog holds them: it landed";
  /** Where to write the report of a run that passed; without it, the report only goes to standard output. */
  private static final String REPORT_PROPERTY = "faults.report";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void everyAcknowledgedRecordIsServedExactlyWhileTheRestCatalogFails() throws Exception {
    FaultsScale scale = FaultsScale.fromSystemProperty();
    long seed = Long.getLong("faults.seed", System.nanoTime());
    try {
      restScenario(scale, seed);
    } catch (AssertionError e) {
      throw new AssertionError("With faults of seed " + seed + " (replay with -Dfaults.seed=" + seed + "): " + e.getMessage(), e);
    }
  }

  @Test
  void everyAcknowledgedRecordIsServedExactlyWhilePostgresRestartsMidCommit() throws Exception {
    FaultsScale scale = FaultsScale.fromSystemProperty();
    Path warehouse = dir.resolve("warehouse");
    try (RestartablePostgres postgres = RestartablePostgres.start(dir.resolve("postgres"))) {
      Map<String, String> catalog = Map.of(
          "type", "jdbc",
          "uri", postgres.jdbcUri(),
          "jdbc.user", "postgres",
          "warehouse", warehouse.toString());
      ReliabilityReport report;
      try (KafkaBroker broker = startBroker(catalog, Map.of())) {
        TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).withPartitions(scale.partitions()).create(broker);
        Workloads mixed = new Workloads(broker, topic);
        long start = System.nanoTime();
        Map<TopicPartition, Long> end;
        try (CommitTimedRestarts restarts = CommitTimedRestarts.start(postgres, warehouse.resolve("_floe/manifests"),
            scale.catalogRestarts())) {
          end = tierRounds(broker, topic, mixed, scale.mixedRounds(), () -> !restarts.done());
        }
        Duration tieringTime = Duration.ofNanos(System.nanoTime() - start);

        long recordsChecked = ServedExactly.assertAtBothIsolationLevels(broker, topic, mixed.produced(), READING_TIMEOUT);
        Duration consumingTime = Duration.ofNanos(System.nanoTime() - start).minus(tieringTime);
        Map<String, String> direct = new HashMap<>(catalog);
        direct.put("io-impl", LocalFileIO.class.getName());
        int segments = assertMainAndManifestsHold(broker, warehouse, direct, end, mixed);
        assertTrue(postgres.restartCount() >= scale.catalogRestarts(), "PostgreSQL restarted " + postgres.restarts()
            + " times, not " + scale.catalogRestarts() + ": too few commits to time them on");

        report = ReliabilityReport.of("Catalog faults: PostgreSQL restarted mid-commit",
                String.format("Scale `%s`: PostgreSQL (the JDBC catalog) restarted %d times, each the moment Floe wrote a "
                    + "segment's manifest, right before its commit; by turns a fast shutdown and a kill -9.", scale.name(),
                    postgres.restartCount()))
            .figure("segments tiered", segments)
            .figure("PostgreSQL restarts at a commit after a fast shutdown",
                postgres.restarts().getOrDefault(RestartablePostgres.Stop.FAST_SHUTDOWN, 0))
            .figure("PostgreSQL restarts at a commit after a kill -9", postgres.restarts().getOrDefault(RestartablePostgres.Stop.KILL, 0))
            .figure("records checked (consumed from offset 0 and compared, both isolation levels)", recordsChecked)
            .retries(BrokerRetries.of(broker.logs()))
            .figure("commits that failed but had landed (Floe found them in the catalog)",
                broker.logs().serverLogLinesContaining(LANDED))
            .figure("tiering time", tieringTime)
            .figure("consuming and checking time", consumingTime);
      }
      Map<String, String> direct = new HashMap<>(catalog);
      direct.put("io-impl", LocalFileIO.class.getName()); // the tests' JVM has no Hadoop for Iceberg's default
      addOrphanFigures(report, cleanUpOrphans(direct, warehouse));
      publish(report.figure("violations", 0).figure("load average at the end (1, 5, 15 min)", LoadAverage.now()));
    }
  }

  private void restScenario(FaultsScale scale, long seed) throws Exception {
    Path warehouse = dir.resolve("warehouse");
    Map<String, String> server = Map.of(
        "warehouse", warehouse.toString(),
        "uri", "jdbc:sqlite:" + dir.resolve("rest-catalog.db"),
        "io-impl", LocalFileIO.class.getName());
    try (IcebergRestFixture rest = IcebergRestFixture.start(server);
        FaultyCatalog faulty = FaultyCatalog.start(rest.uri(), REST_FAULT_RATES, seed)) {
      Map<String, String> catalog = Map.of("type", "rest", "uri", faulty.endpoint().toString(),
          "warehouse", warehouse.toString());
      // an operator's timeouts: a catalog that stops answering costs seconds, not minutes
      Map<String, String> timeouts = Map.of(
          "iceberg.catalog.rest.client.connection-timeout-ms", "2000",
          "iceberg.catalog.rest.client.socket-timeout-ms", "3000");
      ReliabilityReport report;
      try (KafkaBroker broker = startBroker(catalog, timeouts)) {
        TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).withPartitions(scale.partitions()).create(broker);
        Workloads mixed = new Workloads(broker, topic);
        long start = System.nanoTime();
        Map<TopicPartition, Long> end = tierRounds(broker, topic, mixed, scale.mixedRounds(),
            () -> !faulty.injected().kindsMissingOn(CatalogOperation.COMMIT).isEmpty());
        InjectedFaults<CatalogFault, CatalogOperation> tiering = faulty.injected();
        Duration tieringTime = Duration.ofNanos(System.nanoTime() - start);

        long recordsChecked = ServedExactly.assertAtBothIsolationLevels(broker, topic, mixed.produced(), READING_TIMEOUT);
        Duration consumingTime = Duration.ofNanos(System.nanoTime() - start).minus(tieringTime);
        Map<String, String> direct = Map.of("type", "rest", "uri", rest.uri().toString(), "io-impl", LocalFileIO.class.getName());
        int segments = assertMainAndManifestsHold(broker, warehouse, direct, end, mixed);
        assertEquals(Set.of(), tiering.kindsMissingOn(CatalogOperation.COMMIT),
            "fault kinds never injected on commits while tiering: " + tiering);

        report = ReliabilityReport.of("Catalog faults: REST catalog",
                String.format("Scale `%s`, fault rates %.0f %% of table loads and %.0f %% of commits, seed %d (replay with "
                    + "`-Dfaults.seed=%d`).", scale.name(), REST_FAULT_RATES.get(CatalogOperation.LOAD) * 100,
                    REST_FAULT_RATES.get(CatalogOperation.COMMIT) * 100, seed, seed))
            .figure("segments tiered", segments)
            .figure("records checked (consumed from offset 0 and compared, both isolation levels)", recordsChecked)
            .retries(BrokerRetries.of(broker.logs()))
            .figure("commits that failed but had landed (Floe found them in the catalog)",
                broker.logs().serverLogLinesContaining(LANDED))
            .figure("tiering time", tieringTime)
            .figure("consuming and checking time", consumingTime)
            .faults("Faults injected while tiering", tiering);
      }
      // the fixture itself, not the faulty proxy: the clean-up checks what the faults left
      addOrphanFigures(report, cleanUpOrphans(Map.of("type", "rest", "uri", rest.uri().toString(), "warehouse", warehouse.toString()),
          warehouse));
      publish(report.figure("violations", 0).figure("load average at the end (1, 5, 15 min)", LoadAverage.now()));
    }
  }

  private KafkaBroker startBroker(Map<String, String> catalog, Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(more);
    catalog.forEach((key, value) -> settings.put("iceberg.catalog." + key, value));
    return KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(), FloeDistribution.built().withSettings(settings)),
        dir.resolve("broker"));
  }

  /**
   * Rounds of the mixed workload, each tiered to its end before the next: at least {@code rounds},
   * more while {@code more} holds (at most {@link #MAX_EXTRA_ROUNDS}). Returns the offsets before
   * which everything is tiered.
   */
  private static Map<TopicPartition, Long> tierRounds(KafkaBroker broker, TieredTopic topic, Workloads mixed, int rounds,
      BooleanSupplier more) {
    Map<TopicPartition, Long> end;
    int round = 0;
    do {
      mixed.mixed(BATCHES_PER_SEGMENT);
      end = topic.stableEndOffsets(broker, TIERING_TIMEOUT);
      // rolls each partition's last segment: the active one is never tiered
      mixed.plain(topic.partitions() * (BATCHES_PER_SEGMENT + 1));
      topic.awaitTieredBefore(broker, end, TIERING_TIMEOUT);
      round++;
    } while (round < rounds || (more.getAsBoolean() && round < rounds + MAX_EXTRA_ROUNDS));
    return end;
  }

  /**
   * The invariants past consuming: {@code main} holds exactly what a read_committed consumer reads
   * before {@code end}, no segment manifest lists a missing file, and no broker thread died.
   * Returns the number of segments the manifests describe.
   */
  private static int assertMainAndManifestsHold(KafkaBroker broker, Path warehouse, Map<String, String> catalog,
      Map<TopicPartition, Long> end, Workloads mixed) {
    MainRows.of(catalog, TOPIC).assertHoldsExactlyBefore(end, mixed.produced().visibleTo(IsolationLevel.READ_COMMITTED));
    assertEquals(Set.of(), KafkaView.missingFiles(warehouse, TOPIC), "files segment manifests list, missing from the warehouse");
    assertEquals(0, broker.logs().linesContaining("Uncaught exception"), "a broker thread died: " + broker.describeLogs());
    return KafkaView.filesBySegment(warehouse, TOPIC).size();
  }

  /**
   * With the broker gone, nothing writes any more: the files of uploads whose commit failed must go
   * once they are older than the cut-off, with the manifest of an upload whose commit had an unknown
   * outcome and did not land.
   */
  private OrphanCleanup.Orphans cleanUpOrphans(Map<String, String> catalog, Path warehouse) {
    return new OrphanCleanup(FloeDistribution.built(), dir.resolve("orphan-cleanup"), catalog)
        .run(warehouse, List.of(TOPIC));
  }

  private static void addOrphanFigures(ReliabilityReport report, OrphanCleanup.Orphans orphans) {
    report.orphans(orphans);
  }

  private static void publish(ReliabilityReport report) {
    System.out.println(report.markdown());
    Optional.ofNullable(System.getProperty(REPORT_PROPERTY)).map(Path::of).ifPresent(report::writeTo);
  }
}
