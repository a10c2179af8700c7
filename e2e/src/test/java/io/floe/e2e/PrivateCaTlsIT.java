package io.floe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.e2e.broker.BrokerSpec;
import io.floe.e2e.broker.KafkaBroker;
import io.floe.e2e.broker.KafkaDistribution;
import io.floe.e2e.check.ConsumedRecords;
import io.floe.e2e.check.MainRows;
import io.floe.e2e.floe.FloeDistribution;
import io.floe.e2e.topic.TieredTopic;
import io.floe.e2e.workload.EvolvingWorkload;
import io.floe.e2e.workload.RegistryFormat;
import io.floe.plugin.CatalogGateway;
import io.floe.plugin.IcebergRestFixture;
import io.floe.plugin.PrivateCertificateAuthority;
import io.floe.plugin.S3ProxyServer;
import io.floe.plugin.storage.CatalogTrustStore;
import io.floe.plugin.storage.S3TrustStore;
import io.floe.translator.registry.ConfluentRegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A broker whose Floe reaches all three of its services over TLS with certificates of one private
 * CA, made with the JDK's keytool: S3 (S3Proxy serving HTTPS only), the REST catalog (Iceberg's
 * fixture behind a gateway serving HTTPS and OAuth2) and the schema registry (HTTPS with basic
 * auth). Floe trusts the CA through each client's own trust store keys, the broker's JVM keeping
 * its default one. Typed values are tiered and served back exactly, and no secret of the
 * configuration, nor a token the catalog issued, appears in any of the broker's logs or in Floe's
 * JMX. It runs in the faults profile only (tag "faults"): a broker and three TLS servers take
 * about a minute and a half on a busy machine, and each client's TLS is tested at plugin level in
 * the default build (S3PrivateCaTest, RestCatalogTest, RegistryTlsTest).
 */
@Tag("faults")
class PrivateCaTlsIT {
  private static final String BUCKET = "floe-warehouse";
  private static final String TOPIC = "orders";
  private static final int BATCHES_PER_SEGMENT = 4;
  private static final int BATCHES_PER_VERSION = 5;
  private static final Duration TIERING_TIMEOUT = Duration.ofSeconds(90);
  private static final String CLIENT_ID = "floe-broker";
  /** Distinctive, as every secret here, so that a grep finds it wherever it leaks. */
  private static final String CLIENT_SECRET = "floe-catalog-secret-Rk27wE";
  private static final String REGISTRY_USER = "floe";
  private static final String REGISTRY_PASSWORD = "floe-registry-password-Tn63yU";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void typedValuesTieredOverTlsToS3TheCatalogAndTheRegistryComeBackExactlyAndNoSecretIsLogged() throws Exception {
    PrivateCertificateAuthority authority = PrivateCertificateAuthority.create(Files.createDirectories(dir.resolve("ca")));
    try (S3ProxyServer s3 = S3ProxyServer.startTls(Files.createDirectories(dir.resolve("s3")), authority);
        S3Client client = s3.client();
        IcebergRestFixture catalog = IcebergRestFixture.start(catalogServer(s3, authority, dir));
        CatalogGateway gateway = CatalogGateway.start(catalog.uri(), authority.serverContext(), CLIENT_ID,
            CLIENT_SECRET, Duration.ofMinutes(10));
        ConfluentRegistryServer registry = ConfluentRegistryServer.startTls(authority.serverContext())) {
      client.createBucket(bucket -> bucket.bucket(BUCKET));
      registry.requireBasicAuth(REGISTRY_USER, REGISTRY_PASSWORD);
      Map<String, String> catalogKeys = floeCatalog(s3, gateway, authority);
      Map<String, String> settings = new HashMap<>(registryKeys(registry, authority));
      catalogKeys.forEach((key, value) -> settings.put("iceberg.catalog." + key, value));

      try (KafkaBroker broker = KafkaBroker.start(BrokerSpec.of(KafkaDistribution.current(),
          FloeDistribution.built().withSettings(settings)), dir.resolve("broker"))) {
        TieredTopic topic = TieredTopic.named(TOPIC, BATCHES_PER_SEGMENT).create(broker);
        EvolvingWorkload workload = new EvolvingWorkload(broker, topic, registry, RegistryFormat.AVRO.orders());
        workload.evolveHalfway(BATCHES_PER_VERSION);
        Map<TopicPartition, Long> end = topic.endOffsets(broker);
        workload.orders(BATCHES_PER_SEGMENT + 1); // rolls the last segment: the active one is never tiered
        topic.awaitTieredBefore(broker, end, TIERING_TIMEOUT);

        ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_UNCOMMITTED).assertExactly(workload.produced());
        ConsumedRecords.fromStart(broker, topic, IsolationLevel.READ_COMMITTED).assertExactly(workload.produced());
        MainRows.of(analystCatalog(catalogKeys), TOPIC).assertNoPositionTwice();
        assertTrue(registry.requests().stream().anyMatch(request -> request.startsWith("/schemas/ids/")),
            "Floe asked the registry for schemas: " + registry.requests());
        assertFalse(gateway.bearers().isEmpty(), "Floe reached the catalog through the gateway");
        assertTrue(objectKeys(client).stream().anyMatch(key -> key.startsWith("warehouse/_floe/manifests/")),
            objectKeys(client).toString());

        List<String> secrets = new ArrayList<>(List.of(S3ProxyServer.SECRET_KEY, CLIENT_SECRET, REGISTRY_PASSWORD,
            authority.password()));
        secrets.addAll(gateway.bearers());
        assertFalse(broker.logs().filesContaining("Floe tiers topics matching").isEmpty(), "Floe's log is read");
        String jmx = broker.jmx().text("io.floe:*");
        assertTrue(jmx.contains("io.floe:type="), "Floe's metrics are read: " + jmx);
        for (String secret : secrets) {
          assertEquals(List.of(), broker.logs().filesContaining(secret), "a secret reached the broker's logs");
          assertFalse(jmx.contains(secret), "a secret reached Floe's JMX");
        }
      }
    }
  }

  /** Iceberg's REST catalog server, its tables' metadata in the same bucket, through the same private CA. */
  private static Map<String, String> catalogServer(S3ProxyServer s3, PrivateCertificateAuthority authority,
      Path dir) {
    Map<String, String> server = new HashMap<>(store(s3, authority));
    server.put("uri", "jdbc:sqlite:" + dir.resolve("rest-catalog.db"));
    server.put(S3TrustStore.FACTORY, S3TrustStore.class.getName());
    return server;
  }

  /** Floe's iceberg.catalog.* keys, without the prefix: every one is in docs/configuration.md. */
  private static Map<String, String> floeCatalog(S3ProxyServer s3, CatalogGateway gateway,
      PrivateCertificateAuthority authority) {
    Map<String, String> catalog = new HashMap<>(store(s3, authority));
    catalog.put("type", "rest");
    catalog.put("uri", gateway.uri().toString());
    catalog.put("credential", CLIENT_ID + ":" + CLIENT_SECRET);
    catalog.put("oauth2-server-uri", gateway.tokenEndpoint().toString());
    catalog.put("scope", "catalog");
    catalog.put("ssl.truststore.location", authority.trustStore().toString());
    catalog.put("ssl.truststore.password", authority.password());
    return catalog;
  }

  /** The warehouse in the bucket, its store trusted through Floe's S3 trust store keys. */
  private static Map<String, String> store(S3ProxyServer s3, PrivateCertificateAuthority authority) {
    return Map.of(
        "warehouse", "s3://" + BUCKET + "/warehouse",
        "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
        "s3.endpoint", s3.endpoint().toString(),
        "s3.path-style-access", "true",
        "s3.access-key-id", S3ProxyServer.ACCESS_KEY,
        "s3.secret-access-key", S3ProxyServer.SECRET_KEY,
        "client.region", S3ProxyServer.REGION,
        "s3.ssl.truststore.location", authority.trustStore().toString(),
        "s3.ssl.truststore.password", authority.password());
  }

  private static Map<String, String> registryKeys(ConfluentRegistryServer registry,
      PrivateCertificateAuthority authority) {
    return Map.of(
        "schema.registry.url", registry.url(),
        "schema.registry.basic.auth.user.info", REGISTRY_USER + ":" + REGISTRY_PASSWORD,
        "schema.registry.ssl.truststore.location", authority.trustStore().toString(),
        "schema.registry.ssl.truststore.password", authority.password(),
        "schema.registry.ssl.truststore.type", "PKCS12");
  }

  /** The catalog as an analyst's engine opens it with Floe's keys: Floe's clients, named as Floe names them. */
  private static Map<String, String> analystCatalog(Map<String, String> floeCatalog) {
    Map<String, String> catalog = new HashMap<>(floeCatalog);
    catalog.put(CatalogTrustStore.CONFIGURER, CatalogTrustStore.class.getName());
    catalog.put(S3TrustStore.FACTORY, S3TrustStore.class.getName());
    return catalog;
  }

  private static List<String> objectKeys(S3Client client) {
    return client.listObjectsV2Paginator(request -> request.bucket(BUCKET)).contents().stream()
        .map(S3Object::key).toList();
  }
}
