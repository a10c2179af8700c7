package io.floe.plugin;

import static io.floe.plugin.CatalogGateway.catalogRequests;
import static io.floe.plugin.CatalogGateway.commits;
import static io.floe.plugin.ServedBytes.assertServedFrom;
import static io.floe.plugin.ServedBytes.rowCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.table.KafkaColumns;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.server.log.remote.storage.RemoteResourceNotFoundException;
import org.apache.kafka.server.log.remote.storage.RemoteStorageException;
import org.apache.kafka.server.log.remote.storage.RetriableRemoteStorageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote storage manager on a REST catalog: Iceberg's own REST catalog server (its test
 * fixture, on a JDBC catalog) behind a gateway that serves HTTPS with a private CA's certificate and
 * wants OAuth2 bearer tokens, short-lived, from the client-credentials grant. Floe is configured
 * only with the keys docs/configuration.md documents. The gateway also plays the catalog's faults.
 */
class RestCatalogTest {
  private static final String CLIENT_ID = "floe-broker";
  /** Distinctive, so that a test can prove it never reaches a message or a log. */
  private static final String CLIENT_SECRET = "floe-client-secret-Jx42pQ";
  private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3);
  private static final int PARTITION = 0;
  private static final AtomicInteger TOPICS = new AtomicInteger();

  @TempDir
  static Path serverDir;
  private static PrivateCertificateAuthority authority;
  private static IcebergRestFixture catalog;
  private static CatalogGateway gateway;

  @TempDir
  Path dir;

  private String topic;
  /** Each test's own, so that one can drop it. */
  private String namespace;
  private final List<IcebergRemoteStorageManager> managers = new ArrayList<>();

  @BeforeAll
  static void startCatalog() throws Exception {
    authority = PrivateCertificateAuthority.create(serverDir);
    catalog = IcebergRestFixture.start(serverDir.resolve("warehouse"), serverDir.resolve("catalog.db"));
    gateway = CatalogGateway.start(catalog.uri(), authority.serverContext(), CLIENT_ID, CLIENT_SECRET, TOKEN_LIFETIME);
    // The catalog's first answer, slow in a fresh JVM, would spend the client timeout a test sets.
    withAnalystCatalog(analyst -> ((SupportsNamespaces) analyst).listNamespaces());
  }

  @AfterAll
  static void stopCatalog() throws Exception {
    gateway.close();
    catalog.close();
  }

  @BeforeEach
  void newTopic() {
    topic = "orders" + TOPICS.incrementAndGet();
    namespace = "kafka_" + topic;
  }

  @AfterEach
  void close() throws IOException {
    gateway.heal();
    for (IcebergRemoteStorageManager manager : managers) {
      manager.close();
    }
  }

  @Test
  void aSegmentTieredThroughTheRestCatalogIsServedExactlyAndMainHoldsEachOffsetOnce() throws Exception {
    IcebergRemoteStorageManager rsm = configured(Map.of());
    TieredSegment segment = tiered();

    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
    assertEachOffsetOnceInMain(segment);
  }

  @Test
  void aDeletedSegmentIsNoLongerServedAndMainKeepsItsRows() throws Exception {
    IcebergRemoteStorageManager rsm = configured(Map.of());
    TieredSegment segment = tiered();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    rsm.deleteLogSegmentData(segment.metadata());

    assertThrows(RemoteResourceNotFoundException.class, () -> rsm.fetchLogSegment(segment.metadata(), 0));
    assertEachOffsetOnceInMain(segment);
  }

  @Test
  void withTheCatalogDownTieredSegmentsAreStillServed() throws Exception {
    TieredSegment segment = tiered();
    configured(Map.of()).copyLogSegmentData(segment.metadata(), segment.data());
    gateway.answer(catalogRequests(), 503, "ServiceUnavailableException");

    IcebergRemoteStorageManager restarted = configured(Map.of());

    try (InputStream in = restarted.fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
  }

  @Test
  void theShortLivedTokenIsRefreshedAndLaterUploadsCarryTheNewOne() throws Exception {
    IcebergRemoteStorageManager rsm = configured(Map.of());
    TieredSegment first = tiered();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    String firstToken = last(gateway.bearers());
    int grants = gateway.grants().size();

    awaitUntil(() -> gateway.grants().size() > grants + 1, TOKEN_LIFETIME.multipliedBy(4), "two token refreshes");
    TieredSegment second = tiered(1);
    rsm.copyLogSegmentData(second.metadata(), second.data());

    assertFalse(last(gateway.bearers()).equals(firstToken), "the upload after the refresh sent a new token");
  }

  @Test
  void aBearerTokenAloneAuthenticatesFloe() throws Exception {
    String token = gateway.issueToken(Duration.ofHours(1));
    IcebergRemoteStorageManager rsm = configured(Map.of("iceberg.catalog.token", token), false);
    TieredSegment segment = tiered();

    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    assertEquals(token, last(gateway.bearers()));
    assertEachOffsetOnceInMain(segment);
  }

  @Test
  void wrongCredentialsFailTheUploadSayingSoWithoutTheSecret() throws IOException {
    String wrongSecret = "wrong-" + CLIENT_SECRET;
    try (CapturedLog log = new CapturedLog()) {
      IcebergRemoteStorageManager rsm = configured(Map.of("iceberg.catalog.credential", CLIENT_ID + ":" + wrongSecret));
      TieredSegment segment = tiered();

      RemoteStorageException error = assertThrows(RemoteStorageException.class,
          () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));

      assertFalse(error instanceof RetriableRemoteStorageException, "retrying with the same credentials cannot help");
      assertNamesCatalogAndSegment(error, segment);
      assertTrue(error.getMessage().contains("it refuses Floe's credentials (iceberg.catalog.credential or "
          + "iceberg.catalog.token)"), error.getMessage());
      assertFalse(StackTraces.of(error).contains(wrongSecret), StackTraces.of(error));
      assertFalse(log.text().contains(wrongSecret), log.text());
    }
  }

  @Test
  void aCatalogFailingAtStartIsAWarningAndTheBrokerStarts() throws Exception {
    gateway.answer(catalogRequests(), 500, "ServerError");
    try (CapturedLog log = new CapturedLog()) {
      configured(Map.of());

      awaitUntil(() -> log.text().contains("WARN"), Duration.ofSeconds(60), "warning");
      assertTrue(log.text().contains("Cannot open catalog floe (" + gateway.uri() + "): "), log.text());
      assertTrue(log.text().contains("Floe serves tiered data meanwhile"), log.text());
    }
  }

  @Test
  void anUnauthorizedRequestFailsTheUploadRetriablyAndTheRetryWithAFreshTokenCommitsIt() throws Exception {
    IcebergRemoteStorageManager rsm = configured(Map.of());
    TieredSegment first = tiered();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    TieredSegment segment = tiered(1);
    gateway.answer(commits(), 401, "NotAuthorizedException");

    assertRetriableFailureThenCommitOnRetry(rsm, segment, "Not authorized");
  }

  @Test
  void aForbiddenCommitFailsTheUploadSayingTheCatalogDoesNotPermitIt() throws Exception {
    IcebergRemoteStorageManager rsm = configured(Map.of());
    TieredSegment segment = tiered();
    gateway.answer(commits(), 403, "ForbiddenException");

    RemoteStorageException error = assertThrows(RemoteStorageException.class,
        () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));

    assertFalse(error instanceof RetriableRemoteStorageException, "the catalog must grant it first");
    assertNamesCatalogAndSegment(error, segment);
    assertTrue(error.getMessage().contains("the catalog does not permit it to Floe's principal"), error.getMessage());
    assertCommittedOnceOnRetry(rsm, segment);
  }

  @Test
  void aNamespaceDroppedUnderFloeFailsTheNextUploadRetriablyAndTheRetryCreatesItAgain() throws Exception {
    IcebergRemoteStorageManager rsm = configured(Map.of());
    TieredSegment first = tiered();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    withAnalystCatalog(analyst -> {
      analyst.dropTable(TableIdentifier.of(namespace, topic), false);
      return ((SupportsNamespaces) analyst).dropNamespace(Namespace.of(namespace));
    });
    TieredSegment segment = tiered(1);

    assertRetriableFailureThenCommitOnRetry(rsm, segment, "does not exist");
  }

  @Test
  void aCommitConflictThatOutlastsIcebergsRetriesFailsTheUploadRetriably() throws Exception {
    IcebergRemoteStorageManager rsm = configured(Map.of());
    TieredSegment segment = tiered();
    gateway.answer(commits(), 409, "CommitFailedException");

    assertRetriableFailureThenCommitOnRetry(rsm, segment, "cannot commit to table " + namespace + "." + topic);
  }

  @Test
  void aServerErrorOnCommitLeavesTheOutcomeUnknownAndTheRetryCommitsTheSegmentOnce() throws Exception {
    IcebergRemoteStorageManager rsm = configured(Map.of());
    TieredSegment segment = tiered();
    gateway.answer(commits(), 500, "ServerError");

    assertRetriableFailureThenCommitOnRetry(rsm, segment, "unknown outcome");
  }

  @Test
  void aCommitTheCatalogAppliedButAnsweredUnavailableStaysCommittedOnceWithItsFiles() throws Exception {
    IcebergRemoteStorageManager rsm = configured(Map.of());
    TieredSegment segment = tiered();
    // Iceberg's REST client posts a commit answered 503 again, and the catalog refuses the repeat (409)
    gateway.answerOnceAfterApplying(commits(), 503, "ServiceUnavailableException");

    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    gateway.heal();
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
    assertEachOffsetOnceInMain(segment);
  }

  @Test
  void aServerErrorWhileLoadingTheTableFailsTheUploadRetriably() throws Exception {
    IcebergRemoteStorageManager rsm = configured(Map.of());
    TieredSegment segment = tiered();
    gateway.answer(request -> request.method().equals("GET") && request.path().contains("/tables/"), 500,
        "ServerError");

    assertRetriableFailureThenCommitOnRetry(rsm, segment, "cannot load or create table " + namespace + "." + topic);
  }

  @Test
  void aCommitTheCatalogAppliesAfterTheClientTimedOutFailsRetriablyAndTheRetryFindsItCommitted() throws Exception {
    IcebergRemoteStorageManager rsm = configured(Map.of("iceberg.catalog.rest.client.socket-timeout-ms", "2000"));
    TieredSegment first = tiered();
    rsm.copyLogSegmentData(first.metadata(), first.data());
    TieredSegment segment = tiered(1);
    int commits = committed();
    gateway.hold(commits(), Duration.ofMillis(4000));

    assertFailsRetriably(rsm, segment, "unknown outcome");
    awaitUntil(() -> committed() > commits, Duration.ofSeconds(10), "commit reaching the catalog");
    assertCommittedOnceOnRetry(rsm, segment);
  }

  @Test
  void aCatalogWhoseCertificateIsNotTrustedFailsTheUploadNamingTheCatalog() throws IOException {
    Map<String, Object> configs = configs(Map.of(), true);
    configs.remove("iceberg.catalog.ssl.truststore.location");
    configs.remove("iceberg.catalog.ssl.truststore.password");
    IcebergRemoteStorageManager rsm = manager(configs);
    TieredSegment segment = tiered();

    RemoteStorageException error = assertThrows(RemoteStorageException.class,
        () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));

    assertNamesCatalogAndSegment(error, segment);
    assertTrue(StackTraces.of(error).contains("SSLHandshakeException"), StackTraces.of(error));
  }

  @Test
  void neitherTheClientSecretNorATokenReachesTheLogOrAnError() throws Exception {
    try (CapturedLog log = new CapturedLog()) {
      IcebergRemoteStorageManager rsm = configured(Map.of());
      TieredSegment segment = tiered();
      rsm.copyLogSegmentData(segment.metadata(), segment.data());
      gateway.answer(commits(), 401, "NotAuthorizedException");
      TieredSegment refused = tiered(1);

      RemoteStorageException error = assertThrows(RemoteStorageException.class,
          () -> rsm.copyLogSegmentData(refused.metadata(), refused.data()));

      String trace = StackTraces.of(error);
      assertFalse(trace.contains(CLIENT_SECRET), trace);
      assertFalse(log.text().contains(CLIENT_SECRET), log.text());
      for (String token : gateway.bearers()) {
        assertFalse(trace.contains(token), trace);
        assertFalse(log.text().contains(token), log.text());
      }
    }
  }

  @Test
  void anUnreachableCatalogWithATokenInItsUriAndInItsKeyFailsWithoutEitherInTheLogOrTheError() throws Exception {
    String uriSecret = "floe-uri-secret-Wd38kM";
    String token = "floe-token-Lp95sC";
    URI unreachable = URI.create("https://127.0.0.1:" + freePort() + "/catalog?token=" + uriSecret);
    try (CapturedLog log = new CapturedLog()) {
      IcebergRemoteStorageManager rsm = configured(Map.of("iceberg.catalog.uri", unreachable.toString(),
          "iceberg.catalog.token", token), false);
      TieredSegment segment = tiered();

      RemoteStorageException error = assertThrows(RemoteStorageException.class,
          () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));
      awaitUntil(() -> log.text().contains("Cannot open catalog floe"), Duration.ofSeconds(60), "warning");

      assertInstanceOf(RetriableRemoteStorageException.class, error, error.getMessage());
      assertTrue(error.getMessage().contains("catalog floe (https://127.0.0.1:" + unreachable.getPort()), error.getMessage());
      for (String secret : List.of(uriSecret, token)) {
        assertFalse(StackTraces.of(error).contains(secret), StackTraces.of(error));
        assertFalse(log.text().contains(secret), log.text());
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The upload fails retriably naming the catalog, the segment and {@code why}; once healed, a retry commits it once. */
  private void assertRetriableFailureThenCommitOnRetry(IcebergRemoteStorageManager rsm, TieredSegment segment,
      String why) throws Exception {
    assertFailsRetriably(rsm, segment, why);
    assertCommittedOnceOnRetry(rsm, segment);
  }

  private static void assertFailsRetriably(IcebergRemoteStorageManager rsm, TieredSegment segment, String why) {
    RemoteStorageException error = assertThrows(RemoteStorageException.class,
        () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));

    assertInstanceOf(RetriableRemoteStorageException.class, error, error.getMessage());
    assertNamesCatalogAndSegment(error, segment);
    assertTrue(error.getMessage().contains(why), error.getMessage());
  }

  /** With the catalog healed, the broker's retry commits the segment: served exactly, each offset once in main. */
  private void assertCommittedOnceOnRetry(IcebergRemoteStorageManager rsm, TieredSegment segment) throws Exception {
    gateway.heal();
    TieredSegment retry = segment.retriedWithId(Uuid.randomUuid());
    rsm.copyLogSegmentData(retry.metadata(), retry.data());
    try (InputStream in = rsm.fetchLogSegment(retry.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
    assertEachOffsetOnceInMain(segment);
  }

  private static void assertNamesCatalogAndSegment(RemoteStorageException error, TieredSegment segment) {
    String message = error.getMessage();
    assertTrue(message.contains("catalog floe (" + gateway.uri() + ")"), message);
    assertTrue(message.contains("segment " + segment.metadata().remoteLogSegmentId().id() + " of "
        + segment.metadata().topicIdPartition().topicPartition()), message);
  }

  /** Main, read as an analyst's engine reads it through the catalog, holds each of the segment's offsets once. */
  private void assertEachOffsetOnceInMain(TieredSegment segment) throws IOException {
    int partition = segment.metadata().topicIdPartition().partition();
    List<Long> offsets = new ArrayList<>();
    withAnalystCatalog(analyst -> {
      try (CloseableIterable<Record> rows = IcebergGenerics.read(
          analyst.loadTable(TableIdentifier.of(namespace, topic))).build()) {
        for (Record row : rows) {
          Record kafka = (Record) row.getField(KafkaColumns.KAFKA);
          if ((Integer) kafka.getField(KafkaColumns.PARTITION) == partition) {
            offsets.add((Long) kafka.getField(KafkaColumns.OFFSET));
          }
        }
      }
      return offsets;
    });
    assertEquals(rowCount(segment.segmentFile()), offsets.size(), "rows of main: " + offsets);
    assertEquals(offsets.size(), offsets.stream().distinct().count(), "offsets of main: " + offsets);
  }

  /** Works on the same catalog, opened independently of Floe, as an analyst's engine would. */
  private static void withAnalystCatalog(CatalogWork work) throws IOException {
    Catalog analyst = CatalogUtil.buildIcebergCatalog("analyst", Map.of(
        "type", "rest",
        "uri", gateway.uri().toString(),
        "credential", CLIENT_ID + ":" + CLIENT_SECRET,
        "oauth2-server-uri", gateway.tokenEndpoint().toString(),
        "io-impl", "io.floe.plugin.storage.LocalFileIO",
        "rest.client.tls.configurer-impl", "io.floe.plugin.storage.CatalogTrustStore",
        "ssl.truststore.location", authority.trustStore().toString(),
        "ssl.truststore.password", authority.password()), null);
    try {
      work.on(analyst);
    } finally {
      ((Closeable) analyst).close();
    }
  }

  private interface CatalogWork {
    Object on(Catalog catalog) throws IOException;
  }

  private TieredSegment tiered() {
    return tiered(PARTITION);
  }

  /** A segment of another partition of the topic: its offsets are its own. */
  private TieredSegment tiered(int partition) {
    return TieredSegment.everyKind(dir.resolve("segment-" + partition), topic, partition, 0);
  }

  private IcebergRemoteStorageManager configured(Map<String, String> extra) {
    return configured(extra, true);
  }

  private IcebergRemoteStorageManager configured(Map<String, String> extra, boolean withCredential) {
    return manager(configs(extra, withCredential));
  }

  private IcebergRemoteStorageManager manager(Map<String, Object> configs) {
    IcebergRemoteStorageManager manager = new IcebergRemoteStorageManager();
    manager.configure(configs);
    managers.add(manager);
    return manager;
  }

  /** The broker's rsm.config.* for a REST catalog with OAuth2 and a private CA: every key is in docs/configuration.md. */
  private Map<String, Object> configs(Map<String, String> extra, boolean withCredential) {
    Map<String, Object> configs = new HashMap<>();
    configs.put("iceberg.catalog.type", "rest");
    configs.put("iceberg.catalog.uri", gateway.uri().toString());
    configs.put("iceberg.catalog.warehouse", serverDir.resolve("warehouse").toString());
    configs.put("manifest.prefix", dir.resolve("manifests").toString());
    configs.put("iceberg.namespace", namespace);
    if (withCredential) {
      configs.put("iceberg.catalog.credential", CLIENT_ID + ":" + CLIENT_SECRET);
      configs.put("iceberg.catalog.oauth2-server-uri", gateway.tokenEndpoint().toString());
      configs.put("iceberg.catalog.scope", "catalog");
    }
    configs.put("iceberg.catalog.ssl.truststore.location", authority.trustStore().toString());
    configs.put("iceberg.catalog.ssl.truststore.password", authority.password());
    configs.put("broker.id", 1);
    configs.putAll(extra);
    return configs;
  }

  /** What reaches the log (standard error, where the test's SLF4J logger writes) until closed. */
  private static final class CapturedLog implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    CapturedLog() {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    synchronized String text() {
      return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      System.setErr(original);
      original.print(text());
    }
  }

  private static void awaitUntil(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No " + what + " within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  private static int committed() {
    return (int) gateway.answered().stream().filter(commits()).count();
  }

  private static String last(List<String> values) {
    return values.get(values.size() - 1);
  }
}
