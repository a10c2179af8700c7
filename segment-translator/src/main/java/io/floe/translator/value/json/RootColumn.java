package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * A whole value as a record of the value's columns: an object's properties, or one column holding
 * any other value; then the shape column, which holds the value's {@link TextShape} in its binary
 * form ({@link ShapeBytes}), null for what a default {@code ObjectMapper} writes.
 */
final class RootColumn {
  private final Types.StructType type;
  private final JsonColumn column;
  private final boolean properties;
  private final int shapePosition;
  private final GenericRecord empty;

  /**
   * @param type the value's columns, then the shape column
   * @param properties whether {@code column} is an {@link ObjectColumn} whose fields are the first of {@code type}
   */
  RootColumn(Types.StructType type, JsonColumn column, boolean properties) {
    this.type = type;
    this.column = column;
    this.properties = properties;
    this.shapePosition = type.fields().size() - 1;
    this.empty = GenericRecord.create(type);
  }

  Types.StructType type() {
    return type;
  }

  /** The value's columns, without the shape column: the JSON Schema's mapping. */
  Types.StructType columns() {
    return Types.StructType.of(type.fields().subList(0, shapePosition));
  }

  /** The record of a value, its shape column not yet set. */
  Record read(JsonNode value, ShapeRecorder shape) {
    Record record = empty.copy();
    if (properties) {
      Record object = (Record) column.read(value, shape);
      for (int i = 0; i < shapePosition; i++) {
        record.set(i, object.get(i));
      }
    } else {
      record.set(0, column.read(value, shape));
    }
    return record;
  }

  void setShape(Record record, TextShape shape) {
    record.set(shapePosition, shape.isNone() ? null : ByteBuffer.wrap(ShapeBytes.write(shape)));
  }

  TextShape shape(Record record) {
    ByteBuffer bytes = (ByteBuffer) record.get(shapePosition);
    return bytes == null ? TextShape.NONE : ShapeBytes.read(bytes);
  }

  void write(Record record, ShapedGenerator out) throws IOException {
    column.write(properties ? record : record.get(0), out);
  }
}
