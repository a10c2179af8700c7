package io.floe.plugin.storage;

import io.floe.plugin.config.FloeConfig;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.io.FileIO;

/**
 * The object store and the catalog, as configured. The FileIO is made at once (the fetch path
 * needs nothing else); the catalog only when an upload first needs it, so that a broker starts,
 * and serves tiered data, while the catalog is unreachable.
 */
public final class Warehouse implements Closeable {
  private static final String SQLITE_DRIVER = "org.sqlite.JDBC";

  private final FloeConfig config;
  private final FileIO io;
  private Catalog catalog;

  public Warehouse(FloeConfig config) {
    this.config = config;
    this.io = CatalogUtil.loadFileIO(config.fileIoImpl(), config.catalogProperties(), null);
  }

  public FileIO io() {
    return io;
  }

  /** The catalog, built on first use; a failure is retried at the next call. */
  public synchronized Catalog catalog() {
    if (catalog == null) {
      Map<String, String> properties = config.catalogProperties();
      if (properties.getOrDefault("uri", "").startsWith("jdbc:sqlite:")) {
        registerSqliteDriver();
      }
      catalog = CatalogUtil.buildIcebergCatalog(config.catalogName(), properties, null);
    }
    return catalog;
  }

  /** DriverManager finds drivers through the context class loader, which is not the plugin's everywhere. */
  private static void registerSqliteDriver() {
    try {
      Class.forName(SQLITE_DRIVER);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("The SQLite JDBC driver is missing from Floe's lib/ directory", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    io.close();
    if (catalog instanceof Closeable closeable) {
      closeable.close();
    }
  }
}
