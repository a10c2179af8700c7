package io.floe.translator.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Where each field of one writer struct lives in the table: local field id → table field id, for
 * every field at every level (struct fields, list element ids, map key and value ids). Converts
 * records both ways, widening on the way in (int → long, float → double; a BigDecimal stays as it
 * is) and narrowing exactly on the way out.
 */
public final class ColumnBinding {
  private final Map<Integer, Integer> tableIdsByLocalId;
  private final ValueBinding.Struct root;

  private ColumnBinding(Map<Integer, Integer> tableIdsByLocalId, ValueBinding.Struct root) {
    this.tableIdsByLocalId = tableIdsByLocalId;
    this.root = root;
  }

  /**
   * Re-creates a binding from its ids, as a manifest stores them. A top-level optional field the
   * ids do not name is one the codec gained after the segment was uploaded (JSON's shape column):
   * it reads as null, which its codec takes as what the older upload checked.
   *
   * @throws IllegalArgumentException if the ids and types do not correspond: a column missing, not
   *     where the writer's field is, required, or of a type that does not hold the writer's
   */
  public static ColumnBinding of(Types.StructType writer, Schema table, Map<Integer, Integer> tableIdsByLocalId) {
    Map<Integer, Integer> ids = Collections.unmodifiableMap(new LinkedHashMap<>(tableIdsByLocalId));
    Builder builder = new Builder(ids);
    ValueBinding.Struct root = builder.struct("", writer, table.asStruct());
    if (builder.bound != ids.size()) {
      throw new IllegalArgumentException("Cannot bind value columns " + writer + ": ids " + ids
          + " name local ids the writer struct does not have");
    }
    return new ColumnBinding(ids, root);
  }

  public Map<Integer, Integer> tableIdsByLocalId() {
    return tableIdsByLocalId;
  }

  /**
   * Sets the bound columns of {@code row} (a record of the table schema) from {@code value} (a
   * record of the writer struct); other columns of {@code row} are left as they are.
   */
  public void write(Record value, Record row) {
    root.copyIn(value, row);
  }

  /** The record of the writer struct that {@code row}, a record of the table schema, holds: the inverse of {@link #write}. */
  public Record read(Record row) {
    return (Record) root.out(row);
  }

  /** Follows the writer struct and the table's columns together, checking each id on the way. */
  private static final class Builder {
    private final Map<Integer, Integer> ids;
    private int bound = 0;

    Builder(Map<Integer, Integer> ids) {
      this.ids = ids;
    }

    ValueBinding.Struct struct(String path, Types.StructType writer, Types.StructType table) {
      List<NestedField> fields = writer.fields();
      int[] tablePositions = new int[fields.size()];
      List<ValueBinding> bindings = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        NestedField field = fields.get(i);
        String name = path + field.name();
        if (path.isEmpty() && field.isOptional() && !ids.containsKey(field.fieldId())) {
          tablePositions[i] = ValueBinding.Struct.UNBOUND;
          bindings.add(new ValueBinding.Same());
          continue;
        }
        int tableId = tableId(name, field.fieldId());
        int position = positionOf(table, tableId);
        if (position < 0) {
          throw mismatch(name, "the table has no column " + tableId + " in the struct that holds it");
        }
        NestedField column = table.fields().get(position);
        if (column.isRequired()) {
          throw mismatch(name, "its column " + column.name() + " (" + tableId + ") is required");
        }
        tablePositions[i] = position;
        bindings.add(value(name, field.type(), column.type()));
      }
      return new ValueBinding.Struct(writer, table, tablePositions, bindings);
    }

    private ValueBinding value(String name, Type writer, Type column) {
      if (writer.isPrimitiveType() && column.isPrimitiveType()) {
        if (!TypeFit.holds(column, writer)) {
          throw mismatch(name, "its column is " + column + ", which cannot hold " + writer);
        }
        return ValueBinding.primitive(writer, column);
      }
      if (writer.isStructType() && column.isStructType()) {
        return struct(name + ".", writer.asStructType(), column.asStructType());
      }
      if (writer.isListType() && column.isListType()) {
        Types.ListType list = column.asListType();
        nested(name + ".element", writer.asListType().elementId(), list.fields().get(0));
        return new ValueBinding.ListOf(value(name + ".element", writer.asListType().elementType(), list.elementType()));
      }
      if (writer.isMapType() && column.isMapType()) {
        Types.MapType map = column.asMapType();
        Types.MapType writerMap = writer.asMapType();
        if (tableId(name + ".key", writerMap.keyId()) != map.keyId()) {
          throw mismatch(name + ".key", "its id is not the key of column " + name);
        }
        nested(name + ".value", writerMap.valueId(), map.fields().get(1));
        return new ValueBinding.MapOf(value(name + ".key", writerMap.keyType(), map.keyType()),
            value(name + ".value", writerMap.valueType(), map.valueType()));
      }
      throw mismatch(name, "its column is " + column + ", which cannot hold " + writer);
    }

    /** Checks that a list element or map value is bound to the column's own, which is optional. */
    private void nested(String name, int localId, NestedField column) {
      if (tableId(name, localId) != column.fieldId()) {
        throw mismatch(name, "its id is not the " + column.name() + " of its column");
      }
      if (column.isRequired()) {
        throw mismatch(name, "its column is required");
      }
    }

    private int tableId(String name, int localId) {
      Integer tableId = ids.get(localId);
      if (tableId == null) {
        throw mismatch(name, "no table id for its local id " + localId);
      }
      bound++;
      return tableId;
    }

    private static int positionOf(Types.StructType struct, int id) {
      List<NestedField> fields = struct.fields();
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).fieldId() == id) {
          return i;
        }
      }
      return -1;
    }

    private static IllegalArgumentException mismatch(String name, String why) {
      return new IllegalArgumentException("Cannot bind value field " + name + " to the table: " + why);
    }
  }
}
