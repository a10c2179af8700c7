package io.floe.translator.table;

import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/** Where the columns of one key writer schema are in the table: in {@code _key}, as {@link KeyColumnPlacement} put them. */
public final class KeyBinding {
  private final Types.StructType wrapped;
  private final ColumnBinding binding;

  KeyBinding(Types.StructType wrapped, ColumnBinding binding) {
    this.wrapped = wrapped;
    this.binding = binding;
  }

  /** Sets {@code _key} of {@code row}, a record of the table schema, from {@code key}, a record of the key's struct. */
  public void write(Record key, Record row) {
    Record wrapper = GenericRecord.create(wrapped);
    wrapper.set(0, key);
    binding.write(wrapper, row);
  }
}
