package io.floe.plugin;

import static io.floe.plugin.ToolWarehouse.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.writer.maintenance.LeaseHolder;
import io.floe.writer.maintenance.MaintenanceLease;
import io.floe.writer.maintenance.TableMaintenance;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe maintain}: the broker's maintenance pass run once from outside it, under the same lease. */
class FloeMaintainTest {
  @TempDir
  Path dir;

  private ToolWarehouse warehouse;
  private List<TieredSegment> segments;

  @BeforeEach
  void open() throws Exception {
    warehouse = new ToolWarehouse(dir);
    segments = List.of(
        warehouse.tier("first", 0, 0, 4, segment -> segment.plain(Compression.NONE, records(0, 5))),
        warehouse.tier("second", 0, 5, 9, segment -> segment.plain(Compression.NONE, records(5, 5))),
        warehouse.tier("third", 1, 0, 4, segment -> segment.plain(Compression.NONE, records(0, 5))),
        warehouse.tier("payments", 0, 0));
  }

  @AfterEach
  void close() throws IOException {
    warehouse.close();
  }

  @Test
  void aRunMaintainsEveryFloeTableAndEverySegmentIsServedAsBefore() throws Exception {
    Path orphan = orphan(warehouse.table("orders"), Duration.ofDays(4));
    Path config = config("rsm.config.maintenance.manifests.max-count=1");

    ToolWarehouse.Run run = warehouse.run("maintain", "--config", config.toString());

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("table kafka.orders:\n"
        + "  compact-main: nothing to compact\n"
        + "  follow-compaction: 0 segments re-pointed, 0 left on their own files [], 0 files retired, 0 released\n"
        + "  rewrite-manifests: rewrote main's 3 data manifests\n"
        + "  expire-snapshots: expired 0 snapshots\n  remove-orphan-files: removed 1 orphan files\n"), run.toString());
    assertTrue(run.out().contains("table kafka.payments:\n"), run.toString());
    assertTrue(run.out().endsWith("maintained 2 tables, skipped 0 (leased elsewhere), failed 0\n"), run.toString());
    assertFalse(Files.exists(orphan));
    for (TieredSegment segment : segments) {
      try (InputStream in = warehouse.rsm().fetchLogSegment(segment.metadata(), 0)) {
        ServedBytes.assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
      }
    }
  }

  @Test
  void aTableWhoseLeaseABrokerHoldsIsSkipped() {
    LeaseHolder broker = new MaintenanceLease(warehouse.table("orders"), "broker 1", TableMaintenance.LEASE_TERM,
        Clock.systemUTC()).acquire();
    long snapshot = warehouse.table("orders").currentSnapshot().snapshotId();

    ToolWarehouse.Run run = warehouse.run("maintain", "--config", config("rsm.config.maintenance.manifests.max-count=1")
        .toString(), "--topic", "orders");

    assertEquals(0, run.exit(), run.toString());
    assertEquals("table kafka.orders: skipped: broker 1 holds its maintenance lease until " + broker.until() + "\n"
        + "maintained 0 tables, skipped 1 (leased elsewhere), failed 0\n", run.out());
    assertEquals(snapshot, warehouse.table("orders").currentSnapshot().snapshotId());
  }

  @Test
  void anUnknownTopicIsBadInput() {
    ToolWarehouse.Run run = warehouse.run("maintain", "--config", warehouse.config().toString(), "--topic", "nope");

    assertEquals(2, run.exit(), run.toString());
    assertEquals("floe maintain: Cannot maintain topic nope: no table kafka.nope in catalog floe (jdbc:sqlite:"
        + warehouse.warehouse().resolve("floe-catalog.db") + ")", run.err().strip());
  }

  @Test
  void aWrongMaintenanceKeyIsBadInputNamingIt() {
    ToolWarehouse.Run run = warehouse.run("maintain", "--config",
        config("rsm.config.maintenance.orphans.min-age.ms=1000").toString());

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("maintenance.orphans.min-age.ms"), run.toString());
  }

  private Path config(String... lines) {
    String[] all = new String[lines.length + 1];
    all[0] = "rsm.config.iceberg.catalog.warehouse=file://" + warehouse.warehouse();
    System.arraycopy(lines, 0, all, 1, lines.length);
    return warehouse.writeConfig("maintain.properties", all);
  }

  /** A Parquet file under the table's data location that nothing references, written {@code age} ago. */
  private static Path orphan(Table table, Duration age) throws IOException {
    Path file = Path.of(URI.create(table.location()).getPath()).resolve("data/Killed-00000.parquet");
    Files.write(file, new byte[] {'P', 'A', 'R', '1'});
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    return file;
  }
}
