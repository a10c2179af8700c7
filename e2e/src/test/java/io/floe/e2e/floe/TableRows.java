package io.floe.e2e.floe;

import io.floe.translator.table.KafkaColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.TopicPartition;

/** A topic's table read as an analyst's engine reads it: through the catalog, every row of main. */
public final class TableRows {
  private TableRows() {}

  /** The {@code _kafka} struct of every row of {@code kafka.<table>} in the embedded default's catalog. */
  public static List<Record> of(Path warehouse, String table) {
    return whole(warehouse, table).stream().map(row -> (Record) row.getField(KafkaColumns.KAFKA)).toList();
  }

  /** The {@code _kafka} struct of every row of {@code kafka.<table>} in the catalog of {@code catalogProperties}. */
  public static List<Record> of(Map<String, String> catalogProperties, String table) {
    return WarehouseCatalog.withTable(catalogProperties, table, TableRows::read).stream()
        .map(row -> (Record) row.getField(KafkaColumns.KAFKA)).toList();
  }

  /** Every row of {@code kafka.<table>}, its value columns and {@code _kafka}. */
  public static List<Record> whole(Path warehouse, String table) {
    return WarehouseCatalog.withTable(warehouse, table, TableRows::read);
  }

  /**
   * Every row of {@code kafka.<table>} at a position before its partition's offset in
   * {@code before}, whole, by position ({@code partition@offset}).
   *
   * @throws AssertionError if a position is in two rows
   */
  public static Map<String, Record> wholeBefore(Path warehouse, String table, Map<TopicPartition, Long> before) {
    Map<String, Record> rows = new TreeMap<>();
    for (Record row : whole(warehouse, table)) {
      Record kafka = (Record) row.getField(KafkaColumns.KAFKA);
      int partition = (Integer) kafka.getField(KafkaColumns.PARTITION);
      long offset = (Long) kafka.getField(KafkaColumns.OFFSET);
      long bound = before.entrySet().stream().filter(e -> e.getKey().partition() == partition)
          .map(Map.Entry::getValue).findFirst().orElse(0L);
      if (offset < bound && rows.put(partition + "@" + offset, row) != null) {
        throw new AssertionError("Position " + partition + "@" + offset + " is in main of table " + table + " twice");
      }
    }
    return rows;
  }

  private static List<Record> read(Table table) {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      records.forEach(record -> rows.add(record.copy()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The current schema of {@code kafka.<table>}. */
  public static Schema schema(Path warehouse, String table) {
    return WarehouseCatalog.withTable(warehouse, table, Table::schema);
  }
}
