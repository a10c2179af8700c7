package io.floe.translator.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.utils.ByteUtils;

/** Floe's varints are Kafka's varints, byte for byte, for every value. */
class VarintProperties {
  @Property
  void intsEncodeAsKafkaEncodesThemAndDecodeBack(@ForAll int value) throws IOException {
    ByteArrayOutputStream floe = new ByteArrayOutputStream();
    Varint.writeInt(value, floe);
    ByteArrayOutputStream kafka = new ByteArrayOutputStream();
    ByteUtils.writeVarint(value, new DataOutputStream(kafka));

    assertArrayEquals(kafka.toByteArray(), floe.toByteArray());
    assertEquals(floe.size(), Varint.sizeOfInt(value));
    assertEquals(value, Varint.readInt(ByteBuffer.wrap(floe.toByteArray())));
  }

  @Property
  void longsEncodeAsKafkaEncodesThemAndDecodeBack(@ForAll long value) throws IOException {
    ByteArrayOutputStream floe = new ByteArrayOutputStream();
    Varint.writeLong(value, floe);
    ByteArrayOutputStream kafka = new ByteArrayOutputStream();
    ByteUtils.writeVarlong(value, new DataOutputStream(kafka));

    assertArrayEquals(kafka.toByteArray(), floe.toByteArray());
    assertEquals(floe.size(), Varint.sizeOfLong(value));
    assertEquals(value, Varint.readLong(ByteBuffer.wrap(floe.toByteArray())));
  }
}
