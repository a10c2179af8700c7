package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.bench.LoadAverage;
import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaCluster;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.broker.RecordedRemoteSegments;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.check.MainRows;
import io.floe.e2e.check.UnreadAborts;
import io.floe.e2e.faults.BrokerChaos;
import io.floe.e2e.faults.CrashReport;
import io.floe.e2e.faults.FaultsScale;
import io.floe.e2e.faults.OrphanCleanup;
import io.floe.e2e.faults.ProducingLoop;
import io.floe.e2e.faults.RemoteLogActivity;
import io.floe.e2e.faults.RemoteReader;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.floe.KafkaView;
import io.floe.e2e.topic.AdminCalls;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.ProducedRecords;
import io.floe.e2e.workload.Workloads;
import io.floe.plugin.storage.LocalFileIO;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers with Floe, sharing one catalog (Iceberg's JDBC catalog on a real PostgreSQL
 * server) and one warehouse, tier a topic of replication factor 3 (two replicas in sync to
 * acknowledge) whose local copies go at once and whose log is kept to a few segments: the brokers
 * copy, delete remote segments for retention and serve remote reads all the time. A producer keeps
 * producing (idempotent, acks=all, transactions among plain batches), a consumer keeps reading the
 * remote part, and {@link BrokerChaos} kills a broker (SIGKILL) while it copies, deletes or serves a
 * remote read, restarts it, and moves leadership back, again and again. Then every acknowledged
 * record still within retention is read exactly, {@code main} holds every committed record once,
 * every file a manifest lists is there, and once the orphan cut-off has passed, {@code floe
 * maintain} leaves no orphan. The number of kills comes from {@link FaultsScale}: a few in every
 * build, two dozen in the {@code faults} profile.
 */
class BrokerCrashFaultsIT {
  private static final String TOPIC = "crashes";
  private static final int NODES = 3;
  /**
   * A segment rolls once its records span this much of their timestamps, which the workload
   * advances a millisecond a record: about a hundred records a segment. Not tiny index files: a
   * follower catching up after a restart appends many batches at once, more than they would hold.
   */
  private static final Duration SEGMENT_SPAN = Duration.ofMillis(100);
  private static final int BATCHES_PER_ROUND = 4;
  /** Batches of five records whose timestamps span a segment. */
  private static final int SEGMENT_SPAN_BATCHES = 20;
  /** About six segments a partition: retention deletes a remote segment for about every one tiered. */
  private static final long RETENTION_BYTES = 64 * 1024;
  private static final Duration TIERING_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration READING_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration DELETION_TIMEOUT = Duration.ofMinutes(1);
  private static final String REPORT_PROPERTY = "faults.report";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void everyAcknowledgedRecordWithinRetentionIsServedExactlyWhileBrokersCrash() throws Exception {
    FaultsScale scale = FaultsScale.fromSystemProperty();
    long seed = Long.getLong("faults.seed", System.nanoTime());
    try {
      runScenario(scale, seed);
    } catch (AssertionError e) {
      throw new AssertionError("With kills of seed " + seed + " (replay with -Dfaults.seed=" + seed + "): " + e.getMessage(), e);
    }
  }

  private void runScenario(FaultsScale scale, long seed) throws Exception {
    long start = System.nanoTime();
    Path warehouse = dir.resolve("warehouse");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres"))
        .setCleanDataDirectory(true).start()) {
      Map<String, String> catalog = catalog(warehouse, postgres);
      Map<String, String> settings = new HashMap<>();
      catalog.forEach((key, value) -> settings.put("iceberg.catalog." + key, value));
      FloeDistribution floe = FloeDistribution.built();
      BrokerChaos.Crashes crashes;
      RemoteLogActivity activity;
      RemoteReader.Reading reading;
      ProducedRecords produced;
      long recordsChecked;
      UnreadAborts unreadAborts;
      long unreadAbortedRecords;
      int manifestsChecked;
      Duration chaosTime;
      try (KafkaCluster cluster = KafkaCluster.start(BrokerSpec.of(KafkaDistribution.current(), floe.withSettings(settings)),
          NODES, dir.resolve("cluster"))) {
        TieredTopic topic = TieredTopic.rollingEvery(TOPIC, SEGMENT_SPAN).withPartitions(scale.partitions())
            .withReplicationFactor(NODES).withRetentionBytes(RETENTION_BYTES).create(cluster);
        Workloads workloads = new Workloads(cluster, topic);
        long chaosStart = System.nanoTime();
        ProducingLoop producing = ProducingLoop.start(workloads, BATCHES_PER_ROUND);
        RemoteReader reader = RemoteReader.start(cluster, topic);
        try {
          crashes = new BrokerChaos(cluster, topic, reader, segment -> hasManifest(warehouse, segment), seed)
              .run(scale.brokerKills());
        } finally {
          reader.close();
        }
        producing.stop();
        reading = reader.stop();
        chaosTime = Duration.ofNanos(System.nanoTime() - chaosStart);
        reading.failure().ifPresent(e -> {
          throw new AssertionError("The remote reader failed: " + e + "\n" + cluster.describeLogs(), e);
        });

        Map<TopicPartition, Long> end = topic.stableEndOffsets(cluster, TIERING_TIMEOUT);
        workloads.plain(scale.partitions() * (SEGMENT_SPAN_BATCHES + 1)); // rolls each partition's last segment
        topic.awaitTieredBefore(cluster, end, TIERING_TIMEOUT);
        produced = workloads.produced();

        List<RecordedRemoteSegments.RecordedSegment> recorded = RecordedRemoteSegments.finished(cluster, TOPIC);
        assertFalse(recorded.isEmpty(), "no finished remote segment in Kafka's remote log metadata");
        unreadAborts = UnreadAborts.of(recorded, KafkaView.abortsBySegment(warehouse, TOPIC));
        Served served = assertServedExactlyFromLogStart(cluster, topic, produced, unreadAborts);
        recordsChecked = served.checked();
        unreadAbortedRecords = served.unreadAborted();
        MainRows.of(catalog, TOPIC).assertHoldsExactlyBefore(end, produced.visibleTo(IsolationLevel.READ_COMMITTED));
        assertEquals(Set.of(), KafkaView.missingFiles(warehouse, TOPIC), "files segment manifests list, missing from the warehouse");
        awaitNoManifestBeforeLogStart(cluster, topic, warehouse);
        manifestsChecked = KafkaView.filesBySegment(warehouse, TOPIC).size();
        List<Integer> nodes = cluster.nodeIds();
        for (int node : nodes) {
          // a thread that died (Kafka's handler); not a scheduled task's failure, which Kafka logs and runs again
          assertEquals(0, cluster.logs(node).linesContaining("Uncaught exception in thread"),
              "a thread of broker " + node + " died: " + cluster.logs(node).describe());
        }
        activity = RemoteLogActivity.of(nodes.stream().map(cluster::logs).toList());
        assertEquals(scale.brokerKills(), crashes.total(), "kills");
        assertTrue(activity.deletionsStarted() > 0, "retention deleted no remote segment: " + activity);
        assertTrue(reading.remoteRecords() > 0, "the reader read nothing from remote storage");
      }

      // Every broker gone, nothing writes any more: what an upload or a deletion cut short left
      // behind must go once it is older than the cut-off.
      OrphanCleanup.Orphans orphans = new OrphanCleanup(floe, dir.resolve("orphan-cleanup"), catalog)
          .run(warehouse, List.of(TOPIC));

      CrashReport report = new CrashReport("Broker crashes", scale, seed, crashes, activity,
          produced.visibleTo(IsolationLevel.READ_UNCOMMITTED).size(), recordsChecked, unreadAborts.transactions(),
          unreadAbortedRecords, reading, manifestsChecked,
          orphans.found(), orphans.removed(), chaosTime, Duration.ofNanos(System.nanoTime() - start),
          LoadAverage.now().toString());
      System.out.println(report.markdown());
      Optional.ofNullable(System.getProperty(REPORT_PROPERTY)).map(Path::of).ifPresent(report::writeTo);
    }
  }

  /**
   * Consumed from the log start at both isolation levels, exactly the acknowledged records from
   * there on, in order. Retention goes on deleting while the consumers read: a consumer may go on
   * from a later log start only where the broker answered its next offset out of range, and then
   * must read every record from there. Returns how many records were compared.
   */
  private static Served assertServedExactlyFromLogStart(KafkaCluster cluster, TieredTopic topic,
      ProducedRecords produced, UnreadAborts unreadAborts) {
    long checked = 0;
    long unreadAborted = 0;
    for (IsolationLevel isolation : IsolationLevel.values()) {
      ConsumedRecords consumed = ConsumedRecords.fromLogStart(cluster, topic, isolation, READING_TIMEOUT);
      ConsumedRecords checkable = consumed.withoutUnreadAborts(produced, unreadAborts);
      checkable.assertExactly(produced);
      checked += checkable.records().size();
      unreadAborted += consumed.records().size() - checkable.records().size();
    }
    return new Served(checked, unreadAborted);
  }

  /** Records compared, and aborted records a broker served to read_committed that {@link UnreadAborts} excuses. */
  private record Served(long checked, long unreadAborted) {}

  /** Waits until no manifest is left of a segment wholly before its partition's log start: Kafka deleted it, so must Floe. */
  private static void awaitNoManifestBeforeLogStart(KafkaCluster cluster, TieredTopic topic, Path warehouse) {
    long deadline = System.nanoTime() + DELETION_TIMEOUT.toNanos();
    Set<String> left;
    while (!(left = KafkaView.manifestsBefore(warehouse, TOPIC, logStart(cluster, topic))).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.format("Manifests of segments before the log start still there after %s: %s%n%s",
            DELETION_TIMEOUT, left, cluster.describeLogs()));
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for remote deletions", e);
      }
    }
  }

  /** Each partition's log start offset (remote storage included), as the cluster answers it now. */
  private static Map<TopicPartition, Long> logStart(KafkaCluster cluster, TieredTopic topic) {
    Map<TopicPartition, OffsetSpec> request = topic.topicPartitions().stream()
        .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.earliest()));
    return AdminCalls.answer("list the log start offsets of " + topic.name(), cluster.admin().listOffsets(request).all())
        .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** Whether the segment of id {@code segmentId} still has its manifest: Floe has not finished deleting it. */
  private static boolean hasManifest(Path warehouse, String segmentId) {
    Path manifests = warehouse.resolve("_floe/manifests");
    if (!Files.isDirectory(manifests)) {
      return false;
    }
    while (true) {
      try (Stream<Path> files = Files.walk(manifests)) {
        return files.anyMatch(file -> file.getFileName().toString().equals(segmentId + ".floe-manifest"));
      } catch (UncheckedIOException deletedWhileListed) {
        // a broker deleted a manifest's directory under the walk: list again
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the manifests under " + manifests, e);
      }
    }
  }

  /** Iceberg's JDBC catalog on the test's PostgreSQL server, its warehouse a local directory shared by the brokers. */
  private static Map<String, String> catalog(Path warehouse, EmbeddedPostgres postgres) {
    return Map.of(
        "type", "jdbc",
        "uri", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
        "jdbc.user", "postgres",
        "warehouse", warehouse.toUri().toString(),
        "io-impl", LocalFileIO.class.getName());
  }
}
