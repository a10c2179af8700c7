package io.floe.translator.table;

import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/** Where the columns of one key writer schema are in the table: in {@code _key}, as {@link KeyColumnPlacement} put them. */
public final class KeyBinding {
  // Copied per key: GenericRecord.create looks its struct up in a shared cache on every call.
  private final GenericRecord emptyWrapper;
  private final ColumnBinding binding;

  KeyBinding(Types.StructType wrapped, ColumnBinding binding) {
    this.emptyWrapper = GenericRecord.create(wrapped);
    this.binding = binding;
  }

  /** Sets {@code _key} of {@code row}, a record of the table schema, from {@code key}, a record of the key's struct. */
  public void write(Record key, Record row) {
    Record wrapper = emptyWrapper.copy();
    wrapper.set(0, key);
    binding.write(wrapper, row);
  }
}
