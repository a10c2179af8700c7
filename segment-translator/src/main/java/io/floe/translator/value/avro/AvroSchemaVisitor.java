package io.floe.translator.value.avro;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * A walk over an Avro schema, in the manner of Iceberg's {@code CustomOrderSchemaVisitor}: a
 * visitor gets the results of a type's children as suppliers and decides when to visit them (so it
 * can number a record's fields before the fields nested in them). Unlike Iceberg's
 * {@code AvroSchemaVisitor}, it does not reject recursive schemas: a reference to a record that
 * encloses it is handed to {@link #recursion}. Suppliers must be called during the visit that
 * receives them.
 */
abstract class AvroSchemaVisitor<T> {
  private final Set<Schema> enclosingRecords = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Deque<String> path = new ArrayDeque<>();

  abstract T record(Schema record, List<Supplier<T>> fields);

  /** Every branch of the union has a supplier, the {@code null} branch too. */
  abstract T union(Schema union, List<Supplier<T>> branches);

  abstract T array(Schema array, Supplier<T> element);

  abstract T map(Schema map, Supplier<T> value);

  /** A primitive, enum or fixed type. */
  abstract T primitive(Schema primitive);

  /** A reference to {@code record} inside {@code record} itself. */
  abstract T recursion(Schema record);

  /** Where the walk is, as field names from the root ({@code element}, {@code value} and branch names inside collections and unions). */
  String path() {
    return path.isEmpty() ? "the value itself" : String.join(".", (Iterable<String>) path::descendingIterator);
  }

  T visit(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> visitRecord(schema);
      case UNION -> union(schema, schema.getTypes().stream().map(branch -> child(branch.getName(), branch)).toList());
      case ARRAY -> array(schema, child("element", schema.getElementType()));
      case MAP -> map(schema, child("value", schema.getValueType()));
      default -> primitive(schema);
    };
  }

  private T visitRecord(Schema record) {
    if (!enclosingRecords.add(record)) {
      return recursion(record);
    }
    try {
      return record(record, record.getFields().stream().map(field -> child(field.name(), field.schema())).toList());
    } finally {
      enclosingRecords.remove(record);
    }
  }

  private Supplier<T> child(String name, Schema schema) {
    return () -> {
      path.push(name);
      try {
        return visit(schema);
      } finally {
        path.pop();
      }
    };
  }
}
