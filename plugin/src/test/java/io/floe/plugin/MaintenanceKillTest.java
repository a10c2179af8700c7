package io.floe.plugin;

import static io.floe.plugin.ToolWarehouse.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.plugin.tool.FloeTool;
import io.floe.writer.maintenance.MaintenanceLease;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a maintenance pass in the middle: {@code floe maintain} in a JVM of its own,
 * on a store whose deletes are slow, killed once it has rewritten main's manifests and removed some
 * orphans but not all, leaves every segment served byte for byte and {@code main}'s rows as they
 * were; the lease keeps other runs off until its term, and a run after it finishes the work.
 */
class MaintenanceKillTest {
  private static final int ORPHANS = 300;
  private static final long TIMEOUT_SECONDS = 120;

  @TempDir
  Path dir;

  private ToolWarehouse warehouse;
  private final List<TieredSegment> segments = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    warehouse = new ToolWarehouse(dir);
    for (int i = 0; i < 6; i++) {
      int first = (i / 3) * 5;
      segments.add(warehouse.tier("segment-" + i, i % 3, first, first + 4,
          segment -> segment.plain(Compression.NONE, records(first, 5))));
    }
  }

  @AfterEach
  void close() throws IOException {
    warehouse.close();
  }

  @Test
  void aPassKilledInTheMiddleLeavesBothViewsIntactAndARunAfterTheLeasesTermFinishesIt() throws Exception {
    List<Path> orphans = orphans(warehouse.table("orders"));
    List<Record> main = mainRows();
    Path config = warehouse.writeConfig("maintain.properties",
        "rsm.config.iceberg.catalog.warehouse=file://" + warehouse.warehouse(),
        "rsm.config.maintenance.manifests.max-count=1",
        "rsm.config.iceberg.catalog.io-impl=" + SlowDeletesFileIO.class.getName());

    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FloeTool.class.getName(), "maintain", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
    awaitAnOrphanRemoved(child, orphans);
    child.destroyForcibly();
    assertTrue(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));

    assertTrue(orphans.stream().anyMatch(Files::exists), "killed before its last delete");
    assertEquals(main, mainRows());
    assertEverySegmentServed();
    ToolWarehouse.Run whileLeased = warehouse.run("maintain", "--config", config.toString());
    assertTrue(whileLeased.out().contains("skipped: floe maintain ("), whileLeased.toString());

    warehouse.table("orders").updateProperties()
        .set(MaintenanceLease.PROPERTY, Instant.now().minusSeconds(1) + " the killed run").commit();
    ToolWarehouse.Run after = warehouse.run("maintain", "--config", config.toString());

    assertEquals(0, after.exit(), after.toString());
    Table table = warehouse.table("orders");
    assertEquals(1, table.currentSnapshot().dataManifests(table.io()).size());
    orphans.forEach(orphan -> assertFalse(Files.exists(orphan), orphan.toString()));
    assertEquals(main, mainRows());
    assertEverySegmentServed();
  }

  /** Waits until the child has deleted an orphan: its pass is in its last step. */
  private void awaitAnOrphanRemoved(Process child, List<Path> orphans) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (orphans.stream().allMatch(Files::exists)) {
      assertTrue(child.isAlive() && System.nanoTime() < deadline, () -> "the child removes an orphan:\n" + printed());
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  private String printed() {
    try {
      return Files.readString(dir.resolve("child.out"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private void assertEverySegmentServed() throws Exception {
    try (IcebergRemoteStorageManager fresh = new IcebergRemoteStorageManager()) {
      fresh.configure(Map.of("iceberg.catalog.warehouse", "file://" + warehouse.warehouse(), "broker.id", 2));
      for (TieredSegment segment : segments) {
        try (InputStream in = fresh.fetchLogSegment(segment.metadata(), 0)) {
          ServedBytes.assertServedFrom(segment.segmentFile(), 0, in.readAllBytes());
        }
      }
    }
  }

  /** Files under the table's data location that nothing references, four days old, as killed uploads leave. */
  private static List<Path> orphans(Table table) throws IOException {
    Path data = Path.of(URI.create(table.location()).getPath()).resolve("data");
    List<Path> orphans = new ArrayList<>();
    for (int i = 0; i < ORPHANS; i++) {
      Path file = data.resolve(String.format("Killed%03d-00000.parquet", i));
      Files.write(file, new byte[] {'P', 'A', 'R', '1'});
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(4))));
      orphans.add(file);
    }
    return orphans;
  }

  private List<Record> mainRows() throws IOException {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(warehouse.table("orders")).build()) {
      records.forEach(row -> rows.add(row.copy()));
    }
    rows.sort(Comparator.comparing(Record::toString));
    return rows;
  }
}
