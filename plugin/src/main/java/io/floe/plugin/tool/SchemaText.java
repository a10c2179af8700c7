package io.floe.plugin.tool;

import java.io.PrintWriter;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** An Iceberg schema as a tree, one field a line: {@code id name: required type}, nested fields indented. */
final class SchemaText {
  private SchemaText() {}

  static void print(PrintWriter out, Schema schema, String indent) {
    schema.columns().forEach(field -> print(out, field, indent));
  }

  private static void print(PrintWriter out, Types.NestedField field, String indent) {
    out.println(indent + field.fieldId() + " " + field.name() + ": " + (field.isOptional() ? "optional " : "required ")
        + describe(field.type()));
    children(out, field.type(), indent + "  ");
  }

  private static String describe(Type type) {
    return switch (type.typeId()) {
      case STRUCT -> "struct";
      case LIST -> "list of " + describe(type.asListType().elementType());
      case MAP -> "map of " + describe(type.asMapType().keyType()) + " to " + describe(type.asMapType().valueType());
      default -> type.toString();
    };
  }

  private static void children(PrintWriter out, Type type, String indent) {
    switch (type.typeId()) {
      case STRUCT -> type.asStructType().fields().forEach(field -> print(out, field, indent));
      case LIST -> children(out, type.asListType().elementType(), indent);
      case MAP -> {
        children(out, type.asMapType().keyType(), indent);
        children(out, type.asMapType().valueType(), indent);
      }
      default -> {
      }
    }
  }
}
