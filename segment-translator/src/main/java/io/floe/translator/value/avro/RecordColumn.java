package io.floe.translator.value.avro;

import java.io.IOException;
import java.util.List;
import org.apache.avro.io.Encoder;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/** An Avro record as a struct column: one field per Avro field, in the same order. */
final class RecordColumn implements AvroColumn {
  private final Types.StructType type;
  private final List<AvroColumn> fields;
  // Copying an empty record skips the look-up of the struct's field names that creating one does.
  private final GenericRecord empty;

  RecordColumn(Types.StructType type, List<AvroColumn> fields) {
    this.type = type;
    this.fields = List.copyOf(fields);
    this.empty = GenericRecord.create(type);
  }

  @Override
  public Types.StructType type() {
    return type;
  }

  @Override
  public Record read(AvroInput in) {
    Record record = empty.copy();
    for (int i = 0; i < fields.size(); i++) {
      record.set(i, fields.get(i).read(in));
    }
    return record;
  }

  @Override
  public void write(Object value, Encoder out) throws IOException {
    Record record = (Record) value;
    for (int i = 0; i < fields.size(); i++) {
      fields.get(i).write(record.get(i), out);
    }
  }
}
