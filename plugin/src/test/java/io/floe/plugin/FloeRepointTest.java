package io.floe.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe repoint TOPIC} after an operator compacted the topic's table's main. */
class FloeRepointTest {
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
  void aCompactedTopicsSegmentsAreRepointedAndStillServedExactly() throws Exception {
    TieredSegment segment = warehouse.tier("orders", 0, 0);
    MainMaintenance.compact(warehouse.table("orders"));

    ToolWarehouse.Run run = warehouse.run("repoint", "--config", warehouse.config().toString(), "orders");

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("table kafka.orders: re-pointed 1 segments, kept 0 on their own files, retired "),
        run.toString());
    assertTrue(run.out().contains("re-pointed segment " + segment.metadata().remoteLogSegmentId().id()), run.toString());
    ServedBytes.assertServedFromEveryBatch(warehouse.rsm(), segment);
  }

  @Test
  void aGracePeriodAsShortAsABrokerKeepsAManifestIsRefused() throws Exception {
    warehouse.tier("orders", 0, 0);

    ToolWarehouse.Run run = warehouse.run("repoint", "--config", warehouse.config().toString(), "--grace-period",
        "PT5M", "orders");

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("Cannot wait a grace period of PT5M"), run.toString());
  }

  @Test
  void anUnknownTopicIsRefusedNamingItsTable() throws Exception {
    warehouse.tier("orders", 0, 0);

    ToolWarehouse.Run run = warehouse.run("repoint", "--config", warehouse.config().toString(), "payments");

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("Cannot re-point topic payments: no table kafka.payments in catalog floe"),
        run.toString());
  }

  @Test
  void helpSaysWhatItDoes() {
    ToolWarehouse.Run run = warehouse.run("repoint", "--help");

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("--grace-period=DURATION"), run.toString());
  }
}
