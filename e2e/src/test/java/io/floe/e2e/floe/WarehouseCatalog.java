package io.floe.e2e.floe;

import io.floe.plugin.storage.LocalFileIO;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/** The embedded default's catalog of a warehouse, opened as an analyst's engine opens it. */
public final class WarehouseCatalog {
  private WarehouseCatalog() {}

  /** The name of the table of {@code topic} in namespace {@code kafka}, as its directory in the warehouse is named. */
  public static String tableOf(Path warehouse, String topic) {
    try (Stream<Path> tables = Files.list(warehouse.resolve("kafka"))) {
      return tables.map(p -> p.getFileName().toString()).filter(name -> name.startsWith(topic))
          .findFirst().orElseThrow(() -> new AssertionError("No table for topic " + topic + " in " + warehouse));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the tables of " + warehouse, e);
    }
  }

  /** Applies {@code action} to {@code kafka.<table>} as the embedded default's catalog has it now. */
  static <T> T withTable(Path warehouse, String table, Function<Table, T> action) {
    return withTable(embeddedDefault(warehouse), table, action);
  }

  /** The catalog properties of the embedded default's catalog of {@code warehouse}, named as Floe's. */
  static Map<String, String> embeddedDefault(Path warehouse) {
    return Map.of(
        "type", "jdbc",
        "uri", "jdbc:sqlite:" + warehouse.resolve("floe-catalog.db"),
        "warehouse", warehouse.toUri().toString(),
        "io-impl", LocalFileIO.class.getName());
  }

  /**
   * Removes table property {@code key} of {@code kafka.<table>} in the catalog of {@code properties},
   * named as Floe's, as an operator's engine would ({@code ALTER TABLE … UNSET TBLPROPERTIES}).
   * Returns the value it had, if it was set.
   */
  public static Optional<String> removeTableProperty(Map<String, String> properties, String table, String key) {
    return withTable(properties, table, t -> {
      Optional<String> value = Optional.ofNullable(t.properties().get(key));
      value.ifPresent(set -> t.updateProperties().remove(key).commit());
      return value;
    });
  }

  /** Applies {@code action} to {@code kafka.<table>} as the catalog of {@code properties}, named as Floe's, has it now. */
  static <T> T withTable(Map<String, String> properties, String table, Function<Table, T> action) {
    Catalog catalog = CatalogUtil.buildIcebergCatalog("floe", properties, null);
    try (Closeable closing = (Closeable) catalog) {
      return action.apply(catalog.loadTable(TableIdentifier.of("kafka", table)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
