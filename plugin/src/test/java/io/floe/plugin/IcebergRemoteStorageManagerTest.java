package io.floe.plugin;

import static io.floe.plugin.ServedBytes.assertServedFrom;
import static io.floe.plugin.ServedBytes.batches;
import static io.floe.plugin.ServedBytes.rowCount;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.row.TranslatedBatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.server.log.remote.storage.RemoteResourceNotFoundException;
import org.apache.kafka.server.log.remote.storage.RemoteStorageException;
import org.apache.kafka.server.log.remote.storage.RemoteStorageManager.IndexType;
import org.apache.kafka.server.log.remote.storage.RetriableRemoteStorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote storage manager on the embedded default (a SQLite catalog and a local warehouse),
 * driven as the broker drives it, with segments and indexes written by Kafka's own code.
 */
class IcebergRemoteStorageManagerTest {
  @TempDir
  Path dir;

  private Path warehouse;
  private IcebergRemoteStorageManager rsm;

  @BeforeEach
  void configure() {
    warehouse = dir.resolve("warehouse");
    rsm = configured(Map.of());
  }

  @AfterEach
  void close() throws IOException {
    rsm.close();
  }

  @Test
  void aFetchFromEveryBatchPositionReturnsTheSegmentFromThere() throws Exception {
    TieredSegment segment = tiered("orders", 3, 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    for (TranslatedBatch batch : batches(segment.segmentFile())) {
      byte[] served;
      try (InputStream in = rsm.fetchLogSegment(segment.metadata(), (int) batch.position())) {
        served = in.readAllBytes();
      }
      assertServedFrom(segment.segmentFile(), (int) batch.position(), served);
    }
  }

  @Test
  void aFetchWithAnEndPositionStopsThere() throws Exception {
    TieredSegment segment = tiered("orders", 3, 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    List<TranslatedBatch> batches = batches(segment.segmentFile());
    int end = (int) batches.get(4).position() - 1;

    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0, end)) {
      byte[] original = Files.readAllBytes(segment.segmentFile());
      assertArrayEquals(Arrays.copyOfRange(original, 0, end + 1), in.readAllBytes());
    }
  }

  @Test
  void everyIndexComesBackByteForByte() throws Exception {
    TieredSegment segment = tiered("orders", 3, 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    for (IndexType type : IndexType.values()) {
      try (InputStream in = rsm.fetchIndex(segment.metadata(), type)) {
        assertArrayEquals(segment.originalIndex(type), in.readAllBytes(), type.name());
      }
    }
  }

  @Test
  void aSegmentWithoutTransactionIndexHasNoneToFetch() throws Exception {
    TieredSegment segment = TieredSegment.incompressible(dir.resolve("plain"), "orders", 3, 2);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    assertThrows(RemoteResourceNotFoundException.class,
        () -> rsm.fetchIndex(segment.metadata(), IndexType.TRANSACTION));
  }

  @Test
  void anUnknownSegmentIsNotFoundForItsDataAndEveryIndex() {
    TieredSegment never = tiered("orders", 3, 0);

    assertThrows(RemoteResourceNotFoundException.class, () -> rsm.fetchLogSegment(never.metadata(), 0));
    for (IndexType type : IndexType.values()) {
      assertThrows(RemoteResourceNotFoundException.class, () -> rsm.fetchIndex(never.metadata(), type));
    }
  }

  @Test
  void theTableHoldsEveryRecordOnceWithItsKafkaColumns() throws Exception {
    TieredSegment segment = tiered("orders", 3, 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    List<Record> rows = rows("orders");
    assertEquals(rowCount(segment.segmentFile()), rows.size());
    assertEquals(rows.size(), rows.stream().map(r -> ((Record) r.getField("_kafka")).getField("offset")).distinct().count());
  }

  @Test
  void anUploadRetriedWithTheSameIdDoesNotAppendAgain() throws Exception {
    TieredSegment segment = tiered("orders", 3, 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    int snapshots = snapshotCount("orders");

    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    assertEquals(snapshots, snapshotCount("orders"));
    assertEquals(rowCount(segment.segmentFile()), rows("orders").size());
  }

  @Test
  void deletingASegmentIsIdempotentAndItsDataIsThenNotFound() throws Exception {
    TieredSegment segment = tiered("orders", 3, 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());

    rsm.deleteLogSegmentData(segment.metadata());
    rsm.deleteLogSegmentData(segment.metadata());

    assertThrows(RemoteResourceNotFoundException.class, () -> rsm.fetchLogSegment(segment.metadata(), 0));
    assertThrows(RemoteResourceNotFoundException.class, () -> rsm.fetchIndex(segment.metadata(), IndexType.OFFSET));
  }

  @Test
  void tenPartitionsCopyingAtOnceAllCommitExactlyOnce() throws Exception {
    List<TieredSegment> segments = new ArrayList<>();
    for (int partition = 0; partition < 10; partition++) {
      segments.add(tiered("clicks", partition, 0));
    }
    ExecutorService copiers = Executors.newFixedThreadPool(10);
    try {
      List<Future<?>> copies = new ArrayList<>();
      for (TieredSegment segment : segments) {
        copies.add(copiers.submit(() -> rsm.copyLogSegmentData(segment.metadata(), segment.data())));
      }
      for (Future<?> copy : copies) {
        copy.get();
      }
    } finally {
      copiers.shutdown();
    }

    long perSegment = rowCount(segments.get(0).segmentFile());
    assertEquals(10 * perSegment, rows("clicks").size());
    assertEquals(10, snapshotCount("clicks"));
    for (TieredSegment segment : segments) {
      try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
        assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
      }
    }
  }

  @Test
  void aFetchNeedsNeitherTheCatalogNorTheUploader() throws Exception {
    TieredSegment segment = tiered("orders", 3, 0);
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    rsm.close();
    Files.move(warehouse.resolve("floe-catalog.db"), dir.resolve("catalog-moved-away.db"));
    Files.createDirectory(warehouse.resolve("floe-catalog.db"));

    rsm = configured(Map.of());
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
    RemoteStorageException error = assertThrows(RemoteStorageException.class,
        () -> rsm.copyLogSegmentData(tiered("orders", 4, 0).metadata(), tiered("orders", 4, 0).data()));
    assertTrue(error instanceof RetriableRemoteStorageException, "the broker retries an unreachable catalog");
    assertTrue(error.getMessage().contains("orders-4"), error.getMessage());
  }

  @Test
  void aSecretInTheCatalogUriNeverReachesAnErrorMessage() throws IOException {
    rsm.close();
    rsm = configured(Map.of("iceberg.catalog.uri", "jdbc:postgresql://127.0.0.1:1/floe?user=floe&password=hunter2"));
    TieredSegment segment = tiered("orders", 3, 0);

    RemoteStorageException error = assertThrows(RemoteStorageException.class,
        () -> rsm.copyLogSegmentData(segment.metadata(), segment.data()));
    for (Throwable t = error; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("hunter2"), t.getMessage());
    }
  }

  @Test
  void aWrongValueFailsConfigureNamingTheKey() {
    ConfigException error = assertThrows(ConfigException.class, () -> new IcebergRemoteStorageManager().configure(
        Map.of("iceberg.catalog.warehouse", warehouse.toString(), "fetch.manifest.cache.bytes", "-1")));
    assertTrue(error.getMessage().contains("fetch.manifest.cache.bytes"), error.getMessage());
  }

  private IcebergRemoteStorageManager configured(Map<String, String> extra) {
    return new EmbeddedWarehouse(warehouse).manager(1, extra);
  }

  private TieredSegment tiered(String topic, int partition, long baseOffset) {
    return TieredSegment.everyKind(dir, topic, partition, baseOffset);
  }

  private Catalog catalog() {
    return new EmbeddedWarehouse(warehouse).catalog();
  }

  private List<Record> rows(String topic) throws IOException {
    Table table = catalog().loadTable(TableIdentifier.of("kafka", topic));
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      records.forEach(rows::add);
    }
    return rows;
  }

  /** Snapshots of main: one per segment (the Kafka view's branch has one per segment too). */
  private int snapshotCount(String topic) {
    Table table = catalog().loadTable(TableIdentifier.of("kafka", topic));
    int count = 0;
    for (var ignored : SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(), table::snapshot)) {
      count++;
    }
    return count;
  }
}
