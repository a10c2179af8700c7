package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.check.MainRows;
import io.floe.e2e.check.ServedExactly;
import io.floe.e2e.bench.LoadAverage;
import io.floe.e2e.faults.BrokerRetries;
import io.floe.e2e.faults.FaultKind;
import io.floe.e2e.faults.FaultsScale;
import io.floe.e2e.faults.FaultyObjectStore;
import io.floe.e2e.faults.InjectedFaults;
import io.floe.e2e.faults.OrphanCleanup;
import io.floe.e2e.faults.ReliabilityReport;
import io.floe.e2e.faults.StoreOperation;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.KafkaView;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.EvolvingWorkload;
import io.floe.e2e.workload.RegistryFormat;
import io.floe.e2e.workload.Workloads;
import io.floe.plugin.S3ProxyServer;
import io.floe.translator.registry.ConfluentRegistryServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Floe on S3 while the object store fails: every request of Floe's goes through a
 * {@link FaultyObjectStore} that answers 10 % of uploads, reads, lists and deletes with a 500, a
 * 503 SlowDown, a reset connection, a stall past the client's timeouts or a truncated answer. A
 * mixed workload (every codec, transactions) and a typed one are tiered and consumed back from
 * offset 0, and nothing may be lost, duplicated or altered, while maintenance compacts the untyped
 * topic's table; once the broker is stopped and the cut-off passed, {@code floe maintain} leaves no
 * orphan ({@link OrphanCleanup}; S3Proxy keeps its objects on disk so that they can be aged). The
 * size comes from
 * {@link FaultsScale}: a smoke run in every build, a long one in the {@code faults} profile.
 */
class ObjectStoreFaultsIT {
  private static final double FAULT_RATE = 0.10;
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final String BUCKET = "floe-warehouse";
  private static final String WAREHOUSE = "s3://" + BUCKET + "/warehouse";
  private static final Duration TIERING_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration READING_TIMEOUT = Duration.ofMinutes(5);
  // passes of consuming until every fault kind reached a read: one, unless a pass drew few faults
  private static final int MAX_READING_PASSES = 5;
  /**
   * Maintenance of the untyped topic's table a second after the last pass, compacting every file:
   * it lists and deletes, and re-points segments while they are consumed.
   */
  private static final Map<String, String> MAINTENANCE = Map.of(
      "maintenance.topics", "payments",
      "maintenance.interval.ms", "1000",
      "maintenance.compaction.min-age.ms", "0");
  /** Where to write the report of a run that passed; without it, the report only goes to standard output. */
  private static final String REPORT_PROPERTY = "faults.report";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void everyAcknowledgedRecordIsServedExactlyWhileTheStoreFails() throws Exception {
    FaultsScale scale = FaultsScale.fromSystemProperty();
    long seed = Long.getLong("faults.seed", System.nanoTime());
    try {
      runScenario(scale, seed);
    } catch (AssertionError e) {
      throw new AssertionError("With faults of seed " + seed + " (replay with -Dfaults.seed=" + seed + "): " + e.getMessage(), e);
    }
  }

  private void runScenario(FaultsScale scale, long seed) throws Exception {
    // on disk: the objects are files the clean-up at the end can age
    try (S3ProxyServer s3 = S3ProxyServer.startOnDisk(dir);
        S3Client bucket = s3.client();
        FaultyObjectStore store = FaultyObjectStore.start(s3.endpoint(), FAULT_RATE, seed)) {
      bucket.createBucket(b -> b.bucket(BUCKET)); // on S3Proxy itself: the test's own request is not faulted
      Map<String, String> settings = new HashMap<>();
      catalog(store.endpoint().toString()).forEach((key, value) -> settings.put("iceberg.catalog." + key, value));
      settings.putAll(clientTimeouts());
      settings.putAll(MAINTENANCE);
      Map<String, String> direct = catalog(s3.endpoint().toString());
      ReliabilityReport report;
      try (ConfluentRegistryServer registry = ConfluentRegistryServer.start();
          KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(),
              FloeDistribution.built().withSettings(withRegistry(settings, registry))), dir.resolve("broker"))) {
        TieredTopic payments = TieredTopic.named("payments", BATCHES_PER_SEGMENT).withPartitions(scale.partitions()).create(broker);
        // the typed workload writes partition 0 only
        TieredTopic orders = TieredTopic.named("orders", BATCHES_PER_SEGMENT).create(broker);
        long start = System.nanoTime();
        Workloads mixed = new Workloads(broker, payments);
        EvolvingWorkload typed = new EvolvingWorkload(broker, orders, registry, RegistryFormat.AVRO.orders());
        for (int round = 0; round < scale.mixedRounds(); round++) {
          mixed.mixed(BATCHES_PER_SEGMENT);
        }
        typed.evolveHalfway(scale.typedBatchesPerVersion());
        Map<TopicPartition, Long> paymentsEnd = payments.stableEndOffsets(broker, TIERING_TIMEOUT);
        Map<TopicPartition, Long> ordersEnd = orders.endOffsets(broker);
        // rolls each partition's last segment: the active one is never tiered
        mixed.plain(scale.partitions() * (BATCHES_PER_SEGMENT + 1));
        typed.orders(BATCHES_PER_SEGMENT + 1);
        payments.awaitTieredBefore(broker, paymentsEnd, TIERING_TIMEOUT);
        orders.awaitTieredBefore(broker, ordersEnd, TIERING_TIMEOUT);
        InjectedFaults<FaultKind, StoreOperation> copying = store.injected();
        Duration tieringTime = Duration.ofNanos(System.nanoTime() - start);

        long recordsChecked = 0;
        int passes = 0;
        do {
          recordsChecked += ServedExactly.assertAtBothIsolationLevels(broker, payments, mixed.produced(), READING_TIMEOUT);
          recordsChecked += ServedExactly.assertAtBothIsolationLevels(broker, orders, typed.produced(), READING_TIMEOUT);
          passes++;
        } while (!store.injected().since(copying).kindsMissingOn(StoreOperation.READ).isEmpty() && passes < MAX_READING_PASSES);
        InjectedFaults<FaultKind, StoreOperation> fetching = store.injected().since(copying);
        Duration consumingTime = Duration.ofNanos(System.nanoTime() - start).minus(tieringTime);

        MainRows.of(direct, payments.name()).assertHoldsExactlyBefore(paymentsEnd,
            mixed.produced().visibleTo(IsolationLevel.READ_COMMITTED));
        MainRows.of(direct, orders.name()).assertHoldsPositionsExactlyBefore(ordersEnd,
            typed.produced().visibleTo(IsolationLevel.READ_COMMITTED));
        Map<String, Set<String>> view = view(direct, payments, orders);
        assertEquals(Set.of(), missingFiles(bucket, view), "files segment manifests list, missing from the bucket");
        assertEquals(0, broker.logs().linesContaining("Uncaught exception"), "a broker thread died: " + broker.describeLogs());

        assertEquals(Set.of(), copying.kindsMissingOn(StoreOperation.UPLOAD),
            "fault kinds never injected on uploads while tiering: " + copying);
        assertEquals(Set.of(), fetching.kindsMissingOn(StoreOperation.READ),
            "fault kinds never injected on reads while consuming: " + fetching);
        assertTrue(copying.requests(StoreOperation.LIST) + fetching.requests(StoreOperation.LIST) > 0, "maintenance listed nothing");

        report = ReliabilityReport.of("Object-store faults", ReliabilityReport.conditions(scale, FAULT_RATE, seed))
            .figure("segments tiered", view.size())
            .figure("records checked (consumed from offset 0 and compared, both isolation levels, both topics)", recordsChecked)
            .retries(BrokerRetries.of(broker.logs()))
            .figure("tiering time", tieringTime)
            .figure("consuming and checking time", consumingTime)
            .faults("Faults injected while tiering", copying)
            .faults("Faults injected while consuming", fetching);
      }
      // The broker gone, nothing writes any more: the files of uploads whose commit or clean-up a
      // fault cut short must go once they are older than the cut-off. The tool reaches S3Proxy itself.
      OrphanCleanup.Orphans orphans = new OrphanCleanup(FloeDistribution.built(), dir.resolve("orphan-cleanup"), direct)
          .run(S3ProxyServer.objectsOnDisk(dir).resolve(BUCKET), List.of("payments", "orders"));
      report.orphans(orphans)
          .figure("maintenance leases the stopped broker still held (given back before `floe maintain`)",
              orphans.leasesGivenBack())
          .figure("violations", 0).figure("load average at the end (1, 5, 15 min)", LoadAverage.now());
      System.out.println(report.markdown());
      Optional.ofNullable(System.getProperty(REPORT_PROPERTY)).map(Path::of).ifPresent(report::writeTo);
    }
  }

  /** The catalog of FloeOnS3IT, its warehouse reached at {@code endpoint}: the faulty proxy for Floe, S3Proxy for the checks. */
  private Map<String, String> catalog(String endpoint) {
    return Map.of(
        // Iceberg merges a branch's manifests once there are 100 (commit.manifest.min-count-to-merge),
        // and a commit then reads every one; Iceberg's S3 stream does not retry a body cut short, so
        // at this fault rate a copy into a table of 100 manifests would succeed a few times in a
        // hundred: merging at 10 keeps each commit's reads few (docs/reliability.md).
        "table-default.commit.manifest.min-count-to-merge", "10",
        "type", "jdbc",
        "uri", "jdbc:sqlite:" + dir.resolve("catalog.db"),
        "warehouse", WAREHOUSE,
        "io-impl", S3FileIO.class.getName(),
        "s3.endpoint", endpoint,
        "s3.path-style-access", "true",
        "s3.access-key-id", S3ProxyServer.ACCESS_KEY,
        "s3.secret-access-key", S3ProxyServer.SECRET_KEY,
        "client.region", S3ProxyServer.REGION);
  }

  /**
   * What an operator sets so that a store that stops answering costs seconds, not minutes: the
   * HTTP client's timeouts, and the SDK's retries with short waits. One retry only, so that some
   * faults get past the SDK and Floe's own failure handling (and the broker's retries) is exercised too.
   */
  private static Map<String, String> clientTimeouts() {
    return Map.of(
        "iceberg.catalog.http-client.apache.connection-timeout-ms", "2000",
        "iceberg.catalog.http-client.apache.socket-timeout-ms", "3000",
        "iceberg.catalog.s3.retry.num-retries", "1",
        "iceberg.catalog.s3.retry.min-wait-ms", "100",
        "iceberg.catalog.s3.retry.max-wait-ms", "1000");
  }

  private static Map<String, String> withRegistry(Map<String, String> settings, ConfluentRegistryServer registry) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("schema.registry.url", registry.url());
    return all;
  }

  /** The data files each segment manifest of the topics lists, by segment id. */
  private static Map<String, Set<String>> view(Map<String, String> catalog, TieredTopic... topics) {
    Map<String, Set<String>> view = new HashMap<>();
    try (S3FileIO io = new S3FileIO()) {
      io.initialize(catalog);
      for (TieredTopic topic : topics) {
        view.putAll(KafkaView.filesBySegment(io, WAREHOUSE + "/_floe/manifests", topic.name()));
      }
    }
    return view;
  }

  /** The files of {@code view} that are not objects of the bucket. */
  private static Set<String> missingFiles(S3Client bucket, Map<String, Set<String>> view) {
    Set<String> objects = bucket.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
        .map(object -> "s3://" + BUCKET + "/" + object.key()).collect(Collectors.toSet());
    return view.values().stream().flatMap(Set::stream).filter(file -> !objects.contains(file))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
