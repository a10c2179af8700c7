package io.floe.e2e.floe;

import io.floe.plugin.storage.LocalFileIO;
import io.floe.translator.table.KafkaColumns;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** A topic's table read as an analyst's engine reads it: through the catalog, every row of main. */
public final class TableRows {
  private TableRows() {}

  /** The {@code _kafka} struct of every row of {@code kafka.<table>} in the embedded default's catalog. */
  public static List<Record> of(Path warehouse, String table) {
    Map<String, String> properties = Map.of(
        "type", "jdbc",
        "uri", "jdbc:sqlite:" + warehouse.resolve("floe-catalog.db"),
        "warehouse", warehouse.toUri().toString(),
        "io-impl", LocalFileIO.class.getName());
    Catalog catalog = CatalogUtil.buildIcebergCatalog("floe", properties, null);
    try (Closeable closing = (Closeable) catalog) {
      Table loaded = catalog.loadTable(TableIdentifier.of("kafka", table));
      List<Record> rows = new ArrayList<>();
      try (CloseableIterable<Record> records = IcebergGenerics.read(loaded).build()) {
        records.forEach(record -> rows.add((Record) record.getField(KafkaColumns.KAFKA)));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
