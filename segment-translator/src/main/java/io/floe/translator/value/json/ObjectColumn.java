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
 * An object with {@code properties} as a struct: one optional field per property, in schema order.
 * A property the value leaves out (and its schema does not require) reads as null and is written
 * back as {@code null}, so such a value gets its columns but does not re-encode to its bytes; nor
 * does one with properties out of order or beyond the schema's. A {@code null} where the
 * property's schema admits none (what a default {@code ObjectMapper} writes for an unset field)
 * reads as null too, and is written back as it was.
 */
final class ObjectColumn implements JsonColumn {
  private final Types.StructType type;
  private final List<String> names;
  private final List<Boolean> required;
  private final List<JsonColumn> properties;
  // Copying an empty record skips the look-up of the struct's field names that creating one does.
  private final GenericRecord empty;

  ObjectColumn(Types.StructType type, List<String> names, List<Boolean> required, List<JsonColumn> properties) {
    this.type = type;
    this.names = List.copyOf(names);
    this.required = List.copyOf(required);
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
      if (property == null && required.get(i)) {
        throw new MalformedValueException("required property " + names.get(i) + " is missing");
      }
      record.set(i, property == null ? null : read(properties.get(i), property));
    }
    return record;
  }

  private static Object read(JsonColumn column, JsonNode property) {
    try {
      return column.read(property);
    } catch (MalformedValueException e) {
      if (property.isNull()) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public void write(Object value, JsonGenerator out) throws IOException {
    Record record = (Record) value;
    out.writeStartObject();
    for (int i = 0; i < properties.size(); i++) {
      out.writeFieldName(names.get(i));
      Object property = record.get(i);
      if (property == null) {
        out.writeNull();
      } else {
        properties.get(i).write(property, out);
      }
    }
    out.writeEndObject();
  }
}
