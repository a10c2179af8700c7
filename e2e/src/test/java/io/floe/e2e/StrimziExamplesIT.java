package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerJmx.ExportedSample;
import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaCluster;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.broker.KafkaService;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.strimzi.KafkaContainerEnvironment;
import io.floe.e2e.strimzi.StrimziBrokerConfig;
import io.floe.e2e.strimzi.StrimziManifest;
import io.floe.e2e.strimzi.StrimziMetricsConfig;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.Workloads;
import io.floe.plugin.S3ProxyServer;
import io.floe.plugin.config.FloeConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Strimzi examples of deploy/strimzi as a Strimzi 0.49 operator reads them: each file's
 * resources read with Strimzi's own model (a field it does not know fails), the broker properties
 * its operator writes for them ({@link StrimziBrokerConfig}), and the Kafka container's
 * environment from their secrets ({@link KafkaContainerEnvironment}). The examples that run here
 * run on real brokers with exactly those properties, so that they cannot drift from what works.
 *
 * <p>What a Kubernetes cluster would provide is substituted, each in plain sight below: the
 * image's plugin directory is the built distribution's, the pod's data volume a directory of the
 * test, the S3 bucket S3Proxy's, the catalog database an embedded PostgreSQL server, the secrets
 * the test's own values.
 */
class StrimziExamplesIT {
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(120);
  private static final Path EXAMPLES = Path.of(System.getProperty("floe.strimzi.examples", "../deploy/strimzi"));
  /** Where the Dockerfile puts the distribution's jars, as the examples' classPath names them. */
  private static final String IMAGE_PLUGIN_CLASS_PATH = "/opt/kafka/plugins/floe/lib/*";
  /** The pod's data volume 0, where Strimzi mounts a JBOD volume of id 0. */
  private static final String DATA_VOLUME = "/var/lib/kafka/data-0";
  private static final String BUCKET = "floe-warehouse";
  /** The ConfigMap of the exporter configuration the examples' metricsConfig names. */
  private static final Path METRICS_CONFIG = EXAMPLES.resolve("floe-metrics-config.yaml");
  private static final String CATALOG_PASSWORD = "catalog-s3cr3t-for-no-log";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /** The image, the examples and these tests agree on where Floe is and which Kafka runs it. */
  @Test
  void theDockerfileInstallsFloeWhereTheExamplesLoadItFromOnTheKafkaTheyRun() throws IOException {
    String kafkaVersion = KafkaDistribution.ofStrimziImage().version();
    String dockerfile = Files.readString(EXAMPLES.resolve("Dockerfile"));
    String pluginDir = IMAGE_PLUGIN_CLASS_PATH.substring(0, IMAGE_PLUGIN_CLASS_PATH.length() - "/lib/*".length());
    assertTrue(dockerfile.contains("RUN mv /opt/kafka/plugins/floe-* " + pluginDir), dockerfile);
    assertTrue(dockerfile.contains("ARG STRIMZI_KAFKA_IMAGE=quay.io/strimzi/kafka:0.49.0-kafka-" + kafkaVersion), dockerfile);
    for (String example : List.of("kafka-floe-local.yaml", "kafka-floe-s3-postgres.yaml", "kafka-floe-s3-rest.yaml")) {
      StrimziManifest manifest = StrimziManifest.read(EXAMPLES.resolve(example), Map.of());
      assertEquals(IMAGE_PLUGIN_CLASS_PATH, StrimziBrokerConfig.of(manifest.kafka()).remoteStorage().classPath().orElseThrow(),
          example);
      assertEquals(kafkaVersion, manifest.kafka().getSpec().getKafka().getVersion(), example);
      assertTrue(StrimziMetricsConfig.of(manifest.kafka(), METRICS_CONFIG).contains("io.floe<"), example);
    }
  }

  /** The embedded default: one node, a SQLite catalog and the warehouse on the pod's data volume. */
  @Test
  void theEmbeddedDefaultExampleTiersATopicOnItsDataVolumeAndServesItBack() throws IOException {
    Path dataVolume = Files.createDirectories(dir.resolve("data-0"));
    StrimziManifest manifest = StrimziManifest.read(EXAMPLES.resolve("kafka-floe-local.yaml"), Map.of(
        IMAGE_PLUGIN_CLASS_PATH, pluginClassPath(),
        DATA_VOLUME, dataVolume.toString()));
    assertEquals(1, manifest.nodePools().get(0).getSpec().getReplicas(), "one node: the embedded default is for one broker");
    StrimziBrokerConfig config = StrimziBrokerConfig.of(manifest.kafka());
    assertFloeAccepts(config);

    try (KafkaBroker broker = KafkaBroker.start(spec(config, Map.of()), dir.resolve("broker"))) {
      assertRoundTrip(broker, TieredTopic.named("orders", BATCHES_PER_SEGMENT).create(broker));
      assertMetricsExported(broker.jmx().exported(StrimziMetricsConfig.of(manifest.kafka(), METRICS_CONFIG)), "orders");
    }
    assertTrue(Files.isDirectory(dataVolume.resolve("floe-warehouse/kafka/orders/data")), "the table is on the data volume");
  }

  /**
   * Three brokers share the S3 warehouse and the PostgreSQL catalog; the S3 keys and the catalog's
   * password reach Floe from secrets through the container's environment, and no log has them.
   */
  @Test
  void theS3AndPostgresExampleTiersATopicOfThreeBrokersWithItsSecretsFromTheEnvironment() throws Exception {
    Path dataVolume = Files.createDirectories(dir.resolve("data-0"));
    try (S3ProxyServer s3 = S3ProxyServer.start(dir);
        S3Client client = s3.client();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres")).start()) {
      client.createBucket(b -> b.bucket(BUCKET));
      createCatalogDatabase(postgres, dir.resolve("postgres"));
      StrimziManifest manifest = StrimziManifest.read(EXAMPLES.resolve("kafka-floe-s3-postgres.yaml"), Map.of(
          IMAGE_PLUGIN_CLASS_PATH, pluginClassPath(),
          DATA_VOLUME, dataVolume.toString(),
          "s3://my-bucket/", "s3://" + BUCKET + "/",
          "eu-west-1", S3ProxyServer.REGION,
          "floe-catalog-db:5432", "localhost:" + postgres.getPort()));
      StrimziBrokerConfig config = StrimziBrokerConfig.of(manifest.kafka());
      assertFloeAccepts(config);
      Map<String, String> environment = KafkaContainerEnvironment.of(manifest.kafka(), Map.of(
          "floe-s3", Map.of("access-key-id", S3ProxyServer.ACCESS_KEY, "secret-access-key", S3ProxyServer.SECRET_KEY),
          "floe-catalog-db", Map.of("password", CATALOG_PASSWORD)));
      // S3Proxy is not AWS: these two keys are what any S3-compatible store needs (docs/configuration.md)
      BrokerSpec spec = spec(config, environment).withProperties(Map.of(
          "rsm.config.iceberg.catalog.s3.endpoint", s3.endpoint().toString(),
          "rsm.config.iceberg.catalog.s3.path-style-access", "true"));

      try (KafkaCluster cluster = KafkaCluster.start(spec, 3, dir.resolve("cluster"))) {
        assertRoundTrip(cluster, TieredTopic.named("payments", BATCHES_PER_SEGMENT).withPartitions(3)
            .withReplicationFactor(3).create(cluster));
      }
      assertTrue(Files.isDirectory(dataVolume.resolve("floe-staging")), "uploads are staged on the data volume");
      assertNoSecretIn(dir.resolve("cluster"), S3ProxyServer.SECRET_KEY, CATALOG_PASSWORD);
    }
  }

  /**
   * No REST catalog runs in these tests yet: the example is read as Strimzi reads it, and its
   * configuration must be one Floe accepts, its secrets only references to the environment.
   */
  @Test
  void theS3AndRestExampleConfiguresFloeWithItsSecretsFromTheEnvironment() {
    StrimziManifest manifest = StrimziManifest.read(EXAMPLES.resolve("kafka-floe-s3-rest.yaml"), Map.of());
    StrimziBrokerConfig config = StrimziBrokerConfig.of(manifest.kafka());
    assertFloeAccepts(config);

    assertEquals("rest", config.properties().get("rsm.config.iceberg.catalog.type"));
    assertEquals("${env:FLOE_CATALOG_CREDENTIAL}", config.properties().get("rsm.config.iceberg.catalog.credential"));
    assertEquals("env", config.properties().get("config.providers"));
    assertEquals(Map.of("AWS_ACCESS_KEY_ID", "key-id", "AWS_SECRET_ACCESS_KEY", "secret-key",
        "FLOE_CATALOG_CREDENTIAL", "client:secret"), KafkaContainerEnvironment.of(manifest.kafka(), Map.of(
            "floe-catalog", Map.of("credential", "client:secret"),
            "floe-s3", Map.of("access-key-id", "key-id", "secret-access-key", "secret-key"))));
  }

  /**
   * What the exporter Strimzi runs in the broker's pod would expose, with the example's
   * configuration: Floe's copies, commits and fetches of the topic, and the broker's own remote
   * copy lag.
   */
  private static void assertMetricsExported(List<ExportedSample> samples, String topic) {
    for (String counter : List.of("floe_copy_total", "floe_bytes_tiered_total", "floe_records_tiered_total",
        "floe_commit_attempts_total", "floe_fetch_total", "floe_bytes_served_total", "floe_records_served_total",
        "floe_index_fetch_total", "floe_values_raw_total")) {
      double total = samples.stream().filter(sample -> sample.name().equals(counter))
          .filter(sample -> topic.equals(sample.labels().get("topic"))).mapToDouble(ExportedSample::value).sum();
      assertTrue(total > 0, () -> counter + " of " + topic + " is not above 0 in " + samples);
    }
    assertTrue(samples.stream().anyMatch(sample -> sample.name().equals("floe_main_lag_offsets")
        && topic.equals(sample.labels().get("topic"))), () -> "no lag of " + topic + " in " + samples);
    assertTrue(samples.stream().anyMatch(sample -> sample.name().equals("kafka_server_brokertopicmetrics_remotecopylagbytes")
        && topic.equals(sample.labels().get("topic"))), () -> "no remote copy lag of " + topic + " in " + samples);
  }

  private static String pluginClassPath() {
    return FloeDistribution.built().home().resolve("lib") + "/*";
  }

  /**
   * The broker runs the Kafka release of the examples' image, the resource's properties over the
   * harness's defaults, and its container's environment.
   */
  private static BrokerSpec spec(StrimziBrokerConfig config, Map<String, String> environment) {
    return BrokerSpec.of(KafkaDistribution.ofStrimziImage(), config.remoteStorage())
        .withProperties(config.properties())
        .withEnvironment(environment);
  }

  /** Every key the resource gives Floe is one Floe knows, or one it hands on to Iceberg, and its values pass. */
  private static void assertFloeAccepts(StrimziBrokerConfig config) {
    Map<String, String> floe = config.remoteStorage().config();
    for (String key : floe.keySet()) {
      assertTrue(FloeConfig.definition().names().contains(key) || key.startsWith(FloeConfig.CATALOG_PREFIX)
          || key.startsWith(FloeConfig.REGISTRY_PREFIX), () -> "Floe has no key " + key);
    }
    new FloeConfig(new HashMap<>(floe));
  }

  private static void assertRoundTrip(KafkaService kafka, TieredTopic topic) {
    Workloads workloads = new Workloads(kafka, topic);
    workloads.mixed(BATCHES_PER_SEGMENT);
    Map<TopicPartition, Long> end = topic.stableEndOffsets(kafka, TIERING_TIMEOUT);
    workloads.plain(BATCHES_PER_SEGMENT + 1); // rolls the last segment: the active one is never tiered
    topic.awaitTieredBefore(kafka, end, TIERING_TIMEOUT);

    ConsumedRecords.fromStart(kafka, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(workloads.produced());
    ConsumedRecords.fromStart(kafka, topic, IsolationLevel.READ_COMMITTED).assertExactly(workloads.produced());
  }

  /**
   * The catalog's role and database, as an operator of the database would create them. The role
   * must give its password (the server trusts every local connection otherwise), so that the
   * brokers' catalog commits prove the secret reached Floe.
   */
  private static void createCatalogDatabase(EmbeddedPostgres postgres, Path dataDirectory) throws SQLException, IOException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE floe LOGIN PASSWORD '" + CATALOG_PASSWORD + "'");
      statement.execute("CREATE DATABASE iceberg OWNER floe");
      Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
          local all all trust
          host all postgres 127.0.0.1/32 trust
          host all postgres ::1/128 trust
          host all floe 127.0.0.1/32 scram-sha-256
          host all floe ::1/128 scram-sha-256
          """);
      statement.execute("SELECT pg_reload_conf()");
    }
    String catalog = "jdbc:postgresql://localhost:" + postgres.getPort() + "/iceberg";
    assertThrows(SQLException.class, () -> DriverManager.getConnection(catalog, "floe", "not-the-password").close(),
        "the catalog database refuses the role without its password");
  }

  /**
   * No log of the brokers shows a secret, and no properties file holds one: the properties name
   * environment variables.
   */
  private static void assertNoSecretIn(Path workDir, String... secrets) throws IOException {
    try (Stream<Path> files = Files.walk(workDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".properties")).toList()) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertFalse(text.contains(secret), () -> file + " holds a secret");
        }
      }
    }
  }
}
