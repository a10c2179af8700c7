package io.floe.translator.value.avro;

import io.floe.translator.value.MalformedValueException;
import io.floe.translator.value.ValueCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * Avro values of one writer schema as records of its columns ({@link AvroColumns}), and back.
 *
 * <p>{@link #typed} is verified typing: a payload is typed only if its record re-encodes to the
 * same bytes. Decoding yields what Iceberg's Parquet files give back for each value (canonical NaN,
 * map entries in payload order, decimals that fit their column), so a value that passes here also
 * re-encodes exactly after the trip through a data file.
 *
 * <p>A codec holds nothing that changes: one may serve many threads.
 */
public final class AvroValueCodec implements ValueCodec {
  private final Schema writer;
  private final RecordColumn root;

  private AvroValueCodec(Schema writer, RecordColumn root) {
    this.writer = writer;
    this.root = root;
  }

  /**
   * The codec of values written with {@code writer}.
   *
   * @throws io.floe.translator.value.UnsupportedSchemaException when a part of the schema has no column
   */
  public static AvroValueCodec of(Schema writer) {
    return new AvroValueCodec(writer, AvroColumns.root(writer));
  }

  public Schema writer() {
    return writer;
  }

  /** The struct every decoded record has: {@code AvroColumns.of(writer())}. */
  @Override
  public Types.StructType columns() {
    return root.type();
  }

  /**
   * The record of a payload, map entries in payload order.
   *
   * @throws MalformedValueException when the payload does not decode with the writer schema, or a
   *     value does not fit its column
   */
  @Override
  public Record decode(byte[] payload) {
    AvroInput in = new AvroInput(payload);
    try {
      Record record = root.read(in);
      if (!in.atEnd()) {
        throw in.malformed("bytes left after the value");
      }
      return record;
    } catch (MalformedValueException | DateTimeException | ArithmeticException | IllegalArgumentException e) {
      throw new MalformedValueException(String.format("Cannot decode a value of Avro schema %s (%d bytes): %s",
          writer.getFullName(), payload.length, e.getMessage()), e);
    }
  }

  /** The Avro binary encoding of a record of {@link #columns()}, as Avro's own encoder writes it. */
  @Override
  public byte[] encode(Record record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    // Unbuffered: a buffered encoder allocates 2 KiB per value, most of the exactness check's cost.
    BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
    try {
      root.write(record, out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
