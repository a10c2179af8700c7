package io.floe.translator.table;

import io.floe.translator.value.WriterSchema;
import org.apache.iceberg.data.Record;

/** The bytes of typed values, rebuilt from their rows' columns with their writer schemas. */
@FunctionalInterface
public interface TypedValues {
  /** Values of a table without typed rows: asking for one means the row is not what its file should hold. */
  TypedValues NONE = (writer, row) -> {
    throw new IllegalStateException("Row has typed columns of " + writer + " but no writer schema is known for it");
  };

  /** The value's bytes, framing included, of a typed row written with {@code writer}. */
  byte[] valueOf(WriterSchema.Key writer, Record row);
}
