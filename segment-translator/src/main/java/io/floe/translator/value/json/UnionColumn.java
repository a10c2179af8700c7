package io.floe.translator.value.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.translator.value.MalformedValueException;
import java.io.IOException;
import java.util.List;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * Several schemas besides {@code null} ({@code oneOf}, {@code anyOf} or a list of types) as a struct
 * with one optional field per branch: a value sets the field of the first branch, in schema order,
 * that reads it. A {@code null} value, when the schema admits it, is a null struct.
 */
final class UnionColumn implements JsonColumn {
  private static final int NONE = -1;

  private final Types.StructType type;
  private final List<JsonColumn> branches;
  private final boolean nullable;
  private final GenericRecord empty;

  UnionColumn(Types.StructType type, List<JsonColumn> branches, boolean nullable) {
    this.type = type;
    this.branches = List.copyOf(branches);
    this.nullable = nullable;
    this.empty = GenericRecord.create(type);
  }

  @Override
  public Types.StructType type() {
    return type;
  }

  @Override
  public boolean optional() {
    return nullable;
  }

  @Override
  public Record read(JsonNode value, ShapeRecorder shape) {
    if (value.isNull() && nullable) {
      return null;
    }
    ShapeRecorder.Mark mark = shape.mark();
    for (int i = 0; i < branches.size(); i++) {
      try {
        Object read = branches.get(i).read(value, shape);
        Record record = empty.copy();
        record.set(i, read);
        return record;
      } catch (MalformedValueException notThisBranch) {
        // The next branch may read it, and what this one recorded is not the value's.
        shape.reset(mark);
      }
    }
    throw new MalformedValueException("a " + value.getNodeType().name().toLowerCase() + " matches none of "
        + branches.size() + " branches");
  }

  @Override
  public void write(Object value, ShapedGenerator out) throws IOException {
    if (value == null) {
      out.writeNull();
      return;
    }
    Record record = (Record) value;
    int set = setBranch(record);
    branches.get(set).write(record.get(set), out);
  }

  private static int setBranch(Record record) {
    int set = NONE;
    for (int i = 0; i < record.size(); i++) {
      if (record.get(i) != null) {
        if (set != NONE) {
          throw new IllegalArgumentException("Cannot encode union " + record + ": more than one branch is set");
        }
        set = i;
      }
    }
    if (set == NONE) {
      throw new IllegalArgumentException("Cannot encode union " + record + ": no branch is set");
    }
    return set;
  }
}
