package io.floe.translator.value.avro;

import io.floe.translator.value.UnsupportedSchemaException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The Avro → Iceberg mapping of a writer schema to the value's columns (docs/data-model.md has the
 * table). A record's fields become the columns; any other schema becomes one column,
 * {@value #VALUE}.
 *
 * <p>Iceberg's own {@code AvroSchemaUtil.toIceberg} is not used: it rejects unions of several types
 * and recursive records, reads field ids from Iceberg's own Avro properties, and maps
 * {@code timestamp-millis} to a timestamp without zone unless Iceberg's {@code adjust-to-utc}
 * property says otherwise, where the Avro specification makes it an instant.
 *
 * <p>Field ids follow from the schema alone, in the order Iceberg numbers a new table's columns: a
 * record's fields take the next ids in field order, then the types nested in each field take theirs,
 * field by field; a list's element takes the next id before the element's own fields, a map's key
 * and value the next two. The writer re-numbers them against its table.
 */
public final class AvroColumns extends AvroSchemaVisitor<AvroColumn> {
  /** The one column of a value whose writer schema is not a record. */
  public static final String VALUE = "value";

  private final Schema writer;
  private int lastId = 0;

  private AvroColumns(Schema writer) {
    this.writer = writer;
  }

  /** The columns of values written with {@code writer}; fails for a schema with a part no column holds. */
  public static Types.StructType of(Schema writer) {
    return root(writer).type();
  }

  static RecordColumn root(Schema writer) {
    AvroColumns columns = new AvroColumns(writer);
    if (writer.getType() == Schema.Type.RECORD) {
      return (RecordColumn) columns.visit(writer);
    }
    int id = columns.nextIds(1);
    AvroColumn value = columns.visit(writer);
    return new RecordColumn(Types.StructType.of(NestedField.of(id, value.optional(), VALUE, value.type())), List.of(value));
  }

  @Override
  AvroColumn record(Schema record, List<Supplier<AvroColumn>> fields) {
    // A record without fields encodes as no bytes, and Parquet has no empty group; at the top it is
    // a value without columns.
    if (fields.isEmpty() && record != writer) {
      throw unsupported("record " + record.getFullName() + " has no fields");
    }
    int firstId = nextIds(fields.size());
    List<NestedField> nested = new ArrayList<>(fields.size());
    List<AvroColumn> columns = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      Schema.Field field = record.getFields().get(i);
      AvroColumn column = fields.get(i).get();
      columns.add(column);
      nested.add(NestedField.of(firstId + i, column.optional(), field.name(), column.type(), field.doc()));
    }
    return new RecordColumn(Types.StructType.of(nested), columns);
  }

  @Override
  AvroColumn union(Schema union, List<Supplier<AvroColumn>> branches) {
    List<Schema> types = union.getTypes();
    int nullBranch = OptionColumn.NO_NULL;
    for (int i = 0; i < types.size(); i++) {
      if (types.get(i).getType() == Schema.Type.NULL) {
        nullBranch = i;
      }
    }
    int valueBranches = types.size() - (nullBranch == OptionColumn.NO_NULL ? 0 : 1);
    if (valueBranches == 0) {
      throw unsupported("a union of null alone holds no data");
    }
    if (valueBranches == 1) {
      int valueBranch = nullBranch == 0 ? 1 : 0;
      return new OptionColumn(branches.get(valueBranch).get(), valueBranch, nullBranch);
    }
    List<String> names = branchNames(types);
    int nextId = nextIds(valueBranches);
    List<NestedField> fields = new ArrayList<>(valueBranches);
    List<AvroColumn> columns = new ArrayList<>(types.size());
    for (int i = 0; i < types.size(); i++) {
      if (i == nullBranch) {
        columns.add(null);
      } else {
        AvroColumn column = branches.get(i).get();
        columns.add(column);
        fields.add(NestedField.optional(nextId++, names.get(i), column.type()));
      }
    }
    return new UnionColumn(Types.StructType.of(fields), columns);
  }

  @Override
  AvroColumn array(Schema array, Supplier<AvroColumn> element) {
    int id = nextIds(1);
    AvroColumn column = element.get();
    return new ArrayColumn(column.optional()
        ? Types.ListType.ofOptional(id, column.type())
        : Types.ListType.ofRequired(id, column.type()), column);
  }

  @Override
  AvroColumn map(Schema map, Supplier<AvroColumn> value) {
    int keyId = nextIds(2);
    int valueId = keyId + 1;
    AvroColumn column = value.get();
    return new MapColumn(column.optional()
        ? Types.MapType.ofOptional(keyId, valueId, Types.StringType.get(), column.type())
        : Types.MapType.ofRequired(keyId, valueId, Types.StringType.get(), column.type()), column);
  }

  @Override
  AvroColumn primitive(Schema primitive) {
    if (primitive.getType() == Schema.Type.NULL) {
      throw unsupported("type null holds no data outside a union");
    }
    if (primitive.getType() == Schema.Type.FIXED && primitive.getFixedSize() == 0) {
      throw unsupported("fixed " + primitive.getFullName() + " of size 0 holds no data");
    }
    return AvroPrimitives.of(primitive);
  }

  @Override
  AvroColumn recursion(Schema record) {
    return new CutColumn(record);
  }

  /**
   * A union's fields are named for their branches' types: {@code int}, {@code string},
   * {@code array}, {@code map}, … and a record, enum or fixed by its name without namespace; named
   * types whose names meet take their full names, dots as underscores.
   */
  private List<String> branchNames(List<Schema> types) {
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new HashSet<>();
    for (Schema type : types) {
      if (!seen.add(type.getName())) {
        repeated.add(type.getName());
      }
    }
    List<String> names = types.stream()
        .map(type -> repeated.contains(type.getName()) ? type.getFullName().replace('.', '_') : type.getName())
        .toList();
    if (new HashSet<>(names).size() != names.size()) {
      throw unsupported("union branches " + names + " do not have distinct names");
    }
    return names;
  }

  /** Reserves {@code count} consecutive ids and returns the first. */
  private int nextIds(int count) {
    int first = lastId + 1;
    lastId += count;
    return first;
  }

  private UnsupportedSchemaException unsupported(String problem) {
    return new UnsupportedSchemaException(
        "Cannot map Avro schema " + writer.getFullName() + " to columns: at " + path() + ", " + problem);
  }
}
