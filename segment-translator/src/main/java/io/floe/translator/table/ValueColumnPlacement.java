package io.floe.translator.table;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * Where each field of a writer struct lands in a table schema (docs/data-model.md, "Schema
 * evolution"): in a column of its name, or under a name with its type's suffix when that column
 * cannot hold it; adding, widening and making optional what it needs. The same schema and struct
 * always give the same placement.
 */
public final class ValueColumnPlacement {
  /** Floe's own top-level columns, which a value's field never lands in. */
  private static final Set<String> RESERVED = Set.of(KafkaColumns.KAFKA, KeyColumnPlacement.KEY);

  private ValueColumnPlacement() {}

  /** The value columns of {@code table}: all its top-level columns but Floe's own. */
  public static Types.StructType valueColumns(Schema table) {
    return Types.StructType.of(table.columns().stream().filter(column -> !RESERVED.contains(column.name())).toList());
  }

  /** The changes the table needs so that every field of {@code writer} has a column that fits; empty if none. */
  public static List<ColumnChange> changes(Schema table, Types.StructType writer) {
    return ColumnChanges.between(table, evolved(table, writer));
  }

  /**
   * The schema {@code table} has once the changes for {@code writer} are made, with ids after the
   * table's highest for new columns; what a later writer struct is placed against before the
   * changes are committed.
   */
  public static Schema evolved(Schema table, Types.StructType writer) {
    return Placement.of(table, writer, RESERVED).schema();
  }

  /**
   * The binding of {@code writer} to a table that needs no change for it.
   *
   * @throws IllegalArgumentException naming the column if some field has no fitting column
   */
  public static ColumnBinding bind(Schema table, Types.StructType writer) {
    Placement placement = Placement.of(table, writer, RESERVED);
    List<ColumnChange> changes = ColumnChanges.between(table, placement.schema());
    if (!changes.isEmpty()) {
      throw new IllegalArgumentException("Cannot bind value columns " + writer + " to the table: it must first "
          + changes.stream().map(ColumnChange::describe).collect(Collectors.joining(", ")));
    }
    return ColumnBinding.of(writer, table, placement.tableIdsByLocalId());
  }
}
