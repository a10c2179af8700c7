package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.translator.registry.RegisteredSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The JSON Schema → Iceberg mapping of a writer schema to the value's columns (docs/data-model.md
 * has the table). An object schema's {@code properties} become the columns; any other schema becomes
 * one column, {@value #VALUE}. A codec's records have one more, {@value #SHAPE}, after them.
 *
 * <p>An object's properties are optional columns, since a value may leave one out or write
 * {@code null} where its schema admits none; any other part that admits {@code null} (a list of
 * types with {@code null}, {@code oneOf} or {@code anyOf} of {@code null} and one schema, an enum
 * with {@code null}) is an optional column;
 * several schemas besides {@code null} are a struct with one optional field per branch, named as
 * {@link BranchNames} says. A part with no columns of its own ({@code true}, a schema without
 * {@code type}, {@code not}, {@code if}/{@code then}/{@code else}, an object without properties or
 * additional properties, an array without one {@code items} schema, an enum of other than strings)
 * and a {@code $ref} to a schema that encloses it are a string column holding the part's JSON text.
 * A part that admits no value or only {@code null} ({@code false}, {@code type: null} outside a
 * union), an unknown type and a {@code $ref} that names nothing are {@link
 * io.floe.translator.value.UnsupportedSchemaException}s.
 *
 * <p>Field ids follow from the schema alone, as {@code AvroColumns} numbers them: an object's
 * properties take the next ids in schema order, then the types nested in each property take theirs,
 * property by property; a list's element takes the next id before the element's own fields, a map's
 * key and value the next two, a union's branches one each; the shape column takes the id after all
 * of them. The writer re-numbers them against its table.
 */
public final class JsonSchemaColumns extends JsonSchemaVisitor<JsonColumn> {
  /** The one column of a value whose writer schema is not an object with properties. */
  public static final String VALUE = "value";

  /**
   * The column, after the value's own, that holds what the value's text has beyond its columns, so
   * that its exact bytes can be written again (docs/data-model.md, "JSON values").
   */
  public static final String SHAPE = "_json_shape";

  private static final String SHAPE_DOC = "Floe's own: how the value's JSON text differs from its columns written compactly"
      + " in schema order (properties left out or beyond the schema, their order, spacing, escapes, number forms);"
      + " null when it does not";

  private int lastId = 0;

  private JsonSchemaColumns(SchemaDocuments documents) {
    super(documents);
  }

  /**
   * The columns of values written with {@code schema}.
   *
   * @throws io.floe.translator.value.UnsupportedSchemaException when the schema does not parse, or a
   *     part of it has no column
   */
  public static Types.StructType of(RegisteredSchema schema) {
    return root(schema).columns();
  }

  /** The value's columns and, with the id after theirs, the shape column. */
  static RootColumn root(RegisteredSchema schema) {
    SchemaDocuments documents = SchemaDocuments.of(schema);
    JsonSchemaColumns columns = new JsonSchemaColumns(documents);
    if (columns.hasProperties(documents.root())) {
      JsonColumn object = columns.visit(documents.root());
      return new RootColumn(columns.withShape(((Types.StructType) object.type()).fields()), object, true);
    }
    int id = columns.nextIds(1);
    JsonColumn value = columns.visit(documents.root());
    return new RootColumn(columns.withShape(List.of(NestedField.of(id, value.optional(), VALUE, value.type()))), value, false);
  }

  private Types.StructType withShape(List<NestedField> fields) {
    List<NestedField> withShape = new ArrayList<>(fields);
    // A property of the same name keeps it; the shape column takes the name with underscores added.
    String name = SHAPE;
    while (named(fields, name)) {
      name += "_";
    }
    withShape.add(NestedField.optional(nextIds(1), name, Types.BinaryType.get(), SHAPE_DOC));
    return Types.StructType.of(withShape);
  }

  @Override
  JsonColumn object(List<Property<JsonColumn>> properties) {
    int firstId = nextIds(properties.size());
    List<NestedField> fields = new ArrayList<>(properties.size());
    List<ObjectColumn.Field> columns = new ArrayList<>(properties.size());
    for (int i = 0; i < properties.size(); i++) {
      Property<JsonColumn> property = properties.get(i);
      JsonColumn column = property.value().get();
      columns.add(new ObjectColumn.Field(property.name(), property.required(), column));
      String doc = property.schema().path("description").textValue();
      // Optional whatever the schema says: a value may leave a property out, or (as real producers
      // do) write null where its schema does not admit it, and still gets its columns.
      fields.add(NestedField.optional(firstId + i, property.name(), column.type(), doc));
    }
    return new ObjectColumn(Types.StructType.of(fields), columns);
  }

  @Override
  JsonColumn map(Supplier<JsonColumn> values) {
    int keyId = nextIds(2);
    JsonColumn column = values.get();
    return new MapColumn(column.optional()
        ? Types.MapType.ofOptional(keyId, keyId + 1, Types.StringType.get(), column.type())
        : Types.MapType.ofRequired(keyId, keyId + 1, Types.StringType.get(), column.type()), column);
  }

  @Override
  JsonColumn array(Supplier<JsonColumn> items) {
    int id = nextIds(1);
    JsonColumn column = items.get();
    return new ListColumn(column.optional()
        ? Types.ListType.ofOptional(id, column.type())
        : Types.ListType.ofRequired(id, column.type()), column);
  }

  @Override
  JsonColumn option(Supplier<JsonColumn> value) {
    return new OptionColumn(value.get());
  }

  @Override
  JsonColumn union(List<String> names, List<Supplier<JsonColumn>> branches, boolean nullable) {
    int nextId = nextIds(branches.size());
    List<NestedField> fields = new ArrayList<>(branches.size());
    List<JsonColumn> columns = new ArrayList<>(branches.size());
    for (int i = 0; i < branches.size(); i++) {
      JsonColumn column = branches.get(i).get();
      columns.add(column);
      fields.add(NestedField.optional(nextId++, names.get(i), column.type()));
    }
    return new UnionColumn(Types.StructType.of(fields), columns, nullable);
  }

  @Override
  JsonColumn scalar(ScalarColumn scalar) {
    return scalar;
  }

  @Override
  JsonColumn symbols(Set<String> symbols) {
    return new SymbolColumn(symbols);
  }

  @Override
  JsonColumn text(JsonNode schema) {
    return TextColumn.INSTANCE;
  }

  @Override
  JsonColumn recursion(JsonNode schema) {
    return TextColumn.INSTANCE;
  }

  private static boolean named(List<NestedField> fields, String name) {
    return fields.stream().anyMatch(field -> field.name().equals(name));
  }

  /** Reserves {@code count} consecutive ids and returns the first. */
  private int nextIds(int count) {
    int first = lastId + 1;
    lastId += count;
    return first;
  }
}
