package io.floe.plugin;

import io.floe.translator.table.KafkaColumns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The embedded default at a test's {@code location}: local files and a SQLite catalog, the remote
 * storage managers configured on it as a broker configures them, and the catalog an analyst opens.
 */
record EmbeddedWarehouse(Path location) {
  /** A manager configured with {@code extra} beside the warehouse, as broker {@code brokerId}. */
  IcebergRemoteStorageManager manager(Object brokerId, Map<String, String> extra) {
    Map<String, Object> configs = new HashMap<>(extra);
    configs.put("iceberg.catalog.warehouse", "file://" + location);
    configs.put("broker.id", brokerId);
    IcebergRemoteStorageManager manager = new IcebergRemoteStorageManager();
    manager.configure(configs);
    return manager;
  }

  /** Where the managers put segment manifests: the default under the warehouse. */
  String manifestPrefix() {
    return "file://" + location.resolve("_floe/manifests");
  }

  /** The catalog the managers write to, opened as an analyst's engine would. */
  Catalog catalog() {
    return CatalogUtil.buildIcebergCatalog("floe", Map.of(
        "type", "jdbc", "uri", "jdbc:sqlite:" + location.resolve("floe-catalog.db"), "warehouse", "file://" + location,
        "io-impl", "io.floe.plugin.storage.LocalFileIO"), null);
  }

  /** Table {@code kafka.<topic>}, as the catalog has it now. */
  Table table(String topic) {
    return catalog().loadTable(TableIdentifier.of("kafka", topic));
  }

  /** Every row of {@code kafka.<topic>}'s {@code main}, whole, by its offset: for a one-partition topic. */
  Map<Long, Record> rowsByOffset(String topic) throws IOException {
    Map<Long, Record> rows = new HashMap<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table(topic)).build()) {
      records.forEach(row -> rows.put((Long) ((Record) row.getField(KafkaColumns.KAFKA)).getField(KafkaColumns.OFFSET),
          row.copy()));
    }
    return rows;
  }
}
