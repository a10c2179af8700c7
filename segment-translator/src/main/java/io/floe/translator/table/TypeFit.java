package io.floe.translator.table;

import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/** Whether a table column can hold a writer type's values, as it is or once widened. */
final class TypeFit {
  private TypeFit() {}

  /** The column fits, perhaps after evolution widens it (rule 3 of docs/data-model.md "Schema evolution"). */
  static boolean fits(Type column, Type writer) {
    if (column.isPrimitiveType() && writer.isPrimitiveType()) {
      return holds(column, writer) || holds(writer, column);
    }
    if (column.isStructType() && writer.isStructType()) {
      // Struct fields that do not fit are placed under other names inside the struct.
      return true;
    }
    if (column.isListType() && writer.isListType()) {
      return fits(column.asListType().elementType(), writer.asListType().elementType());
    }
    if (column.isMapType() && writer.isMapType()) {
      Types.MapType columnMap = column.asMapType();
      Types.MapType writerMap = writer.asMapType();
      // Iceberg cannot change a map's key type, so the key must hold the writer's keys as it is.
      return columnMap.keyType().isPrimitiveType() && writerMap.keyType().isPrimitiveType()
          && holds(columnMap.keyType(), writerMap.keyType())
          && fits(columnMap.valueType(), writerMap.valueType());
    }
    return false;
  }

  /** The primitive column holds the writer's values without a change: the same type or a widening of it. */
  static boolean holds(Type column, Type writer) {
    return TypeUtil.isPromotionAllowed(writer, column.asPrimitiveType());
  }
}
