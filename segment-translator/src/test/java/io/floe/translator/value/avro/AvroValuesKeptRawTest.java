package io.floe.translator.value.avro;

import io.floe.translator.value.ParquetRoundTrip;
import static io.floe.translator.value.avro.AvroColumnsTest.parse;
import static io.floe.translator.value.avro.AvroValueCodecTest.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.value.MalformedValueException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.util.DateTimeUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values that must stay raw: they do not decode with their writer schema, their columns would not
 * re-encode to their bytes, or a Parquet file would not give their columns back as they are. None
 * of them throws.
 */
class AvroValuesKeptRawTest {
  private static final Schema ORDER = parse("""
      {"type": "record", "name": "Order", "fields": [{"name": "id", "type": "long"}, {"name": "sku", "type": "string"}]}""");

  @TempDir
  Path dir;

  @Test
  void aLongWrittenWithMoreVarintBytesThanItNeedsIsKeptRaw() {
    byte[] canonical = AvroBytes.write(ORDER, record(ORDER, 1L, "A-1"));
    // The id, 1, is the varint 0x02; 0x82 0x00 is the same number in two bytes, which Avro's reader accepts.
    byte[] padded = new byte[canonical.length + 1];
    padded[0] = (byte) (canonical[0] | 0x80);
    System.arraycopy(canonical, 1, padded, 2, canonical.length - 1);

    AvroValueCodec codec = AvroValueCodec.of(ORDER);
    assertEquals(1L, codec.decode(padded).getField("id"));
    assertTrue(codec.typed(padded).isEmpty());
  }

  @Test
  void arraysAndMapsWrittenInBlocksWithByteSizesAreKeptRaw() throws IOException {
    Schema schema = parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "tags", "type": {"type": "array", "items": "string"}},
          {"name": "counts", "type": {"type": "map", "values": "int"}}]}""");
    GenericData.Record datum = record(schema, List.of("a", "b"), Map.of("x", 1));
    // Avro's blocking encoder writes a negative item count and the block's size in bytes.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder blocking = EncoderFactory.get().blockingBinaryEncoder(bytes, null);
    new GenericDatumWriter<>(schema).write(datum, blocking);
    blocking.flush();
    byte[] payload = bytes.toByteArray();

    assertFalse(Arrays.equals(AvroBytes.write(schema, datum), payload));
    AvroValueCodec codec = AvroValueCodec.of(schema);
    assertEquals(List.of("a", "b"), codec.decode(payload).getField("tags"));
    assertTrue(codec.typed(payload).isEmpty());
  }

  @Test
  void aMapWithAKeyWrittenTwiceIsKeptRaw() {
    Schema schema = parse("{\"type\": \"map\", \"values\": \"int\"}");
    byte[] payload = AvroBytes.encode(out -> {
      out.writeMapStart();
      out.setItemCount(2);
      out.startItem();
      out.writeString("k");
      out.writeInt(1);
      out.startItem();
      out.writeString("k");
      out.writeInt(2);
      out.writeMapEnd();
    });

    assertTrue(AvroValueCodec.of(schema).typed(payload).isEmpty());
  }

  @Test
  void aNaNOtherThanTheCanonicalOneIsKeptRawBecauseParquetStoresOnlyThatOne() {
    Schema schema = parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"f\", \"type\": \"float\"}, {\"name\": \"d\", \"type\": \"double\"}]}");
    float quietNaN = Float.intBitsToFloat(0x7fc00001);
    double negativeNaN = Double.longBitsToDouble(0xfff8000000000000L);
    AvroValueCodec codec = AvroValueCodec.of(schema);

    GenericRecord stored = GenericRecord.create(codec.columns());
    stored.set(0, quietNaN);
    stored.set(1, negativeNaN);
    Record back = ParquetRoundTrip.through(ParquetRoundTrip.Encoding.PLAIN, dir, codec.columns(), List.of(stored)).get(0);
    assertEquals(Float.floatToRawIntBits(Float.NaN), Float.floatToRawIntBits((Float) back.get(0)));
    assertEquals(Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits((Double) back.get(1)));

    assertTrue(codec.typed(AvroBytes.write(schema, record(schema, quietNaN, 0.0))).isEmpty());
    assertTrue(codec.typed(AvroBytes.write(schema, record(schema, 0.0f, negativeNaN))).isEmpty());
    assertTrue(codec.typed(AvroBytes.write(schema, record(schema, Float.NaN, Double.NaN))).isPresent());
  }

  @Test
  void aDecimalWithRedundantSignBytesIsKeptRaw() {
    Schema schema = parse("{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 9, \"scale\": 2}");
    byte[] payload = AvroBytes.encode(out -> out.writeBytes(new byte[] {0, 0, 1}));

    AvroValueCodec codec = AvroValueCodec.of(schema);
    assertEquals(new BigDecimal("0.01"), codec.decode(payload).getField(AvroColumns.VALUE));
    assertTrue(codec.typed(payload).isEmpty());
  }

  @Test
  void aDecimalWithMoreDigitsThanItsTypeIsKeptRawBecauseParquetWouldRefuseIt() {
    Schema schema = parse("{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 4, \"scale\": 2}");
    byte[] payload = AvroBytes.encode(out -> out.writeBytes(BigInteger.valueOf(123_456).toByteArray()));

    AvroValueCodec codec = AvroValueCodec.of(schema);
    GenericRecord wide = GenericRecord.create(codec.columns());
    wide.set(0, new BigDecimal("1234.56"));
    assertThrows(IllegalArgumentException.class,
        () -> ParquetRoundTrip.through(ParquetRoundTrip.Encoding.PLAIN, dir, codec.columns(), List.of(wide)));

    MalformedValueException e = assertThrows(MalformedValueException.class, () -> codec.decode(payload));
    assertTrue(e.getMessage().contains("decimal 1234.56 has more than the 4 digits of its type"), e.getMessage());
    assertTrue(codec.typed(payload).isEmpty());
  }

  @Test
  void aTimestampBeyondIcebergsMicrosecondsIsKeptRawBecauseParquetCouldNotStoreIt() {
    Schema schema = parse("{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}");
    AvroValueCodec codec = AvroValueCodec.of(schema);
    GenericRecord far = GenericRecord.create(codec.columns());
    far.set(0, DateTimeUtil.timestamptzFromMillis(Long.MAX_VALUE));
    assertThrows(ArithmeticException.class,
        () -> ParquetRoundTrip.through(ParquetRoundTrip.Encoding.PLAIN, dir, codec.columns(), List.of(far)));

    assertTrue(codec.typed(AvroBytes.write(schema, Long.MAX_VALUE)).isEmpty());
    assertTrue(codec.typed(AvroBytes.write(schema, Long.MAX_VALUE / 1000)).isPresent());
  }

  @Test
  void aTimeOfDayOutsideADayIsKeptRaw() {
    Schema schema = parse("{\"type\": \"int\", \"logicalType\": \"time-millis\"}");

    assertTrue(AvroValueCodec.of(schema).typed(AvroBytes.write(schema, -1)).isEmpty());
    assertTrue(AvroValueCodec.of(schema).typed(AvroBytes.write(schema, 86_400_000)).isEmpty());
  }

  @Test
  void aUuidInAnythingButItsCanonicalLowerCaseFormIsKeptRaw() {
    Schema schema = parse("{\"type\": \"string\", \"logicalType\": \"uuid\"}");
    AvroValueCodec codec = AvroValueCodec.of(schema);

    assertTrue(codec.typed(AvroBytes.write(schema, "0A5C7D2E-9B41-4F6E-8C3A-1D2E3F405162")).isEmpty());
    assertTrue(codec.typed(AvroBytes.write(schema, "not a uuid")).isEmpty());
    assertTrue(codec.typed(AvroBytes.write(schema, "0a5c7d2e-9b41-4f6e-8c3a-1d2e3f405162")).isPresent());
  }

  @Test
  void aStringThatIsNotUtf8IsKeptRaw() {
    Schema schema = parse("\"string\"");
    byte[] payload = AvroBytes.encode(out -> out.writeString(new Utf8(new byte[] {(byte) 0xC3, 0x28})));

    assertTrue(AvroValueCodec.of(schema).typed(payload).isEmpty());
  }

  @Test
  void aPayloadOfAnotherSchemaIsKeptRawAndDecodingItSaysWhy() {
    Schema shipment = Shipment.SCHEMA$;
    byte[] payload = AvroBytes.write(ORDER, record(ORDER, 1_000_000L, "a sku long enough to be read as something else"));

    assertTrue(AvroValueCodec.of(shipment).typed(payload).isEmpty());
    MalformedValueException e = assertThrows(MalformedValueException.class, () -> AvroValueCodec.of(shipment).decode(payload));
    assertTrue(e.getMessage().startsWith("Cannot decode a value of Avro schema io.floe.translator.value.avro.Shipment ("
        + payload.length + " bytes): at byte "), e.getMessage());
  }

  @Test
  void aPayloadCutShortOrWithBytesLeftOverIsKeptRaw() {
    byte[] payload = AvroBytes.write(ORDER, record(ORDER, 7L, "A-1"));
    AvroValueCodec codec = AvroValueCodec.of(ORDER);

    assertTrue(codec.typed(Arrays.copyOf(payload, payload.length - 1)).isEmpty());
    assertTrue(codec.typed(Arrays.copyOf(payload, payload.length + 1)).isEmpty());
    assertTrue(codec.typed(new byte[0]).isEmpty());
  }

  @Test
  void aLengthBeyondThePayloadFailsBeforeAnythingIsAllocated() {
    byte[] payload = AvroBytes.encode(out -> {
      out.writeLong(7L);
      out.writeLong(1L << 40);
    });

    MalformedValueException e = assertThrows(MalformedValueException.class, () -> AvroValueCodec.of(ORDER).decode(payload));
    assertTrue(e.getMessage().endsWith("at byte 7: a string length of 1099511627776 with 0 bytes left"), e.getMessage());
  }

  @Test
  void aRecursiveSubValueNestingMoreRecordsThanTheLimitIsKeptRaw() {
    Schema node = parse("""
        {"type": "record", "name": "Node", "fields": [{"name": "next", "type": ["null", "Node"]}]}""");
    AvroValueCodec codec = AvroValueCodec.of(node);

    // The first node is the value's columns; the rest is the sub-value kept as bytes.
    assertTrue(codec.typed(chain(CutColumn.MAX_DEPTH + 1)).isPresent());
    assertTrue(codec.typed(chain(CutColumn.MAX_DEPTH + 2)).isEmpty());
  }

  @Test
  void aTypedValueIsTheDecodedRecordAndReEncodesToItsPayload() {
    byte[] payload = AvroBytes.write(ORDER, record(ORDER, 7L, "A-1"));
    AvroValueCodec codec = AvroValueCodec.of(ORDER);

    Record typed = codec.typed(payload).orElseThrow();

    assertEquals(codec.decode(payload), typed);
    assertArrayEquals(payload, codec.encode(typed));
  }

  /** A linked list of {@code nodes} nodes, written with Avro's encoder: Avro's datum writer recurses too deep for it. */
  private static byte[] chain(int nodes) {
    return AvroBytes.encode(out -> {
      for (int i = 1; i < nodes; i++) {
        out.writeIndex(1);
      }
      out.writeIndex(0);
    });
  }
}
