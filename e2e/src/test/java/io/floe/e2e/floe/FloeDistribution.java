package io.floe.e2e.floe;

import io.floe.e2e.broker.RemoteStoragePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Floe distribution the build laid out ({@code plugin/target/floe-<version>/}), loaded by a
 * broker as an operator loads it: its {@code lib/} as the plugin class path, settings as
 * {@code rsm.config.*}, on the embedded default (a SQLite catalog in a local warehouse).
 */
public record FloeDistribution(Path home) {
  public static final String RSM_CLASS = "io.floe.plugin.IcebergRemoteStorageManager";

  public static FloeDistribution built() {
    String home = System.getProperty("floe.distribution");
    if (home == null || !Files.isDirectory(Path.of(home, "lib"))) {
      throw new IllegalStateException("No Floe distribution at " + home + ": build the plugin module first");
    }
    return new FloeDistribution(Path.of(home));
  }

  /** Floe on the embedded default with its warehouse at {@code warehouse}, plus any other settings. */
  public RemoteStoragePlugin withWarehouse(Path warehouse, Map<String, String> settings) {
    Map<String, String> config = new HashMap<>(settings);
    config.put("iceberg.catalog.warehouse", warehouse.toUri().toString());
    return withSettings(config);
  }

  /** Floe with these {@code rsm.config.*} settings (without the prefix). */
  public RemoteStoragePlugin withSettings(Map<String, String> settings) {
    return RemoteStoragePlugin.fromDirectory(RSM_CLASS, home.resolve("lib"), settings);
  }
}
