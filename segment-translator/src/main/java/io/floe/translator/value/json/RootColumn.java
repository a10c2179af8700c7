package io.floe.translator.value.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * A whole value as a record of the value's columns: an object's properties, or one column holding
 * any other value.
 */
final class RootColumn {
  private final Types.StructType type;
  private final JsonColumn column;
  private final boolean properties;
  private final GenericRecord empty;

  /** {@code properties} when {@code column} is an {@link ObjectColumn} whose struct is {@code type}. */
  RootColumn(Types.StructType type, JsonColumn column, boolean properties) {
    this.type = type;
    this.column = column;
    this.properties = properties;
    this.empty = GenericRecord.create(type);
  }

  Types.StructType type() {
    return type;
  }

  Record read(JsonNode value) {
    if (properties) {
      return (Record) column.read(value);
    }
    Record record = empty.copy();
    record.set(0, column.read(value));
    return record;
  }

  void write(Record record, JsonGenerator out) throws IOException {
    column.write(properties ? record : record.get(0), out);
  }
}
