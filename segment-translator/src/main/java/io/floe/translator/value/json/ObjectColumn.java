package io.floe.translator.value.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.floe.translator.value.MalformedValueException;
import java.io.IOException;
import java.util.List;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * An object with {@code properties} as a struct: one field per property, in schema order. A property
 * the value leaves out reads as null and is written back as {@code null}, so such a value does not
 * re-encode to its bytes; nor does one with properties out of order or beyond the schema's.
 */
final class ObjectColumn implements JsonColumn {
  private final Types.StructType type;
  private final List<String> names;
  private final List<JsonColumn> properties;
  // Copying an empty record skips the look-up of the struct's field names that creating one does.
  private final GenericRecord empty;

  ObjectColumn(Types.StructType type, List<String> names, List<JsonColumn> properties) {
    this.type = type;
    this.names = List.copyOf(names);
    this.properties = List.copyOf(properties);
    this.empty = GenericRecord.create(type);
  }

  @Override
  public Types.StructType type() {
    return type;
  }

  @Override
  public Record read(JsonNode value) {
    if (!value.isObject()) {
      throw new MalformedValueException("expected an object, found " + value.getNodeType().name().toLowerCase());
    }
    Record record = empty.copy();
    for (int i = 0; i < properties.size(); i++) {
      JsonNode property = value.get(names.get(i));
      JsonColumn column = properties.get(i);
      if (property == null && !column.optional()) {
        throw new MalformedValueException("property " + names.get(i) + " is missing and its column cannot be null");
      }
      record.set(i, property == null ? null : column.read(property));
    }
    return record;
  }

  @Override
  public void write(Object value, JsonGenerator out) throws IOException {
    Record record = (Record) value;
    out.writeStartObject();
    for (int i = 0; i < properties.size(); i++) {
      out.writeFieldName(names.get(i));
      properties.get(i).write(record.get(i), out);
    }
    out.writeEndObject();
  }
}
