package io.floe.translator.value.avro;

import java.io.IOException;
import org.apache.avro.io.Encoder;
import org.apache.iceberg.types.Type;

/** A column of an Avro primitive, enum or fixed, possibly under a logical type. */
record PrimitiveColumn(Type type, Reader reader, Writer writer) implements AvroColumn {
  interface Reader {
    Object read(AvroInput in);
  }

  interface Writer {
    void write(Object value, Encoder out) throws IOException;
  }

  @Override
  public Object read(AvroInput in) {
    return reader.read(in);
  }

  @Override
  public void write(Object value, Encoder out) throws IOException {
    writer.write(value, out);
  }
}
