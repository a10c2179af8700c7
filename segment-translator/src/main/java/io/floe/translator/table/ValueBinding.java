package io.floe.translator.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * How values of one writer type become values of the table column that holds them, and back.
 * Values are as Iceberg's generic records hold them; a null stays null.
 */
sealed interface ValueBinding {
  /** The column's value of a writer value. */
  Object in(Object value);

  /** The writer value of a column's value: {@link #in}'s inverse. */
  Object out(Object value);

  /** The column has the writer's type: values pass as they are. */
  record Same() implements ValueBinding {
    @Override
    public Object in(Object value) {
      return value;
    }

    @Override
    public Object out(Object value) {
      return value;
    }
  }

  /** An int in a long column. */
  record IntInLong() implements ValueBinding {
    @Override
    public Object in(Object value) {
      return value == null ? null : ((Integer) value).longValue();
    }

    @Override
    public Object out(Object value) {
      return value == null ? null : Math.toIntExact((Long) value);
    }
  }

  /** A float in a double column. */
  record FloatInDouble() implements ValueBinding {
    @Override
    public Object in(Object value) {
      return value == null ? null : ((Float) value).doubleValue();
    }

    @Override
    public Object out(Object value) {
      if (value == null) {
        return null;
      }
      double wide = (Double) value;
      float narrow = (float) wide;
      if (Double.compare(narrow, wide) != 0) {
        throw new ArithmeticException("Cannot read double " + wide + " as a float: it is not a float's value");
      }
      return narrow;
    }
  }

  /**
   * A struct in a struct column: the writer's field {@code i} in the column's field at
   * {@code tablePositions[i]}; the column's other fields stay null. A writer field at {@link
   * #UNBOUND} has no column in the data files: it reads as null.
   */
  final class Struct implements ValueBinding {
    static final int UNBOUND = -1;

    private final int[] tablePositions;
    private final List<ValueBinding> fields;
    /**
     * Empty records to copy: {@link GenericRecord#create} looks its struct up in a shared cache on
     * every call, once per struct of every value.
     */
    private final GenericRecord emptyWriter;
    private final GenericRecord emptyTable;

    Struct(Types.StructType writer, Types.StructType table, int[] tablePositions, List<ValueBinding> fields) {
      this.tablePositions = tablePositions.clone();
      this.fields = List.copyOf(fields);
      this.emptyWriter = GenericRecord.create(writer);
      this.emptyTable = GenericRecord.create(table);
    }

    @Override
    public Object in(Object value) {
      if (value == null) {
        return null;
      }
      Record record = emptyTable.copy();
      copyIn((Record) value, record);
      return record;
    }

    @Override
    public Object out(Object value) {
      if (value == null) {
        return null;
      }
      Record record = emptyWriter.copy();
      Record column = (Record) value;
      for (int i = 0; i < fields.size(); i++) {
        if (tablePositions[i] != UNBOUND) {
          record.set(i, fields.get(i).out(column.get(tablePositions[i])));
        }
      }
      return record;
    }

    /** Sets the bound fields of {@code into}, a record of the table's struct, from {@code value}. */
    void copyIn(Record value, Record into) {
      for (int i = 0; i < fields.size(); i++) {
        into.set(tablePositions[i], fields.get(i).in(value.get(i)));
      }
    }
  }

  /** A list in a list column. */
  record ListOf(ValueBinding element) implements ValueBinding {
    @Override
    public Object in(Object value) {
      return value == null ? null : map((List<?>) value, element, true);
    }

    @Override
    public Object out(Object value) {
      return value == null ? null : map((List<?>) value, element, false);
    }

    private static List<Object> map(List<?> values, ValueBinding element, boolean in) {
      List<Object> mapped = new ArrayList<>(values.size());
      for (Object value : values) {
        mapped.add(in ? element.in(value) : element.out(value));
      }
      return mapped;
    }
  }

  /** A map in a map column; entries keep their order, which codecs depend on. */
  record MapOf(ValueBinding key, ValueBinding value) implements ValueBinding {
    @Override
    public Object in(Object map) {
      return map == null ? null : entries((Map<?, ?>) map, true);
    }

    @Override
    public Object out(Object map) {
      return map == null ? null : entries((Map<?, ?>) map, false);
    }

    private Map<Object, Object> entries(Map<?, ?> map, boolean in) {
      Map<Object, Object> mapped = new LinkedHashMap<>();
      map.forEach((k, v) -> mapped.put(in ? key.in(k) : key.out(k), in ? value.in(v) : value.out(v)));
      return mapped;
    }
  }

  /** The binding of a primitive writer type to a column type that holds it. */
  static ValueBinding primitive(Type writer, Type column) {
    if (writer.typeId() == Type.TypeID.INTEGER && column.typeId() == Type.TypeID.LONG) {
      return new IntInLong();
    }
    if (writer.typeId() == Type.TypeID.FLOAT && column.typeId() == Type.TypeID.DOUBLE) {
      return new FloatInDouble();
    }
    // The same type, or a decimal of more precision: a BigDecimal keeps its scale either way.
    return new Same();
  }
}
