package io.floe.e2e.workload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Writes Avro values as Confluent's {@code KafkaAvroSerializer} does: framed, then Avro binary. */
public final class AvroValues {
  private AvroValues() {}

  public static byte[] serialize(int schemaId, GenericRecord value) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    // the serializer's own choice: a direct, unbuffered binary encoder
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(payload, null);
    try {
      new GenericDatumWriter<GenericRecord>(value.getSchema()).write(value, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + value + " as Avro of " + value.getSchema().getFullName(), e);
    }
    return ConfluentFraming.framed(schemaId, payload.toByteArray());
  }
}
