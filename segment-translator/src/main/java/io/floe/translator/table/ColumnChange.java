package io.floe.translator.table;

import java.util.Optional;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.types.Type;

/**
 * One change a table's schema needs to hold a writer struct's values. Columns are named by the
 * dotted paths Iceberg's {@link UpdateSchema} takes: {@code a.b}, {@code tags.element},
 * {@code m.value}.
 */
public sealed interface ColumnChange {
  /** Makes the change part of {@code update}. */
  void applyTo(UpdateSchema update);

  /** The change in words, for messages. */
  String describe();

  /**
   * A new optional column {@code name} in the struct at {@code parent} (the table itself when
   * empty), of a type that is optional at every level, with the writer field's doc (or null); its
   * field ids are placeholders that Iceberg replaces with ids after the table's last column id.
   */
  record AddColumn(Optional<String> parent, String name, Type type, String doc) implements ColumnChange {
    @Override
    public void applyTo(UpdateSchema update) {
      update.addColumn(parent.orElse(null), name, type, doc);
    }

    @Override
    public String describe() {
      return "add column " + parent.map(p -> p + ".").orElse("") + name + " " + type;
    }
  }

  /** The column at {@code path} gets {@code type}, a widening of its own (int→long, float→double, decimal precision). */
  record WidenColumn(String path, Type.PrimitiveType type) implements ColumnChange {
    @Override
    public void applyTo(UpdateSchema update) {
      update.updateColumn(path, type);
    }

    @Override
    public String describe() {
      return "widen column " + path + " to " + type;
    }
  }

  /** The required column (or list element, or map value) at {@code path} becomes optional. */
  record MakeOptional(String path) implements ColumnChange {
    @Override
    public void applyTo(UpdateSchema update) {
      update.makeColumnOptional(path);
    }

    @Override
    public String describe() {
      return "make column " + path + " optional";
    }
  }
}
