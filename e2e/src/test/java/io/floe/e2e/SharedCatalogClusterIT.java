package io.floe.e2e;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaCluster;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.broker.RemoteStoragePlugin;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.check.MainRows;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.topic.TopicCopying;
import io.floe.e2e.workload.Workloads;
import io.floe.plugin.IcebergRestFixture;
import io.floe.plugin.LoopbackGcsServer;
import io.floe.plugin.S3ProxyServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Three brokers sharing one catalog (Iceberg's JDBC catalog on a real PostgreSQL server, or
 * Iceberg's own REST catalog server) and one bucket (S3Proxy, or the loopback Cloud Storage of
 * {@link LoopbackGcsServer}), as a production cluster shares them: replication factor 3, partitions led by
 * every broker, all of them uploading into one table at once, and a leader killed while it copies.
 * Then every record comes back exactly at both isolation levels, and {@code main} holds exactly
 * what a read_committed consumer reads: no commit lost to a conflict, no offset twice.
 */
class SharedCatalogClusterIT {
  private static final String TOPIC = "orders";
  private static final String BUCKET = "floe-shared";
  private static final int NODES = 3;
  private static final int PARTITIONS = 6;
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final Duration COPY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(180);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void threeBrokersUploadingIntoOneTableOnPostgresAndS3LoseNoCommit() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres"))
            .setCleanDataDirectory(true).start();
        S3ProxyServer s3 = S3ProxyServer.start(dir);
        S3Client client = s3.client()) {
      client.createBucket(bucket -> bucket.bucket(BUCKET));
      Map<String, String> catalog = new HashMap<>(onS3(s3));
      catalog.putAll(onPostgres(postgres));
      assertNoCommitLost(catalog);
    }
  }

  @Test
  void threeBrokersUploadingIntoOneTableOnARestCatalogAndS3LoseNoCommit() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start(dir);
        S3Client client = s3.client()) {
      client.createBucket(bucket -> bucket.bucket(BUCKET));
      // Iceberg's own REST catalog server writes the tables' metadata to the same bucket.
      Map<String, String> server = new HashMap<>(onS3(s3));
      server.put("uri", "jdbc:sqlite:" + dir.resolve("rest-catalog.db"));
      try (IcebergRestFixture rest = IcebergRestFixture.start(server)) {
        Map<String, String> catalog = new HashMap<>(onS3(s3));
        catalog.putAll(Map.of("type", "rest", "uri", rest.uri().toString()));
        assertNoCommitLost(catalog);
      }
    }
  }

  @Test
  void threeBrokersUploadingIntoOneTableOnPostgresAndGcsLoseNoCommit() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres"))
            .setCleanDataDirectory(true).start();
        LoopbackGcsServer gcs = LoopbackGcsServer.withBuckets(BUCKET)) {
      Map<String, String> catalog = new HashMap<>(onPostgres(postgres));
      // The brokers' Cloud Storage clients, in their own processes, share the test's loopback server.
      catalog.putAll(Map.of(
          "warehouse", "gs://" + BUCKET + "/warehouse",
          "io-impl", "org.apache.iceberg.gcp.gcs.GCSFileIO",
          "gcs.service.host", gcs.endpoint().toString(),
          "gcs.project-id", "floe-test",
          "gcs.no-auth", "true"));
      assertNoCommitLost(catalog);
    }
  }

  /** Iceberg's JDBC catalog on the test's PostgreSQL server. */
  private static Map<String, String> onPostgres(EmbeddedPostgres postgres) {
    return Map.of(
        "type", "jdbc",
        "uri", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
        "jdbc.user", "postgres");
  }

  /** The warehouse in the test's bucket, through Iceberg's S3FileIO. */
  private static Map<String, String> onS3(S3ProxyServer s3) {
    return Map.of(
        "warehouse", "s3://" + BUCKET + "/warehouse",
        "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
        "s3.endpoint", s3.endpoint().toString(),
        "s3.path-style-access", "true",
        "s3.access-key-id", S3ProxyServer.ACCESS_KEY,
        "s3.secret-access-key", S3ProxyServer.SECRET_KEY,
        "client.region", S3ProxyServer.REGION);
  }

  /** Three brokers with Floe on {@code catalog}: a mixed workload, a leader killed mid-copy, then everything exact. */
  private void assertNoCommitLost(Map<String, String> catalog) {
    Map<String, String> settings = new HashMap<>();
    catalog.forEach((key, value) -> settings.put("iceberg.catalog." + key, value));
    RemoteStoragePlugin floe = FloeDistribution.built().withSettings(settings);
    try (KafkaCluster cluster = KafkaCluster.start(BrokerSpec.of(KafkaDistribution.current(), floe), NODES,
        dir.resolve("cluster"))) {
      TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).withPartitions(PARTITIONS)
          .withReplicationFactor(NODES).create(cluster);
      Workloads workloads = new Workloads(cluster, topic);
      // Held back while producing, so that every broker's copies start at once when released.
      TopicCopying.hold(cluster, topic);
      workloads.mixed(BATCHES_PER_SEGMENT);
      Map<TopicPartition, Long> end = topic.stableEndOffsets(cluster, TIERING_TIMEOUT);
      workloads.plain(PARTITIONS * (BATCHES_PER_SEGMENT + 1)); // rolls each partition's last segment
      TopicPartition first = topic.topicPartitions().get(0);
      int killed = cluster.leaderOf(first);

      TopicCopying.release(cluster, topic);
      cluster.logs(killed).awaitCopyStarted(first, 2, COPY_TIMEOUT);
      cluster.kill(killed);
      topic.awaitTieredBefore(cluster, end, TIERING_TIMEOUT);
      cluster.restart(killed);

      ConsumedRecords.fromStart(cluster, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(workloads.produced());
      ConsumedRecords.fromStart(cluster, topic, IsolationLevel.READ_COMMITTED).assertExactly(workloads.produced());
      MainRows.of(catalog, TOPIC).assertHoldsExactlyBefore(end, workloads.produced().visibleTo(IsolationLevel.READ_COMMITTED));
    }
  }
}
