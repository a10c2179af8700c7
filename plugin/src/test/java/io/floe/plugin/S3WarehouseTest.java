package io.floe.plugin;

import static io.floe.plugin.ServedBytes.assertServedFrom;
import static io.floe.plugin.ServedBytes.assertEveryIndexServed;
import static io.floe.plugin.ServedBytes.assertServedFromEveryBatch;
import static io.floe.plugin.ServedBytes.rowCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.SegmentManifest;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.server.log.remote.storage.RemoteResourceNotFoundException;
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
 * The remote storage manager on a warehouse in S3, with a JDBC catalog on SQLite, driven as the
 * broker drives it, with segments and indexes written by Kafka's own code. The S3 server is
 * S3Proxy on loopback (no AWS account is reachable from here); Floe talks to it through Iceberg's
 * S3FileIO on the AWS SDK, configured only with the keys docs/configuration.md documents.
 */
class S3WarehouseTest {
  private static final String TOPIC = "orders";
  private static final int PARTITION = 3;
  /** The smallest part S3 (and so S3FileIO) allows in a multipart upload: 5 MiB. */
  private static final long MULTIPART_MINIMUM = 5 * 1024 * 1024;

  @TempDir
  static Path serverDir;
  private static S3ProxyServer s3;

  @TempDir
  Path dir;

  private String bucket;
  private S3Client client;
  private IcebergRemoteStorageManager rsm;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyServer.start(serverDir);
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  @BeforeEach
  void configure() {
    bucket = "floe-" + UUID.randomUUID().toString().replace("-", "");
    client = s3.client();
    client.createBucket(request -> request.bucket(bucket));
    rsm = configured(s3);
  }

  @AfterEach
  void close() throws IOException {
    rsm.close();
    client.close();
  }

  @Test
  void aSegmentCopiedToS3IsServedExactlyFromEveryBatchPosition() throws Exception {
    TieredSegment segment = tiered();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    assertServedFromEveryBatch(rsm, segment);
  }

  @Test
  void everyIndexComesBackFromS3ByteForByte() throws Exception {
    TieredSegment segment = tiered();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    assertEveryIndexServed(rsm, segment);
  }

  @Test
  void theManifestAndEveryDataFileItListsAreObjectsInTheBucket() throws Exception {
    TieredSegment segment = tiered();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    Map<String, Long> objects = objectSizes();
    String manifestKey = "warehouse/_floe/manifests/" + TOPIC + "-" + TieredSegment.TOPIC_ID + "/" + PARTITION + "/"
        + segment.metadata().remoteLogSegmentId().id() + ".floe-manifest";
    assertTrue(objects.containsKey(manifestKey), "manifest " + manifestKey + " among " + objects.keySet());
    SegmentManifest manifest = ManifestCodec.decode(client.getObjectAsBytes(
        request -> request.bucket(bucket).key(manifestKey)).asByteArray());
    assertFalse(manifest.files().isEmpty());
    for (DataFileRef file : manifest.files()) {
      String prefix = "s3://" + bucket + "/warehouse/";
      assertTrue(file.location().startsWith(prefix) && file.location().endsWith(".parquet"), file.location());
      String key = file.location().substring(("s3://" + bucket + "/").length());
      assertEquals(file.sizeInBytes(), objects.get(key), "size of the object " + key);
    }
  }

  @Test
  void theTableInTheCatalogHoldsEveryRecordOnceInFilesInTheBucket() throws Exception {
    TieredSegment segment = tiered();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    List<Record> rows = new ArrayList<>();
    // A JDBC catalog keeps each catalog name's tables apart: open it under Floe's name.
    Catalog catalog = CatalogUtil.buildIcebergCatalog("floe", catalogProperties(s3), null);
    try {
      Table table = catalog.loadTable(TableIdentifier.of("kafka", TOPIC));
      assertTrue(table.location().startsWith("s3://" + bucket + "/warehouse/"), table.location());
      try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
        records.forEach(rows::add);
      }
    } finally {
      ((Closeable) catalog).close();
    }
    assertEquals(rowCount(segment.segmentFile()), rows.size());
    assertEquals(rows.size(),
        rows.stream().map(row -> ((Record) row.getField("_kafka")).getField("offset")).distinct().count());
  }

  /**
   * S3FileIO uploads a file past 1.5 parts as a multipart upload (seen in the AWS SDK's request
   * log: POST ?uploads, PUT ?partNumber, POST ?uploadId). S3Proxy does not report an object's
   * parts, so the test makes the data file span more than two parts.
   */
  @Test
  void aDataFileSpanningSeveralUploadPartsIsServedExactly() throws Exception {
    rsm.close();
    rsm = configured(s3.endpoint(),
        Map.of("iceberg.catalog.s3.multipart.part-size-bytes", String.valueOf(MULTIPART_MINIMUM)));
    TieredSegment segment = TieredSegment.incompressible(dir, TOPIC, PARTITION, 12);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    Map<String, Long> objects = objectSizes();
    String dataFile = objects.keySet().stream().filter(key -> key.endsWith(".parquet")).findFirst().orElseThrow();
    assertTrue(objects.get(dataFile) > 2 * MULTIPART_MINIMUM, dataFile + " has " + objects.get(dataFile) + " bytes");
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
  }

  @Test
  void deletingASegmentIsIdempotentRemovesItsManifestObjectAndKeepsTheTablesFiles() throws Exception {
    TieredSegment segment = tiered();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    List<String> dataFiles = objectSizes().keySet().stream().filter(key -> key.endsWith(".parquet")).toList();

    rsm.deleteLogSegmentData(segment.metadata());
    rsm.deleteLogSegmentData(segment.metadata());

    Map<String, Long> objects = objectSizes();
    assertTrue(objects.keySet().stream().noneMatch(key -> key.endsWith(".floe-manifest")), objects.keySet().toString());
    assertFalse(dataFiles.isEmpty());
    assertTrue(objects.keySet().containsAll(dataFiles), "the table keeps its rows for analysts");
    assertThrows(RemoteResourceNotFoundException.class, () -> rsm.fetchLogSegment(segment.metadata(), 0));
  }

  @Test
  void withTheStoreDownAFetchFailsRetriablyNamingTheSegmentAndItsManifest() throws Exception {
    TieredSegment segment = tiered();
    String manifest;
    try (S3ProxyServer doomed = S3ProxyServer.start(dir)) {
      try (S3Client doomedClient = doomed.client();
          IcebergRemoteStorageManager writer = configured(doomed)) {
        doomedClient.createBucket(request -> request.bucket(bucket));
        writer.copyLogSegmentData(segment.metadata(), segment.data());
        manifest = "s3://" + bucket + "/" + doomedClient.listObjectsV2(request -> request.bucket(bucket)).contents()
            .stream().map(S3Object::key).filter(key -> key.endsWith(".floe-manifest")).findFirst().orElseThrow();
      }
      doomed.stop();

      try (IcebergRemoteStorageManager reader = configured(doomed)) {
        RemoteStorageException error = assertThrows(RemoteStorageException.class,
            () -> reader.fetchLogSegment(segment.metadata(), 0));

        assertInstanceOf(RetriableRemoteStorageException.class, error, "the broker retries an unreachable store");
        String message = error.getMessage();
        assertTrue(message.contains("segment " + segment.metadata().remoteLogSegmentId().id() + " of orders-3"),
            message);
        assertTrue(message.contains(manifest), message);
        assertFalse(StackTraces.of(error).contains(S3ProxyServer.SECRET_KEY), StackTraces.of(error));
      }
    }
  }

  @Test
  void withTheStoreUnreachableACopyFailsRetriablyNamingTheSegment() throws IOException {
    rsm.close();
    rsm = configured(S3ProxyServer.unreachableEndpoint(), Map.of());
    TieredSegment segment = tiered();

    RemoteStorageException error = assertThrows(RemoteStorageException.class,
        () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));

    assertInstanceOf(RetriableRemoteStorageException.class, error, "the broker retries an unreachable store");
    assertTrue(error.getMessage().contains("segment " + segment.metadata().remoteLogSegmentId().id() + " of orders-3"),
        error.getMessage());
    assertFalse(StackTraces.of(error).contains(S3ProxyServer.SECRET_KEY), StackTraces.of(error));
  }

  @Test
  void aWrongSecretKeyFailsTheCopyWithoutTheKeyInTheError() throws IOException {
    String wrongSecret = "wrong-" + S3ProxyServer.SECRET_KEY;
    rsm.close();
    rsm = configured(s3.endpoint(), Map.of("iceberg.catalog.s3.secret-access-key", wrongSecret));
    TieredSegment segment = tiered();

    RemoteStorageException error = assertThrows(RemoteStorageException.class,
        () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));

    assertTrue(StackTraces.of(error).contains("403"), StackTraces.of(error));
    assertFalse(StackTraces.of(error).contains(wrongSecret), StackTraces.of(error));
  }

  private TieredSegment tiered() {
    return TieredSegment.everyKind(dir, TOPIC, PARTITION, 0);
  }

  private IcebergRemoteStorageManager configured(S3ProxyServer server) {
    return configured(server.endpoint(), Map.of());
  }

  /** The manager as a broker configures it for an S3 warehouse: every key is in docs/configuration.md. */
  private IcebergRemoteStorageManager configured(URI endpoint, Map<String, String> extra) {
    Map<String, Object> configs = new HashMap<>();
    configs.put("iceberg.catalog.warehouse", "s3://" + bucket + "/warehouse");
    configs.put("iceberg.catalog.uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
    configs.put("iceberg.catalog.s3.endpoint", endpoint.toString());
    configs.put("iceberg.catalog.s3.path-style-access", "true");
    configs.put("iceberg.catalog.s3.access-key-id", S3ProxyServer.ACCESS_KEY);
    configs.put("iceberg.catalog.s3.secret-access-key", S3ProxyServer.SECRET_KEY);
    configs.put("iceberg.catalog.client.region", S3ProxyServer.REGION);
    configs.put("broker.id", 1);
    configs.putAll(extra);
    IcebergRemoteStorageManager manager = new IcebergRemoteStorageManager();
    manager.configure(configs);
    return manager;
  }

  /** The same catalog and store, opened independently of Floe, as an analyst's engine would. */
  private Map<String, String> catalogProperties(S3ProxyServer server) {
    return Map.of(
        "type", "jdbc",
        "uri", "jdbc:sqlite:" + dir.resolve("catalog.db"),
        "warehouse", "s3://" + bucket + "/warehouse",
        "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
        "s3.endpoint", server.endpoint().toString(),
        "s3.path-style-access", "true",
        "s3.access-key-id", S3ProxyServer.ACCESS_KEY,
        "s3.secret-access-key", S3ProxyServer.SECRET_KEY,
        "client.region", S3ProxyServer.REGION);
  }

  /** Every object in the bucket, by key, with its size, as S3 lists them. */
  private Map<String, Long> objectSizes() {
    return client.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
        .collect(Collectors.toMap(S3Object::key, S3Object::size));
  }
}
