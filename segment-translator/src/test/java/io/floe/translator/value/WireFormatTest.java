package io.floe.translator.value;

import io.floe.translator.registry.SchemaType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.SampleRecords;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The schema registry's wire format, as its serializers write it. */
class WireFormatTest {
  private static final byte[] PAYLOAD = SampleRecords.text(12, 1);

  @Test
  void aValueIsTheMagicByteZeroTheSchemaIdBigEndianThenThePayload() {
    byte[] value = WireFormat.encode(WireValue.of(0x01020304, PAYLOAD));

    assertArrayEquals(new byte[] {0, 1, 2, 3, 4}, Arrays.copyOf(value, 5));
    assertArrayEquals(PAYLOAD, Arrays.copyOfRange(value, 5, value.length));
    assertEquals(Optional.of(WireValue.of(0x01020304, PAYLOAD)), WireFormat.parse(value, SchemaType.AVRO));
  }

  @Test
  void aProtobufValueNamesItsMessageByZigZagVarintsAfterTheSchemaId() {
    byte[] value = WireFormat.encode(new WireValue(9, List.of(1, 64), PAYLOAD));

    // count 2, then 1 and 64, each zig-zag: 4, 2, 128 (two bytes)
    assertArrayEquals(new byte[] {0, 0, 0, 0, 9, 4, 2, (byte) 0x80, 1}, Arrays.copyOf(value, 9));
    assertEquals(Optional.of(new WireValue(9, List.of(1, 64), PAYLOAD)), WireFormat.parse(value, SchemaType.PROTOBUF));
  }

  @Test
  void theFirstMessageOfAProtobufSchemaIsTheSingleByteZero() {
    byte[] value = WireFormat.encode(new WireValue(9, List.of(0), PAYLOAD));

    assertEquals(0, value[5]);
    assertEquals(6 + PAYLOAD.length, value.length);
    assertEquals(List.of(0), WireFormat.parse(value, SchemaType.PROTOBUF).orElseThrow().messageIndexes());
  }

  @Test
  void aValueWithoutTheMagicByteHasNoSchemaId() {
    assertTrue(WireFormat.parse(SampleRecords.text(100, 3), SchemaType.AVRO).isEmpty());
  }

  @Test
  void aValueShorterThanTheFramingOrNullHasNoSchemaId() {
    byte[] value = WireFormat.encode(WireValue.of(7, new byte[0]));

    assertTrue(WireFormat.parse(Arrays.copyOf(value, 4), SchemaType.AVRO).isEmpty());
    assertTrue(WireFormat.parse(null, SchemaType.AVRO).isEmpty());
    assertEquals(Optional.of(WireValue.of(7, new byte[0])), WireFormat.parse(value, SchemaType.JSON));
  }

  @Test
  void aProtobufValueWhoseIndexesRunPastItsEndHasNoSchemaId() {
    byte[] value = WireFormat.encode(new WireValue(9, List.of(3, 4, 5), new byte[0]));

    assertTrue(WireFormat.parse(Arrays.copyOf(value, value.length - 1), SchemaType.PROTOBUF).isEmpty());
  }

  @Test
  void aProtobufValueWithAnIndexListWrittenLongerThanNeededHasNoSchemaId() {
    // [0] spelled out as count 1, index 0: the fetch path would frame it again as the single byte 0.
    byte[] spelledOut = WireFormat.encode(new WireValue(9, List.of(5), PAYLOAD));
    spelledOut[6] = 0;

    assertTrue(WireFormat.parse(spelledOut, SchemaType.PROTOBUF).isEmpty());
  }
}
