package io.floe.translator.table;

import io.floe.translator.table.ColumnChange.AddColumn;
import io.floe.translator.table.ColumnChange.MakeOptional;
import io.floe.translator.table.ColumnChange.WidenColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The changes that turn one schema into an evolution of it: a schema that keeps every column's id
 * and only adds columns, widens types and makes columns optional. A column of the later schema is
 * new when the earlier has no column of its id.
 */
public final class ColumnChanges {
  private ColumnChanges() {}

  /** What {@code from} needs to become {@code to}, in column order; empty when they are the same. */
  public static List<ColumnChange> between(Schema from, Schema to) {
    List<ColumnChange> changes = new ArrayList<>();
    struct(from, Optional.empty(), to.asStruct(), changes);
    return changes;
  }

  private static void struct(Schema from, Optional<String> parent, Types.StructType to, List<ColumnChange> changes) {
    for (NestedField field : to.fields()) {
      NestedField old = from.findField(field.fieldId());
      if (old == null) {
        changes.add(new AddColumn(parent, field.name(), field.type(), field.doc()));
      } else {
        String path = parent.map(p -> p + "." + field.name()).orElse(field.name());
        nested(from, path, old, field, changes);
      }
    }
  }

  private static void nested(Schema from, String path, NestedField old, NestedField to, List<ColumnChange> changes) {
    if (old.isRequired() && to.isOptional()) {
      changes.add(new MakeOptional(path));
    }
    Type type = to.type();
    if (type.isPrimitiveType()) {
      if (!type.equals(old.type())) {
        changes.add(new WidenColumn(path, type.asPrimitiveType()));
      }
    } else if (type.isStructType()) {
      struct(from, Optional.of(path), type.asStructType(), changes);
    } else if (type.isListType()) {
      nested(from, path + ".element", old.type().asListType().fields().get(0), type.asListType().fields().get(0), changes);
    } else if (type.isMapType()) {
      // A map's key never changes: Iceberg cannot change it.
      nested(from, path + ".value", old.type().asMapType().fields().get(1), type.asMapType().fields().get(1), changes);
    }
  }
}
