package io.floe.translator.table;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Where the columns of a key's writer struct land in a table: inside the one top-level struct
 * column {@code _key}, by the values' rules (docs/data-model.md, "Schema evolution"), so that a
 * key field keeps its column across key schema versions, and key and value fields never share one.
 */
public final class KeyColumnPlacement {
  /** The top-level column that holds the key's own columns. */
  public static final String KEY = "_key";
  /** The key's columns are one field at the top, which may not land in {@code _kafka}. */
  private static final Set<String> RESERVED = Set.of(KafkaColumns.KAFKA);

  private KeyColumnPlacement() {}

  /**
   * The schema {@code table} has once it holds the columns of {@code key}, a key codec's struct,
   * with ids after the table's highest for new columns.
   */
  public static Schema evolved(Schema table, Types.StructType key) {
    return Placement.of(table, wrapped(key), RESERVED).schema();
  }

  /**
   * The binding of {@code key} to a table that needs no change for it.
   *
   * @throws IllegalArgumentException naming the column if some field has no fitting column
   */
  public static KeyBinding bind(Schema table, Types.StructType key) {
    Types.StructType wrapped = wrapped(key);
    Placement placement = Placement.of(table, wrapped, RESERVED);
    List<ColumnChange> changes = ColumnChanges.between(table, placement.schema());
    if (!changes.isEmpty()) {
      throw new IllegalArgumentException("Cannot bind key columns " + key + " to the table: it must first "
          + changes.stream().map(ColumnChange::describe).collect(Collectors.joining(", ")));
    }
    return new KeyBinding(wrapped, ColumnBinding.of(wrapped, table, placement.tableIdsByLocalId()));
  }

  /** The key's struct as the one field {@code _key}, whose id follows the struct's own. */
  private static Types.StructType wrapped(Types.StructType key) {
    int id = TypeUtil.indexById(key).keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    return Types.StructType.of(NestedField.optional(id, KEY, key, "the key's own columns"));
  }
}
