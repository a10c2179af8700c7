package io.floe.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.plugin.storage.LocalFileIO;
import io.floe.writer.commit.KafkaViewBranch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe check}: exit 0 on a sound warehouse, 1 naming each missing, unreachable or orphaned file. */
class FloeCheckTest {
  @TempDir
  Path dir;

  private ToolWarehouse warehouse;

  @BeforeEach
  void open() throws Exception {
    warehouse = new ToolWarehouse(dir);
    warehouse.tier("orders", 3, 0);
    warehouse.tier("payments", 0, 0);
  }

  @AfterEach
  void close() throws IOException {
    warehouse.close();
  }

  @Test
  void aWarehouseTheBrokerTieredIntoPasses() {
    ToolWarehouse.Run run = check();

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("checked 2 manifests, "), run.toString());
    assertTrue(run.out().contains("no problems"), run.toString());
  }

  @Test
  void aDeletedDataFileFailsTheCheckNamingIt() throws IOException {
    String deleted = kafkaViewFiles("orders").get(0).location();
    Files.delete(LocalFileIO.pathOf(deleted));

    ToolWarehouse.Run run = check();

    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("missing: " + deleted + ": listed by segment "), run.toString());
  }

  @Test
  void anOrphanFileInTheDataDirectoryFailsTheCheckNamingIt() throws IOException {
    Path dataFile = LocalFileIO.pathOf(kafkaViewFiles("orders").get(0).location());
    Path orphan = Files.writeString(dataFile.resolveSibling("left-by-a-crash.parquet"), "PAR1");

    ToolWarehouse.Run run = check();

    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("orphan: "), run.toString());
    assertTrue(run.out().contains(orphan.toString() + " (4 bytes)"), run.toString());
  }

  @Test
  void aDataFileTheKafkaViewNoLongerHoldsIsUnreachable() throws IOException {
    Table table = warehouse.table("orders");
    DataFile dropped = kafkaViewFiles("orders").get(0);
    table.newDelete().toBranch(KafkaViewBranch.NAME).deleteFile(dropped).commit();

    ToolWarehouse.Run run = check();

    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("unreachable: " + dropped.location() + ": listed by segment "), run.toString());
  }

  @Test
  void aTopicChecksOnlyItsOwnManifests() throws IOException {
    Files.delete(LocalFileIO.pathOf(kafkaViewFiles("payments").get(0).location()));

    ToolWarehouse.Run run = warehouse.run("check", "--config", warehouse.config().toString(), "--topic", "orders");

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("checked 1 manifests, "), run.toString());
  }

  @Test
  void anUnknownTopicIsRefused() {
    ToolWarehouse.Run run = warehouse.run("check", "--config", warehouse.config().toString(), "--topic", "nope");

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("Cannot check topic nope: no table kafka.nope"), run.toString());
  }

  private ToolWarehouse.Run check() {
    return warehouse.run("check", "--config", warehouse.config().toString());
  }

  private List<DataFile> kafkaViewFiles(String topic) throws IOException {
    List<DataFile> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = warehouse.table(topic).newScan().useRef(KafkaViewBranch.NAME).planFiles()) {
      tasks.forEach(task -> files.add(task.file()));
    }
    return files;
  }
}
