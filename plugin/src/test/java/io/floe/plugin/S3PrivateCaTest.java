package io.floe.plugin;

import static io.floe.plugin.ServedBytes.assertServedFrom;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.server.log.remote.storage.RemoteStorageException;
import org.apache.kafka.server.log.remote.storage.RetriableRemoteStorageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The remote storage manager on an S3 store that serves HTTPS only, with a certificate of a private
 * CA (S3Proxy, its key store made with the JDK's keytool): Floe trusts it through
 * {@code iceberg.catalog.s3.ssl.truststore.*}, and refuses it without.
 */
class S3PrivateCaTest {
  private static final String TOPIC = "orders";
  private static final int PARTITION = 0;

  @TempDir
  static Path serverDir;
  private static PrivateCertificateAuthority authority;
  private static S3ProxyServer s3;

  @TempDir
  Path dir;

  private String bucket;
  private S3Client client;
  private final List<IcebergRemoteStorageManager> managers = new ArrayList<>();

  @BeforeAll
  static void startS3() throws Exception {
    authority = PrivateCertificateAuthority.create(serverDir);
    s3 = S3ProxyServer.startTls(serverDir, authority);
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @BeforeEach
  void createBucket() {
    bucket = "floe-" + UUID.randomUUID().toString().replace("-", "");
    client = s3.client();
    client.createBucket(request -> request.bucket(bucket));
  }

  @AfterEach
  void close() throws IOException {
    for (IcebergRemoteStorageManager manager : managers) {
      manager.close();
    }
    client.close();
  }

  @Test
  void aSegmentTieredOverTlsToAStoreOfAPrivateCaIsServedExactly() throws Exception {
    IcebergRemoteStorageManager rsm = configured(trustingTheCa());
    TieredSegment segment = tiered();

    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
    assertTrue(objectKeys().stream().anyMatch(key -> key.endsWith(".floe-manifest")), objectKeys().toString());
  }

  @Test
  void theUrlConnectionClientTrustsTheCaToo() throws Exception {
    Map<String, String> configs = new HashMap<>(trustingTheCa());
    configs.put("iceberg.catalog.http-client.type", "urlconnection");
    // The JDK's client may reuse a connection the server has closed; the SDK's retry is what covers that.
    configs.put("iceberg.catalog.s3.retry.num-retries", "3");
    IcebergRemoteStorageManager rsm = configured(configs);
    TieredSegment segment = tiered();

    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
  }

  @Test
  void withoutTheCaACopyFailsRetriablyOnTheCertificateAndOnceTrustedTheRetryLosesNothing() throws Exception {
    IcebergRemoteStorageManager untrusting = configured(Map.of());
    TieredSegment segment = tiered();

    RemoteStorageException error = assertThrows(RemoteStorageException.class,
        () -> untrusting.copyLogSegmentData(segment.metadata(), segment.data()));

    assertInstanceOf(RetriableRemoteStorageException.class, error, "the broker retries once the CA is trusted");
    String trace = StackTraces.of(error);
    assertTrue(error.getMessage().contains("segment " + segment.metadata().remoteLogSegmentId().id() + " of "
        + TOPIC + "-" + PARTITION), error.getMessage());
    assertTrue(error.getMessage().contains("TLS with the S3 store " + s3.endpoint() + " failed: does the trust store "
        + "of iceberg.catalog.s3.ssl.truststore.location hold the store's certificate or its CA?"), error.getMessage());
    assertTrue(trace.contains("PKIX path building failed"), trace);
    assertFalse(trace.contains(S3ProxyServer.SECRET_KEY), trace);
    assertTrue(objectKeys().isEmpty(), "nothing reached the store: " + objectKeys());

    TieredSegment retry = segment.retriedWithId(Uuid.randomUuid());
    IcebergRemoteStorageManager trusting = configured(trustingTheCa());
    trusting.copyLogSegmentData(retry.metadata(), retry.data());
    try (InputStream in = trusting.fetchLogSegment(retry.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
  }

  private static Map<String, String> trustingTheCa() {
    return Map.of(
        "iceberg.catalog.s3.ssl.truststore.location", authority.trustStore().toString(),
        "iceberg.catalog.s3.ssl.truststore.password", authority.password());
  }

  private TieredSegment tiered() {
    return TieredSegment.everyKind(dir.resolve("segment"), TOPIC, PARTITION, 0);
  }

  /** The manager as a broker configures it for an S3 warehouse: every key is in docs/configuration.md. */
  private IcebergRemoteStorageManager configured(Map<String, String> extra) {
    Map<String, Object> configs = new HashMap<>();
    configs.put("iceberg.catalog.warehouse", "s3://" + bucket + "/warehouse");
    configs.put("iceberg.catalog.uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
    configs.put("iceberg.catalog.s3.endpoint", s3.endpoint().toString());
    configs.put("iceberg.catalog.s3.path-style-access", "true");
    configs.put("iceberg.catalog.s3.access-key-id", S3ProxyServer.ACCESS_KEY);
    configs.put("iceberg.catalog.s3.secret-access-key", S3ProxyServer.SECRET_KEY);
    configs.put("iceberg.catalog.client.region", S3ProxyServer.REGION);
    // A certificate that is not trusted fails every attempt: no retry, so that the test is quick.
    configs.put("iceberg.catalog.s3.retry.num-retries", "0");
    configs.put("broker.id", 1);
    configs.putAll(extra);
    IcebergRemoteStorageManager manager = new IcebergRemoteStorageManager();
    manager.configure(configs);
    managers.add(manager);
    return manager;
  }

  private List<String> objectKeys() {
    return client.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
        .map(S3Object::key).toList();
  }
}
