package io.floe.translator.value.avro;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.iceberg.types.Types;

/**
 * Where a record refers to a record that encloses it, the schema is cut: the column is binary and
 * holds the sub-value's own Avro bytes, exactly as they were in the payload.
 */
final class CutColumn implements AvroColumn {
  /**
   * A sub-value that nests more records than this keeps the whole value raw, rather than risk the
   * stack of the broker's copy thread (each record costs several frames of {@link #skip}).
   */
  static final int MAX_DEPTH = 200;

  private final Schema record;

  CutColumn(Schema record) {
    this.record = record;
  }

  @Override
  public Types.BinaryType type() {
    return Types.BinaryType.get();
  }

  @Override
  public ByteBuffer read(AvroInput in) {
    int start = in.position();
    skip(record, in, 0);
    return ByteBuffer.wrap(in.bytesSince(start));
  }

  @Override
  public void write(Object value, Encoder out) throws IOException {
    out.writeFixed(((ByteBuffer) value).duplicate());
  }

  /** Skips a value of {@code schema} nested in {@code records} records of the sub-value. */
  private static void skip(Schema schema, AvroInput in, int records) {
    switch (schema.getType()) {
      case RECORD -> {
        if (records == MAX_DEPTH) {
          throw in.malformed("a recursive value nests more than " + MAX_DEPTH + " records");
        }
        for (Schema.Field field : schema.getFields()) {
          skip(field.schema(), in, records + 1);
        }
      }
      case UNION -> skip(schema.getTypes().get(index(in, schema.getTypes().size())), in, records);
      case ARRAY -> {
        for (long count = in.readBlockCount(); count != 0; count = in.readBlockCount()) {
          for (long i = 0; i < count; i++) {
            skip(schema.getElementType(), in, records);
          }
        }
      }
      case MAP -> {
        for (long count = in.readBlockCount(); count != 0; count = in.readBlockCount()) {
          for (long i = 0; i < count; i++) {
            in.skipBytes();
            skip(schema.getValueType(), in, records);
          }
        }
      }
      case ENUM -> index(in, schema.getEnumSymbols().size());
      case FIXED -> in.skip(schema.getFixedSize());
      case STRING, BYTES -> in.skipBytes();
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case FLOAT -> in.skip(Float.BYTES);
      case DOUBLE -> in.skip(Double.BYTES);
      case BOOLEAN -> in.readBoolean();
      case NULL -> { }
    }
  }

  private static int index(AvroInput in, int size) {
    int index = in.readInt();
    if (index < 0 || index >= size) {
      throw in.malformed("index " + index + " of " + size + " choices");
    }
    return index;
  }
}
