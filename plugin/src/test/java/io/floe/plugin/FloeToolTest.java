package io.floe.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code floe} tool as a whole: its help, its usage errors, and the configuration every command reads. */
class FloeToolTest {
  @TempDir
  Path dir;

  private ToolWarehouse warehouse;

  @BeforeEach
  void open() throws Exception {
    warehouse = new ToolWarehouse(dir);
    warehouse.tier("orders", 3, 0);
  }

  @AfterEach
  void close() throws IOException {
    warehouse.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"verify-segment", "status", "check", "manifest", "maintain"})
  void everyCommandHasHelp(String command) {
    ToolWarehouse.Run run = warehouse.run(command, "--help");

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("Usage: floe " + command), run.toString());
    assertTrue(run.out().contains("Exit status:"), run.toString());
  }

  @Test
  void theToolsHelpListsEveryCommand() {
    ToolWarehouse.Run run = warehouse.run("--help");

    assertEquals(0, run.exit(), run.toString());
    for (String command : new String[] {"verify-segment", "status", "check", "manifest", "maintain"}) {
      assertTrue(run.out().contains("  " + command), run.toString());
    }
  }

  @Test
  void noCommandIsWrongUsage() {
    ToolWarehouse.Run run = warehouse.run();

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("Missing command"), run.toString());
  }

  @Test
  void aCommandWithoutItsConfigurationIsWrongUsage() {
    ToolWarehouse.Run run = warehouse.run("status", "orders");

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("--config=FILE"), run.toString());
  }

  @Test
  void aMissingConfigurationFileIsNamed() {
    Path missing = dir.resolve("nope.properties");

    ToolWarehouse.Run run = warehouse.run("status", "--config", missing.toString(), "orders");

    assertEquals(2, run.exit(), run.toString());
    assertEquals("floe status: Cannot read configuration " + missing + ": no such file", run.err().strip());
  }

  @Test
  void aWrongValueIsRefusedNamingItsKeyAsTheBrokerWould() {
    Path config = warehouse.writeConfig("bad.properties", "rsm.config.iceberg.catalog.warehouse=file://" + dir,
        "rsm.config.writer.target.file.size.bytes=lots");

    ToolWarehouse.Run run = warehouse.run("check", "--config", config.toString());

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("Cannot use configuration " + config + ": Invalid value lots for configuration "
        + "writer.target.file.size.bytes"), run.toString());
  }

  @Test
  void aMissingRequiredKeyIsNamed() {
    Path config = warehouse.writeConfig("bad.properties", "rsm.config.iceberg.namespace=kafka");

    ToolWarehouse.Run run = warehouse.run("check", "--config", config.toString());

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("iceberg.catalog.warehouse"), run.toString());
  }

  @Test
  void aFileWithoutFloesKeysIsRefusedNamingThePrefix() {
    Path config = warehouse.writeConfig("bad.properties", "log.dirs=/var/lib/kafka");

    ToolWarehouse.Run run = warehouse.run("check", "--config", config.toString());

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("it has no rsm.config.* keys"), run.toString());
  }

  @Test
  void theBrokersOwnPrefixForFloesKeysIsFollowed() {
    Path config = warehouse.writeConfig("prefixed.properties", "remote.log.storage.manager.impl.prefix=floe.",
        "floe.iceberg.catalog.warehouse=file://" + dir.resolve("warehouse"));

    ToolWarehouse.Run run = warehouse.run("status", "--config", config.toString(), "orders");

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("partition 3: segments=1 "), run.toString());
  }

  @Test
  void anUnreachableCatalogFailsWithoutShowingItsPassword() {
    Path config = warehouse.writeConfig("postgres.properties", "rsm.config.iceberg.catalog.warehouse=file://" + dir,
        "rsm.config.iceberg.catalog.uri=jdbc:postgresql://127.0.0.1:1/floe?user=floe&password=hunter2");

    ToolWarehouse.Run run = warehouse.run("status", "--config", config.toString(), "orders");

    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.err().contains("Cannot open catalog floe"), run.toString());
    assertFalse(run.toString().contains("hunter2"), run.toString());
  }

  @Test
  void aWarehouseWithoutItsCatalogIsRefusedRatherThanGivenAnEmptyOne() {
    Path elsewhere = dir.resolve("elsewhere");
    Path config = warehouse.writeConfig("elsewhere.properties", "rsm.config.iceberg.catalog.warehouse=file://" + elsewhere);

    ToolWarehouse.Run run = warehouse.run("status", "--config", config.toString(), "orders");

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains(elsewhere.resolve("floe-catalog.db") + " does not exist (check iceberg.catalog.warehouse"),
        run.toString());
    assertFalse(java.nio.file.Files.exists(elsewhere.resolve("floe-catalog.db")));
  }
}
