package io.floe.translator.value.avro;

import java.io.IOException;
import org.apache.avro.io.Encoder;
import org.apache.iceberg.types.Type;

/**
 * One Avro type as an Iceberg column: the column's type, and how a value goes from Avro's binary
 * encoding to the Java value Iceberg's generic records hold for that type, and back.
 */
interface AvroColumn {
  Type type();

  /** Whether the column may be null: the Avro type is a union with {@code null}. */
  default boolean optional() {
    return false;
  }

  Object read(AvroInput in);

  void write(Object value, Encoder out) throws IOException;
}
