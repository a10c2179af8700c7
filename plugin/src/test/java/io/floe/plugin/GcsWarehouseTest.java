package io.floe.plugin;

import static io.floe.plugin.ServedBytes.assertServedFrom;
import static io.floe.plugin.ServedBytes.assertEveryIndexServed;
import static io.floe.plugin.ServedBytes.assertServedFromEveryBatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.Storage;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.writer.commit.KafkaViewBranch;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.server.log.remote.storage.RemoteResourceNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote storage manager on a {@code gs://} warehouse, with a JDBC catalog on SQLite, driven as
 * the broker drives it, with segments and indexes written by Kafka's own code, on each store a
 * subclass gives: Iceberg's own GCSFileIO, configured with the keys docs/configuration.md
 * documents, on a Cloud Storage that is not Google's (no bucket or emulator is reachable from here).
 */
abstract class GcsWarehouseTest {
  private static final String TOPIC = "orders";
  private static final int PARTITION = 3;
  /** The smallest chunk of a resumable upload Cloud Storage takes: 256 KiB. */
  private static final int CHUNK = 256 * 1024;

  @TempDir
  Path dir;

  private String bucket;
  private Storage storage;
  private IcebergRemoteStorageManager rsm;

  @BeforeEach
  void configure() throws IOException {
    bucket = "floe-" + UUID.randomUUID().toString().replace("-", "");
    storage = openStore(bucket);
    rsm = configured(Map.of());
  }

  @AfterEach
  void close() throws IOException {
    rsm.close();
  }

  /** An empty store holding {@code bucket}, and a client on it to see what is in it. */
  abstract Storage openStore(String bucket) throws IOException;

  /** The FileIO keys of the store, {@code io-impl} included, without {@code iceberg.catalog.}. */
  abstract Map<String, String> fileIo();

  @Test
  void aSegmentCopiedToGcsIsServedExactlyFromEveryBatchPosition() throws Exception {
    TieredSegment segment = tiered();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    assertServedFromEveryBatch(rsm, segment);
  }

  @Test
  void everyIndexComesBackFromGcsByteForByte() throws Exception {
    TieredSegment segment = tiered();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    assertEveryIndexServed(rsm, segment);
  }

  @Test
  void theManifestAndEveryDataFileItListsAreObjectsInTheBucket() throws Exception {
    TieredSegment segment = tiered();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    Map<String, Long> objects = objectSizes();
    String manifestName = manifestName(segment);
    assertTrue(objects.containsKey(manifestName), "manifest " + manifestName + " among " + objects.keySet());
    SegmentManifest manifest = ManifestCodec.decode(storage.readAllBytes(bucket, manifestName));
    assertFalse(manifest.files().isEmpty());
    for (DataFileRef file : manifest.files()) {
      String prefix = "gs://" + bucket + "/warehouse/";
      assertTrue(file.location().startsWith(prefix) && file.location().endsWith(".parquet"), file.location());
      String name = file.location().substring(("gs://" + bucket + "/").length());
      assertEquals(file.sizeInBytes(), objects.get(name), "size of the object " + name);
    }
  }

  /**
   * GCSFileIO writes every file through a resumable upload session, in chunks of
   * {@code gcs.channel.write.chunk-size-bytes}, each a PUT of a Content-Range of the object; a data
   * file of several MiB takes many of them, which the client's request log counts.
   */
  @Test
  void aDataFileOfManyResumableUploadChunksIsServedExactly() throws Exception {
    rsm.close();
    rsm = configured(Map.of("iceberg.catalog.gcs.channel.write.chunk-size-bytes", String.valueOf(CHUNK)));
    TieredSegment segment = TieredSegment.incompressible(dir, TOPIC, PARTITION, 6);
    List<String> requests;
    try (HttpRequestLog log = HttpRequestLog.open()) {
      rsm.copyLogSegmentData(segment.metadata(), segment.data());
      requests = log.requests();
    }

    Map<String, Long> objects = objectSizes();
    String dataFile = objects.keySet().stream().filter(name -> name.endsWith(".parquet")).findFirst().orElseThrow();
    // Every upload's chunks: a session's URI does not name its object, but the other files are a chunk each.
    long chunks = requests.stream().filter(request -> request.startsWith("PUT ")
        && request.contains("Content-Range: bytes ")).count();
    assertTrue(chunks > objects.get(dataFile) / CHUNK, chunks + " chunks for " + objects.get(dataFile) + " bytes");
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
  }

  @Test
  void deletingASegmentRemovesItsManifestObjectAndItsFilesFromTheKafkaViewsBranch() throws Exception {
    rsm.close();
    rsm = configured(Map.of("table.retention", "follow-kafka"));
    TieredSegment segment = tiered();
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    assertFalse(branchFiles().isEmpty());

    rsm.deleteLogSegmentData(segment.metadata());
    rsm.deleteLogSegmentData(segment.metadata());

    assertFalse(objectSizes().containsKey(manifestName(segment)), objectSizes().keySet().toString());
    assertEquals(Set.of(), branchFiles());
    assertThrows(RemoteResourceNotFoundException.class, () -> rsm.fetchLogSegment(segment.metadata(), 0));
  }

  private TieredSegment tiered() {
    return TieredSegment.everyKind(dir, TOPIC, PARTITION, 0);
  }

  private String manifestName(TieredSegment segment) {
    return "warehouse/_floe/manifests/" + TOPIC + "-" + TieredSegment.TOPIC_ID + "/" + PARTITION + "/"
        + segment.metadata().remoteLogSegmentId().id() + ".floe-manifest";
  }

  /** The manager as a broker configures it for a GCS warehouse: every key is in docs/configuration.md. */
  private IcebergRemoteStorageManager configured(Map<String, String> extra) {
    Map<String, Object> configs = new HashMap<>(extra);
    catalogProperties().forEach((key, value) -> configs.put("iceberg.catalog." + key, value));
    configs.remove("iceberg.catalog.type");
    configs.put("broker.id", 1);
    IcebergRemoteStorageManager manager = new IcebergRemoteStorageManager();
    manager.configure(configs);
    return manager;
  }

  /** The same catalog and store, opened independently of Floe, as an analyst's engine would. */
  private Map<String, String> catalogProperties() {
    Map<String, String> properties = new HashMap<>(fileIo());
    properties.putAll(Map.of(
        "type", "jdbc",
        "uri", "jdbc:sqlite:" + dir.resolve("catalog.db"),
        "warehouse", "gs://" + bucket + "/warehouse",
        "gcs.project-id", "floe-test",
        "gcs.no-auth", "true"));
    return properties;
  }

  /** The files of the table's Kafka view branch, as the catalog lists them. */
  private Set<String> branchFiles() throws IOException {
    // A JDBC catalog keeps each catalog name's tables apart: open it under Floe's name.
    Catalog catalog = CatalogUtil.buildIcebergCatalog("floe", catalogProperties(), null);
    try {
      Table table = catalog.loadTable(TableIdentifier.of("kafka", TOPIC));
      try (CloseableIterable<FileScanTask> tasks = table.newScan()
          .useSnapshot(table.refs().get(KafkaViewBranch.NAME).snapshotId()).planFiles()) {
        Set<String> files = new TreeSet<>();
        tasks.forEach(task -> files.add(task.file().location()));
        return files;
      }
    } finally {
      ((Closeable) catalog).close();
    }
  }

  /** Every object in the bucket, by name, with its size, as Cloud Storage lists them. */
  private Map<String, Long> objectSizes() {
    return StreamSupport.stream(storage.list(bucket).iterateAll().spliterator(), false)
        .collect(Collectors.toMap(Blob::getName, Blob::getSize));
  }
}
