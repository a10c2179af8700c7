package io.floe.translator.table;

import java.util.Locale;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** The names a writer field may take in its struct, in the order placement tries them. */
final class ColumnNames {
  private ColumnNames() {}

  /** The {@code n}th candidate (from 0) for {@code field}: its name, then {@code name__suffix}, then {@code name__suffix__2}, … */
  static String candidate(Types.NestedField field, int n) {
    if (n == 0) {
      return field.name();
    }
    String renamed = field.name() + "__" + suffix(field.type());
    return n == 1 ? renamed : renamed + "__" + n;
  }

  /** The type's name as a suffix: a primitive's Iceberg name with each run of other characters as one {@code _}. */
  static String suffix(Type type) {
    if (type.isStructType()) {
      return "struct";
    }
    if (type.isListType()) {
      return "list";
    }
    if (type.isMapType()) {
      return "map";
    }
    String name = type.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return name.endsWith("_") ? name.substring(0, name.length() - 1) : name;
  }
}
