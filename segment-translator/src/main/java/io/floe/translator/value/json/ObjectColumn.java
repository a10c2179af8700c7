package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.translator.value.MalformedValueException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * An object with {@code properties} as a struct: one optional field per property, in schema order.
 * Its text is read in the order it has: a property it leaves out (and its schema does not require)
 * reads as null, and the text's members go to the value's {@link TextShape} when they are not the
 * schema's properties in schema order (one left out, one beyond the schema's, another order), so
 * that writing gives the same text. A {@code null} where the property's schema admits none (what a
 * default {@code ObjectMapper} writes for an unset field) reads as null too, is written back as it
 * was, and counts as a schema violation.
 */
final class ObjectColumn implements JsonColumn {
  /** One property: its name, whether the object's {@code required} lists it, and its column. */
  record Field(String name, boolean required, JsonColumn column) {}

  private final Types.StructType type;
  private final List<Field> fields;
  private final List<PropertyName> names;
  private final Map<String, Integer> indexes = new HashMap<>();
  private final List<Member> schemaOrder = new ArrayList<>();
  // Copying an empty record skips the look-up of the struct's field names that creating one does.
  private final GenericRecord empty;

  ObjectColumn(Types.StructType type, List<Field> fields) {
    this.type = type;
    this.fields = List.copyOf(fields);
    this.names = fields.stream().map(field -> PropertyName.of(field.name())).toList();
    for (int i = 0; i < fields.size(); i++) {
      indexes.put(fields.get(i).name(), i);
      schemaOrder.add(new Member.Known(i));
    }
    this.empty = GenericRecord.create(type);
  }

  @Override
  public Types.StructType type() {
    return type;
  }

  @Override
  public Record read(JsonNode value, ShapeRecorder shape) {
    if (!value.isObject()) {
      throw new MalformedValueException("expected an object, found " + value.getNodeType().name().toLowerCase());
    }
    int ordinal = shape.object();
    Record record = empty.copy();
    // The members are listed only from where the text leaves schema order: most texts never do.
    List<Member> members = null;
    int inOrder = 0;
    for (Map.Entry<String, JsonNode> property : value.properties()) {
      Integer index = indexes.get(property.getKey());
      if (members == null && index != null && index == inOrder) {
        inOrder++;
      } else {
        if (members == null) {
          members = new ArrayList<>(schemaOrder.subList(0, inOrder));
        }
        members.add(index == null
            ? new Member.Extra(WellFormedText.require(property.getKey()), TextColumn.INSTANCE.read(property.getValue(), shape))
            : schemaOrder.get(index));
      }
      if (index != null) {
        JsonColumn column = fields.get(index).column();
        if (property.getValue().isNull() && !column.admitsNull()) {
          shape.violation();
        } else {
          record.set(index, column.read(property.getValue(), shape));
        }
      }
    }
    if (members == null && inOrder == fields.size()) {
      return record;
    }
    members = members == null ? schemaOrder.subList(0, inOrder) : members;
    requirePresent(members);
    shape.members(ordinal, members);
    return record;
  }

  private void requirePresent(List<Member> members) {
    BitSet present = new BitSet(fields.size());
    members.forEach(member -> {
      if (member instanceof Member.Known known) {
        present.set(known.index());
      }
    });
    for (int i = present.nextClearBit(0); i < fields.size(); i = present.nextClearBit(i + 1)) {
      if (fields.get(i).required()) {
        throw new MalformedValueException("required property " + fields.get(i).name() + " is missing");
      }
    }
  }

  @Override
  public void write(Object value, ShapedGenerator out) throws IOException {
    Record record = (Record) value;
    out.writeStartObject();
    for (Member member : out.nextObject().orElse(schemaOrder)) {
      if (member instanceof Member.Extra extra) {
        out.writeFieldName(extra.name());
        out.writeJson(extra.json());
      } else {
        int index = ((Member.Known) member).index();
        out.writeFieldName(names.get(index));
        Object property = record.get(index);
        if (property == null) {
          out.writeNull();
        } else {
          fields.get(index).column().write(property, out);
        }
      }
    }
    out.writeEndObject();
  }
}
