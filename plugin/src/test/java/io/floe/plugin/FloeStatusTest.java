package io.floe.plugin;

import static io.floe.plugin.ToolWarehouse.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe status TOPIC} on segments the real remote storage manager tiered. */
class FloeStatusTest {
  @TempDir
  Path dir;

  private ToolWarehouse warehouse;

  @BeforeEach
  void open() {
    warehouse = new ToolWarehouse(dir);
  }

  @AfterEach
  void close() throws IOException {
    warehouse.close();
  }

  @Test
  void eachPartitionShowsItsSegmentsOffsetsAndTheRowsMainHolds() throws Exception {
    warehouse.tier("first", 3, 0, 4, segment -> segment.plain(Compression.NONE, records(0, 5)));
    warehouse.tier("second", 3, 5, 9, segment -> segment.plain(Compression.NONE, records(5, 5)));
    TieredSegment other = warehouse.tier("orders", 1, 0);

    ToolWarehouse.Run run = warehouse.run("status", "--config", warehouse.config().toString(), "orders");

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("partition 3: segments=2 offsets=0-9 data-files=2 "), run.toString());
    assertTrue(run.out().contains(" rows-in-main=10 pending-rows=0 last-offset-in-main=9 lag=0"), run.toString());
    assertTrue(run.out().contains("partition 1: segments=1 offsets=0-" + other.metadata().endOffset() + " "), run.toString());
    assertTrue(run.out().contains("total: segments=3 "), run.toString());
    assertTrue(run.out().contains(" rows-in-main=" + mainRows() + " pending-rows=0"), run.toString());
  }

  @Test
  void rowsWaitingForTheirTransactionAreShownPendingAndAsLag() throws Exception {
    warehouse.tier("open", 0, 2, segment -> segment
        .plain(Compression.NONE, records(0, 1))
        .transactional(Compression.NONE, 0, records(1, 2)));

    ToolWarehouse.Run run = warehouse.run("status", "--config", warehouse.config().toString(), "orders");

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("partition 0: segments=1 offsets=0-2 data-files="), run.toString());
    assertTrue(run.out().contains(" rows-in-main=1 pending-rows=2 last-offset-in-main=0 lag=2"), run.toString());
  }

  @Test
  void aTopicsTableIsFoundWhereItsOverridesPutIt() throws Exception {
    try (ToolWarehouse overridden = new ToolWarehouse(Files.createDirectories(dir.resolve("overridden")),
        Map.of("iceberg.namespace.overrides", "orders:sales", "iceberg.table.overrides", "orders:order_events"))) {
      overridden.tier("orders", 0, 0);

      ToolWarehouse.Run run = overridden.run("status", "--config", overridden.config().toString(), "orders");

      assertEquals(0, run.exit(), run.toString());
      assertTrue(run.out().contains("table sales.order_events in catalog floe"), run.toString());
      assertTrue(run.out().contains(" rows-in-main=83 "), run.toString());
    }
  }

  @Test
  void anUnknownTopicIsRefusedNamingItsTable() throws Exception {
    warehouse.tier("orders", 3, 0);

    ToolWarehouse.Run run = warehouse.run("status", "--config", warehouse.config().toString(), "payments");

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("Cannot show topic payments: no table kafka.payments in catalog floe"), run.toString());
  }

  private long mainRows() throws IOException {
    long total = 0;
    try (CloseableIterable<Record> rows = IcebergGenerics.read(warehouse.table("orders")).build()) {
      for (Record ignored : rows) {
        total++;
      }
    }
    return total;
  }
}
