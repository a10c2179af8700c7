package io.floe.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.plugin.storage.LocalFileIO;
import io.floe.reader.ReplayComparison;
import io.floe.plugin.kafka.Segments;
import io.floe.translator.KafkaSegment;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.writer.maintenance.MaintenanceLease;
import io.floe.writer.maintenance.MaintenanceReport;
import io.floe.writer.maintenance.MaintenanceSettings;
import io.floe.writer.maintenance.TableMaintenance;
import io.floe.writer.manifest.ManifestStore;
import io.floe.writer.pending.PendingTransactions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance of a table the broker tiered into: after a pass, every tiered segment is still served
 * byte for byte from the same files, and main holds the same rows, whatever the table holds (re-uploads,
 * pending transactions, deleted segments).
 */
class MaintenanceTest {
  private static final TableIdentifier ORDERS = TableIdentifier.of("kafka", "orders");

  @TempDir
  Path dir;

  private final List<IcebergRemoteStorageManager> managers = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (IcebergRemoteStorageManager manager : managers) {
      manager.close();
    }
  }

  @Test
  void afterTheHarshestPassEveryTieredSegmentIsServedByteExactAndMainKeepsItsRows() throws Exception {
    EmbeddedWarehouse warehouse = new EmbeddedWarehouse(dir.resolve("warehouse"));
    IcebergRemoteStorageManager rsm = manager(warehouse, Map.of());
    List<TieredSegment> live = new ArrayList<>();
    for (int partition = 0; partition < 3; partition++) {
      live.add(tier(rsm, TieredSegment.everyKind(dir.resolve("p" + partition), "orders", partition, 0)));
    }
    TieredSegment deleted = live.remove(0);
    live.add(tier(rsm, deleted.retriedWithId(Uuid.randomUuid())));
    rsm.deleteLogSegmentData(deleted.metadata());
    live.add(tier(rsm, withTransactionOpenAtItsEnd(3)));
    Path orphan = orphan(warehouse);
    List<Record> main = mainRows(warehouse);
    String pending = table(warehouse).properties().get(PendingTransactions.property(3));

    // Keep one snapshot of main and one manifest, and take every unreferenced file, however young.
    MaintenanceReport report = pass(warehouse, new MaintenanceSettings(1, Duration.ZERO, 1, Duration.ZERO, Optional.empty()))
        .run(table(warehouse));

    assertFalse(report.failed(), report.toString());
    assertFalse(Files.exists(orphan));
    assertEquals(main, mainRows(warehouse));
    assertEquals(pending, table(warehouse).properties().get(PendingTransactions.property(3)));
    IcebergRemoteStorageManager fresh = manager(warehouse, Map.of());
    for (TieredSegment segment : live) {
      assertServedWhole(fresh, segment);
      ServedBytes.assertEveryIndexServed(fresh, segment);
    }
  }

  @Test
  void aPassMakesTheKafkaViewFollowACompactionOfMain() throws Exception {
    EmbeddedWarehouse warehouse = new EmbeddedWarehouse(dir.resolve("warehouse"));
    IcebergRemoteStorageManager rsm = manager(warehouse, Map.of());
    List<TieredSegment> segments = new ArrayList<>();
    for (int partition = 0; partition < 3; partition++) {
      segments.add(tier(rsm, TieredSegment.everyKind(dir.resolve("p" + partition), "orders", partition, 0)));
    }
    Set<String> compacted = files(table(warehouse));
    MainMaintenance.compact(table(warehouse));

    MaintenanceReport report = pass(warehouse, new MaintenanceSettings(1, Duration.ZERO, 100, Duration.ofDays(3), Optional.empty()))
        .run(table(warehouse));

    assertFalse(report.failed(), report.toString());
    ManifestStore manifests = new ManifestStore(new LocalFileIO(), warehouse.manifestPrefix());
    for (TieredSegment segment : segments) {
      SegmentManifest manifest = (SegmentManifest) manifests.read(Segments.ref(segment.metadata())).orElseThrow();
      assertTrue(manifest.files().stream().map(DataFileRef::location).noneMatch(compacted::contains),
          "the segment's manifest lists only files the compaction wrote, or files main never had: " + manifest.files());
    }
    IcebergRemoteStorageManager fresh = manager(warehouse, Map.of());
    for (TieredSegment segment : segments) {
      assertServedWhole(fresh, segment);
      ServedBytes.assertEveryIndexServed(fresh, segment);
    }
  }

  @Test
  void theBrokerMaintainsTheTablesOfTheTopicsItIsToldToAndGivesTheLeaseBack() throws Exception {
    EmbeddedWarehouse warehouse = new EmbeddedWarehouse(dir.resolve("warehouse"));
    IcebergRemoteStorageManager rsm = manager(warehouse, Map.of("maintenance.topics", "orders",
        "maintenance.interval.ms", "1000", "maintenance.manifests.max-count", "1"));
    List<TieredSegment> segments = new ArrayList<>();
    for (int partition = 0; partition < 3; partition++) {
      segments.add(tier(rsm, TieredSegment.everyKind(dir.resolve("p" + partition), "orders", partition, 0)));
    }

    // A pass may rewrite main's manifests while the last segment commits, and leave its manifest to the next.
    awaitUntil(() -> {
      Table table = table(warehouse);
      return "replace".equals(table.currentSnapshot().operation())
          && table.currentSnapshot().dataManifests(table.io()).size() == 1
          && !table.properties().containsKey(MaintenanceLease.PROPERTY);
    });

    for (TieredSegment segment : segments) {
      assertServedWhole(rsm, segment);
    }
  }

  /** Offsets 0-1 plain, 2-4 a transaction whose marker is not tiered: its rows are pending, in the Kafka view only. */
  private TieredSegment withTransactionOpenAtItsEnd(int partition) {
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir.resolve("open"), 0)) {
      segment.plain(Compression.NONE, ToolWarehouse.records(0, 2)).transactional(Compression.NONE, 0,
          ToolWarehouse.records(2, 3));
      file = segment.path();
    }
    return TieredSegment.of(file, "orders", partition, 0, 4);
  }

  /** A Parquet file under the table's data location that nothing references, as a killed upload leaves. */
  private Path orphan(EmbeddedWarehouse warehouse) throws IOException {
    Path file = Path.of(URI.create(table(warehouse).location()).getPath()).resolve("data/Killed-00000.parquet");
    Files.write(file, new byte[] {'P', 'A', 'R', '1'});
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(4))));
    return file;
  }

  private static void assertServedWhole(IcebergRemoteStorageManager rsm, TieredSegment segment) throws Exception {
    try (InputStream in = rsm.fetchLogSegment(segment.metadata(), 0)) {
      ServedBytes.assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
    }
  }

  private static TieredSegment tier(IcebergRemoteStorageManager rsm, TieredSegment segment) throws Exception {
    rsm.copyLogSegmentData(segment.metadata(), segment.data());
    return segment;
  }

  /** The data files of the table's main. */
  private static Set<String> files(Table table) throws IOException {
    Set<String> files = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> files.add(task.file().location()));
    }
    return files;
  }

  /** A pass as the broker runs one, a second ahead so that the snapshots just committed count as older than an age of zero. */
  private static TableMaintenance pass(EmbeddedWarehouse warehouse, MaintenanceSettings settings) {
    LocalFileIO io = new LocalFileIO();
    return new TableMaintenance(settings, "test", Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)),
        new ManifestStore(io, warehouse.manifestPrefix()), new ReplayComparison(io)::difference);
  }

  private IcebergRemoteStorageManager manager(EmbeddedWarehouse warehouse, Map<String, String> extra) {
    IcebergRemoteStorageManager manager = warehouse.manager(1, extra);
    managers.add(manager);
    return manager;
  }

  private static Table table(EmbeddedWarehouse warehouse) {
    return warehouse.catalog().loadTable(ORDERS);
  }

  private static List<Record> mainRows(EmbeddedWarehouse warehouse) throws IOException {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table(warehouse)).build()) {
      records.forEach(row -> rows.add(row.copy()));
    }
    rows.sort(Comparator.comparing(Record::toString));
    return rows;
  }

  /** Waits for {@code condition}, looking again every tenth of a second, for a minute at most. */
  private static void awaitUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "the condition still does not hold after a minute");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }
}
