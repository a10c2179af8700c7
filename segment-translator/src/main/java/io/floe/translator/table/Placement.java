package io.floe.translator.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * One writer struct placed into a table schema: the schema the table would have once it holds the
 * struct, and the column each writer field lands in. Columns the struct adds take ids after the
 * table's highest, standing in for the ids Iceberg gives them when the change is committed.
 */
final class Placement {
  private final Map<Integer, Integer> tableIdsByLocalId = new LinkedHashMap<>();
  private final Set<String> reserved;
  private int lastId;
  private final Schema schema;

  private Placement(Schema table, Types.StructType writer, Set<String> reserved) {
    this.reserved = reserved;
    this.lastId = table.highestFieldId();
    this.schema = new Schema(struct(table.asStruct(), writer, true).fields(), table.identifierFieldIds());
  }

  /** The placement of {@code writer}, none of whose top-level fields may land in a column named in {@code reserved}. */
  static Placement of(Schema table, Types.StructType writer, Set<String> reserved) {
    return new Placement(table, writer, reserved);
  }

  /** The table's schema once it holds the writer struct; the table's own when it needs no change. */
  Schema schema() {
    return schema;
  }

  /** The column (in {@link #schema()}) of every writer field, list element, map key and value. */
  Map<Integer, Integer> tableIdsByLocalId() {
    return tableIdsByLocalId;
  }

  private Types.StructType struct(Types.StructType table, Types.StructType writer, boolean top) {
    List<NestedField> fields = new ArrayList<>(table.fields());
    // Two fields of one struct never share a column: the second moves on to its next name.
    Set<String> taken = new HashSet<>();
    for (NestedField field : writer.fields()) {
      taken.add(place(fields, taken, field, top));
    }
    return Types.StructType.of(fields);
  }

  private String place(List<NestedField> fields, Set<String> taken, NestedField writer, boolean top) {
    for (int n = 0; ; n++) {
      String name = ColumnNames.candidate(writer, n);
      if (taken.contains(name) || (top && reserved.contains(name))) {
        continue;
      }
      int index = indexOf(fields, name);
      if (index < 0) {
        int id = nextId();
        tableIdsByLocalId.put(writer.fieldId(), id);
        fields.add(NestedField.optional(id, name, added(writer.type()), writer.doc()));
        return name;
      }
      NestedField column = fields.get(index);
      if (TypeFit.fits(column.type(), writer.type())) {
        tableIdsByLocalId.put(writer.fieldId(), column.fieldId());
        fields.set(index, NestedField.from(column).asOptional().ofType(landed(column.type(), writer.type())).build());
        return name;
      }
    }
  }

  /** The column's type once it holds the writer type's values, which it fits. */
  private Type landed(Type column, Type writer) {
    if (column.isPrimitiveType()) {
      return TypeFit.holds(column, writer) ? column : writer;
    }
    if (column.isStructType()) {
      return struct(column.asStructType(), writer.asStructType(), false);
    }
    if (column.isListType()) {
      Types.ListType list = column.asListType();
      tableIdsByLocalId.put(writer.asListType().elementId(), list.elementId());
      return Types.ListType.ofOptional(list.elementId(), landed(list.elementType(), writer.asListType().elementType()));
    }
    Types.MapType map = column.asMapType();
    Types.MapType writerMap = writer.asMapType();
    tableIdsByLocalId.put(writerMap.keyId(), map.keyId());
    tableIdsByLocalId.put(writerMap.valueId(), map.valueId());
    return Types.MapType.ofOptional(map.keyId(), map.valueId(), map.keyType(),
        landed(map.valueType(), writerMap.valueType()));
  }

  /** A new column's type: the writer's, optional at every level, with new ids. */
  private Type added(Type writer) {
    if (writer.isPrimitiveType()) {
      return writer;
    }
    if (writer.isStructType()) {
      List<NestedField> fields = new ArrayList<>();
      for (NestedField field : writer.asStructType().fields()) {
        int id = nextId();
        tableIdsByLocalId.put(field.fieldId(), id);
        fields.add(NestedField.optional(id, field.name(), added(field.type()), field.doc()));
      }
      return Types.StructType.of(fields);
    }
    if (writer.isListType()) {
      int id = nextId();
      tableIdsByLocalId.put(writer.asListType().elementId(), id);
      return Types.ListType.ofOptional(id, added(writer.asListType().elementType()));
    }
    Types.MapType map = writer.asMapType();
    int keyId = nextId();
    int valueId = nextId();
    tableIdsByLocalId.put(map.keyId(), keyId);
    tableIdsByLocalId.put(map.valueId(), valueId);
    return Types.MapType.ofOptional(keyId, valueId, map.keyType(), added(map.valueType()));
  }

  private int nextId() {
    return ++lastId;
  }

  private static int indexOf(List<NestedField> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
