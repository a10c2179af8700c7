package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.apache.iceberg.types.Type;

/**
 * One JSON schema as an Iceberg column: the column's type, and how a JSON value goes to the Java
 * value Iceberg's generic records hold for that type, and back to JSON as Jackson writes it in the
 * value's style. What the column does not hold of the text, reading records in the value's
 * {@link TextShape} and writing takes from it.
 */
interface JsonColumn {
  Type type();

  /** Whether the column may be null: the schema admits {@code null}. */
  default boolean optional() {
    return false;
  }

  /**
   * Whether {@link #read} takes a JSON {@code null}: the schema admits it, or the column holds any
   * JSON text.
   */
  default boolean admitsNull() {
    return optional();
  }

  /**
   * The column value of a JSON value, recording in {@code shape} what the column does not hold.
   *
   * @throws io.floe.translator.value.MalformedValueException when the value is not one of the schema
   */
  Object read(JsonNode value, ShapeRecorder shape);

  /** Writes a column value, with what {@code out}'s shape holds beside it. */
  void write(Object value, ShapedGenerator out) throws IOException;
}
