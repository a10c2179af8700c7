package io.floe.translator.value.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/** Payloads as Avro's own writers produce them, the bytes a producer's serializer sends. */
public final class AvroBytes {
  /** Avro's generic data model with the conversions of every logical type Floe maps. */
  static final GenericData WITH_LOGICAL_TYPES = withLogicalTypes();

  private AvroBytes() {}

  /** The payload of a datum of Avro's generic model, logical types as their underlying values. */
  public static byte[] write(Schema schema, Object datum) {
    return write(new GenericDatumWriter<>(schema), datum);
  }

  /** The payload of a datum whose logical-type values are Java objects (BigDecimal, LocalDate, Instant, UUID, …). */
  static byte[] writeLogical(Schema schema, Object datum) {
    return write(new GenericDatumWriter<>(schema, WITH_LOGICAL_TYPES), datum);
  }

  static byte[] write(DatumWriter<Object> writer, Object datum) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      writer.write(datum, out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A payload written by hand with Avro's encoder, as a producer without Avro's datum writers might. */
  static byte[] encode(EncoderWork work) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      work.writeTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  interface EncoderWork {
    void writeTo(BinaryEncoder out) throws IOException;
  }

  private static GenericData withLogicalTypes() {
    GenericData data = new GenericData();
    data.addLogicalTypeConversion(new Conversions.DecimalConversion());
    data.addLogicalTypeConversion(new Conversions.UUIDConversion());
    data.addLogicalTypeConversion(new TimeConversions.DateConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    return data;
  }
}
