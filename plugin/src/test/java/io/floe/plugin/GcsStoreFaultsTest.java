package io.floe.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.server.log.remote.storage.RemoteStorageException;
import org.apache.kafka.server.log.remote.storage.RetriableRemoteStorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code gs://} warehouse whose store refuses: Iceberg's GCSFileIO building its Cloud Storage
 * client from the configured keys, as on a broker, and talking over HTTP to an endpoint on
 * loopback ({@code gcs.service.host}) that answers every request as Cloud Storage answers a
 * missing bucket or a missing permission.
 */
class GcsStoreFaultsTest {
  private static final String BUCKET = "floe-missing";
  private static final String TOKEN = "ya29.a0-floe-test-token-never-shown";

  @TempDir
  Path dir;

  private IcebergRemoteStorageManager rsm;

  @AfterEach
  void close() throws IOException {
    if (rsm != null) {
      rsm.close();
    }
  }

  @Test
  void aCopyToABucketThatDoesNotExistFailsRetriablyNamingTheBucketTheSegmentAndItsPartition() throws Exception {
    String message = retriableFailure(RefusingGcsServer.noSuchBucket(),
        segment -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));

    assertTrue(message.contains("/b/" + BUCKET + "/o?name=warehouse/"), message);
    assertTrue(message.contains("The specified bucket does not exist."), message);
  }

  /** Not "no such segment": the broker would take the segment for gone while the store is misconfigured. */
  @Test
  void aFetchFromABucketThatDoesNotExistFailsRetriablyNamingTheBucketNotAsAMissingSegment() throws Exception {
    String message = retriableFailure(RefusingGcsServer.noSuchBucket(),
        segment -> rsm.fetchLogSegment(segment.metadata(), 0));

    assertTrue(message.contains("manifest at gs://" + BUCKET + "/warehouse/_floe/manifests/"), message);
    assertTrue(message.endsWith("its bucket does not exist"), message);
  }

  /** Not done silently: the segment's files would stay for ever in the bucket meant. */
  @Test
  void aDeletionInABucketThatDoesNotExistFailsRetriablyNamingTheManifest() throws Exception {
    String message = retriableFailure(RefusingGcsServer.noSuchBucket(),
        segment -> rsm.deleteLogSegmentData(segment.metadata()));

    assertTrue(message.contains("gs://" + BUCKET + "/warehouse/_floe/manifests/"), message);
    assertTrue(message.endsWith("its bucket does not exist"), message);
  }

  @Test
  void aFetchTheStoreRefusesFailsRetriablyNamingTheSegmentAndItsManifest() throws Exception {
    String message = retriableFailure(RefusingGcsServer.forbidden(),
        segment -> rsm.fetchLogSegment(segment.metadata(), 0));

    assertTrue(message.contains("manifest at gs://" + BUCKET + "/warehouse/_floe/manifests/"), message);
    assertTrue(message.contains("does not have storage.objects"), message);
  }

  @Test
  void theOAuth2TokenIsSentToTheStoreButNeverLoggedNorInAnError() throws Exception {
    try (RefusingGcsServer gcs = RefusingGcsServer.forbidden()) {
      TieredSegment segment = tiered();
      StringBuilder shown = new StringBuilder();

      String logged = logsOf(() -> {
        rsm = configured(gcs, Map.of("iceberg.catalog.gcs.oauth2.token", TOKEN));
        shown.append(StackTraces.of(assertThrows(RemoteStorageException.class,
            () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()))));
        shown.append(StackTraces.of(assertThrows(RemoteStorageException.class,
            () -> rsm.fetchLogSegment(segment.metadata(), 0))));
      });

      assertEquals(Set.of("Bearer " + TOKEN), gcs.authorizations().stream().collect(Collectors.toSet()));
      assertTrue(logged.contains("iceberg.catalog.gcs.oauth2.token"), "the log says which key signs in: " + logged);
      assertFalse(logged.contains(TOKEN), logged);
      assertFalse(shown.toString().contains(TOKEN), shown.toString());
    }
  }

  /** A call on a segment of orders-3, which the broker is to retry. */
  private interface SegmentCall {
    void on(TieredSegment segment) throws RemoteStorageException;
  }

  /**
   * The message of the error {@code call} fails with on a store that answers as {@code gcs} does,
   * without credentials; checked to be retriable and to name the segment and its partition.
   */
  private String retriableFailure(RefusingGcsServer gcs, SegmentCall call) {
    try (gcs) {
      rsm = configured(gcs, Map.of("iceberg.catalog.gcs.no-auth", "true"));
      TieredSegment segment = tiered();

      RemoteStorageException error = assertThrows(RemoteStorageException.class, () -> call.on(segment));

      assertInstanceOf(RetriableRemoteStorageException.class, error, "the broker retries once the store is mended");
      assertTrue(error.getMessage().contains(segmentOfPartition(segment)), error.getMessage());
      return error.getMessage();
    }
  }

  private TieredSegment tiered() {
    return TieredSegment.everyKind(dir, "orders", 3, 0);
  }

  private static String segmentOfPartition(TieredSegment segment) {
    return "segment " + segment.metadata().remoteLogSegmentId().id() + " of orders-3";
  }

  /** The manager as a broker configures it for a GCS warehouse: every key is in docs/configuration.md. */
  private IcebergRemoteStorageManager configured(RefusingGcsServer gcs, Map<String, String> credentials) {
    Map<String, Object> configs = new HashMap<>(credentials);
    configs.put("iceberg.catalog.warehouse", "gs://" + BUCKET + "/warehouse");
    configs.put("iceberg.catalog.uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
    configs.put("iceberg.catalog.gcs.service.host", gcs.endpoint().toString());
    // Named, so that the client does not look for a project in the environment or a metadata server.
    configs.put("iceberg.catalog.gcs.project-id", "floe-test");
    configs.put("broker.id", 1);
    IcebergRemoteStorageManager manager = new IcebergRemoteStorageManager();
    manager.configure(configs);
    return manager;
  }

  /** What Floe (and every library logging through slf4j) logs while {@code action} runs. */
  private static String logsOf(Runnable action) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    // slf4j-simple, the tests' binding, looks System.err up at every line.
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
