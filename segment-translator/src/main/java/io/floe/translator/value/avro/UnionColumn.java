package io.floe.translator.value.avro;

import java.io.IOException;
import java.util.List;
import org.apache.avro.io.Encoder;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * A union of more than one non-null type, as a struct with one optional field per non-null branch:
 * the field of the branch a value takes is set, the others are null. A {@code null} value (when the
 * union has a {@code null} branch) is a null struct.
 */
final class UnionColumn implements AvroColumn {
  private static final int NONE = -1;

  private final Types.StructType type;
  private final List<AvroColumn> fields;
  private final int[] fieldOfBranch;
  private final int[] branchOfField;
  private final int nullBranch;
  private final GenericRecord empty;

  /**
   * {@code branches} has one entry per branch of the union, in its order: the column of that branch,
   * or null for the {@code null} branch. {@code type} has one field per non-null branch, in order.
   */
  UnionColumn(Types.StructType type, List<AvroColumn> branches) {
    this.type = type;
    this.fields = branches.stream().filter(b -> b != null).toList();
    this.fieldOfBranch = new int[branches.size()];
    this.branchOfField = new int[fields.size()];
    int nullAt = NONE;
    for (int branch = 0, field = 0; branch < branches.size(); branch++) {
      if (branches.get(branch) == null) {
        nullAt = branch;
        fieldOfBranch[branch] = NONE;
      } else {
        fieldOfBranch[branch] = field;
        branchOfField[field++] = branch;
      }
    }
    this.nullBranch = nullAt;
    this.empty = GenericRecord.create(type);
  }

  @Override
  public Types.StructType type() {
    return type;
  }

  @Override
  public boolean optional() {
    return nullBranch != NONE;
  }

  @Override
  public Record read(AvroInput in) {
    int branch = in.readInt();
    if (branch < 0 || branch >= fieldOfBranch.length) {
      throw in.malformed("union branch " + branch + " of a union of " + fieldOfBranch.length);
    }
    if (branch == nullBranch) {
      return null;
    }
    int field = fieldOfBranch[branch];
    Record record = empty.copy();
    record.set(field, fields.get(field).read(in));
    return record;
  }

  @Override
  public void write(Object value, Encoder out) throws IOException {
    if (value == null) {
      if (nullBranch == NONE) {
        throw new IllegalArgumentException("Cannot encode null as union " + type + ": it has no null branch");
      }
      out.writeIndex(nullBranch);
      return;
    }
    Record record = (Record) value;
    int field = setField(record);
    out.writeIndex(branchOfField[field]);
    fields.get(field).write(record.get(field), out);
  }

  private static int setField(Record record) {
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
