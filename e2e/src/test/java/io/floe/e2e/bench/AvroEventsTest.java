package io.floe.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.registry.ConfluentRegistryServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/** The Avro workload's values are what Confluent's serializer writes, about a kibibyte each, the same every run. */
class AvroEventsTest {
  private static final int SAMPLE = 1_000;
  private static final int FRAMING_BYTES = 5;

  @Test
  void everyValueIsFramedWithItsRegisteredIdAndDecodesAsTheEventSchema() throws IOException {
    try (ConfluentRegistryServer registry = ConfluentRegistryServer.start()) {
      AvroEvents source = AvroEvents.registeredIn(registry, "bench");
      Schema schema = new Schema.Parser().parse(AvroEvents.SCHEMA);
      for (int i = 0; i < SAMPLE; i++) {
        byte[] value = source.next().value();
        ByteBuffer framing = ByteBuffer.wrap(value, 0, FRAMING_BYTES);

        assertEquals(0, framing.get());
        assertEquals(source.schemaId(), framing.getInt());
        GenericRecord event = new GenericDatumReader<GenericRecord>(schema).read(null,
            DecoderFactory.get().binaryDecoder(value, FRAMING_BYTES, value.length - FRAMING_BYTES, null));
        assertEquals((long) i, event.get("event_id"));
        assertTrue(value.length > 700 && value.length < 1300, "a value of about a kibibyte: " + value.length);
      }
    }
  }

  @Test
  void twoSourcesGiveTheSameEventsInTheSameOrder() throws IOException {
    try (ConfluentRegistryServer one = ConfluentRegistryServer.start();
        ConfluentRegistryServer other = ConfluentRegistryServer.start()) {
      AvroEvents first = AvroEvents.registeredIn(one, "bench");
      AvroEvents second = AvroEvents.registeredIn(other, "bench");
      for (int i = 0; i < SAMPLE; i++) {
        EventSource.Event event = first.next();
        EventSource.Event same = second.next();

        assertArrayEquals(event.key(), same.key());
        assertArrayEquals(event.value(), same.value());
      }
    }
  }
}
