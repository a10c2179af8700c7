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
  /** One property: its name, whether the object's {@code required} lists it, and its column. */
  record Field(String name, boolean required, JsonColumn column) {}

  private final Types.StructType type;
  private final List<Field> fields;
  // Copying an empty record skips the look-up of the struct's field names that creating one does.
  private final GenericRecord empty;

  ObjectColumn(Types.StructType type, List<Field> fields) {
    this.type = type;
    this.fields = List.copyOf(fields);
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
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      JsonNode property = value.get(field.name());
      if (property == null && field.required()) {
        throw new MalformedValueException("required property " + field.name() + " is missing");
      }
      boolean absent = property == null || property.isNull() && !field.column().admitsNull();
      record.set(i, absent ? null : field.column().read(property));
    }
    return record;
  }

  @Override
  public void write(Object value, JsonGenerator out) throws IOException {
    Record record = (Record) value;
    out.writeStartObject();
    for (int i = 0; i < fields.size(); i++) {
      out.writeFieldName(fields.get(i).name());
      Object property = record.get(i);
      if (property == null) {
        out.writeNull();
      } else {
        fields.get(i).column().write(property, out);
      }
    }
    out.writeEndObject();
  }
}
