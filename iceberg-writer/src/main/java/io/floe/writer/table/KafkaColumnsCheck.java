package io.floe.writer.table;

import static io.floe.translator.table.KafkaColumns.KAFKA;

import io.floe.translator.table.KafkaColumns;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Whether an existing table can hold Floe's rows: its {@code _kafka} column must have every field
 * of {@link KafkaColumns#SCHEMA}'s, by name and type, and no column Floe leaves empty may be
 * required. Field ids do not matter: rows are written by name.
 */
final class KafkaColumnsCheck {
  private KafkaColumnsCheck() {}

  /** What keeps the schema from holding Floe's rows, if anything. */
  static Optional<String> problem(Schema schema) {
    NestedField expected = KafkaColumns.SCHEMA.findField(KAFKA);
    NestedField actual = schema.findField(KAFKA);
    if (actual == null) {
      return Optional.of("it has no column " + KAFKA);
    }
    Optional<String> problem = compare(KAFKA, expected, actual);
    if (problem.isPresent()) {
      return problem;
    }
    return schema.columns().stream()
        .filter(column -> column.isRequired() && !column.name().equals(KAFKA))
        .findFirst()
        .map(column -> "its column " + column.name() + " is required, but Floe does not write it");
  }

  private static Optional<String> compare(String path, NestedField expected, NestedField actual) {
    if (actual.isRequired() && expected.isOptional()) {
      return Optional.of("its field " + path + " is required, but Floe leaves it empty for some records");
    }
    return compare(path, expected.type(), actual.type());
  }

  private static Optional<String> compare(String path, Type expected, Type actual) {
    if (expected.typeId() != actual.typeId() || (expected.isPrimitiveType() && !expected.equals(actual))) {
      return Optional.of("its field " + path + " is " + actual + ", not " + expected);
    }
    if (expected.isStructType()) {
      return compareStructs(path, expected.asStructType(), actual.asStructType());
    }
    if (expected.isListType()) {
      return compare(path + ".element", expected.asListType().elementType(), actual.asListType().elementType());
    }
    return Optional.empty();
  }

  private static Optional<String> compareStructs(String path, Types.StructType expected, Types.StructType actual) {
    for (NestedField field : expected.fields()) {
      NestedField match = actual.field(field.name());
      if (match == null) {
        return Optional.of("it has no field " + path + "." + field.name());
      }
      Optional<String> problem = compare(path + "." + field.name(), field, match);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return actual.fields().stream()
        .filter(field -> field.isRequired() && expected.field(field.name()) == null)
        .findFirst()
        .map(field -> "its field " + path + "." + field.name() + " is required, but Floe does not write it");
  }
}
