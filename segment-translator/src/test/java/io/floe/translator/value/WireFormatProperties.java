package io.floe.translator.value;

import io.floe.translator.registry.SchemaType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** The registry's framing parses back to what was framed, and any bytes at all parse without an exception. */
class WireFormatProperties {
  @Property
  void anAvroOrJsonValueParsesBackToItsSchemaIdAndPayload(
      @ForAll int schemaId, @ForAll byte[] payload, @ForAll("withoutMessageIndexes") SchemaType format) {
    WireValue value = WireValue.of(schemaId, payload);

    assertEquals(Optional.of(value), WireFormat.parse(WireFormat.encode(value), format));
  }

  @Property
  void aProtobufValueParsesBackToItsSchemaIdMessageIndexesAndPayload(
      @ForAll int schemaId, @ForAll("messageIndexes") List<Integer> indexes, @ForAll byte[] payload) {
    WireValue value = new WireValue(schemaId, indexes, payload);

    assertEquals(Optional.of(value), WireFormat.parse(WireFormat.encode(value), SchemaType.PROTOBUF));
  }

  @Property(tries = 5000)
  void anyBytesParseWithoutAnExceptionAndWhatParsesFramesBackToThem(
      @ForAll("values") byte[] value, @ForAll SchemaType format) {
    Optional<WireValue> parsed = WireFormat.parse(value, format);

    Statistics.label("parsed").collect(parsed.isPresent());
    Statistics.label("parsed").coverage(coverage -> coverage.check(true).percentage(p -> p > 20));
    parsed.ifPresent(wire -> assertArrayEquals(value, WireFormat.encode(wire)));
  }

  @Provide
  Arbitrary<SchemaType> withoutMessageIndexes() {
    return Arbitraries.of(SchemaType.AVRO, SchemaType.JSON);
  }

  @Provide
  Arbitrary<List<Integer>> messageIndexes() {
    return Arbitraries.integers().list().ofMinSize(1).ofMaxSize(6);
  }

  /** Random bytes, most of them starting with the magic byte so that the rest of the framing is tried too. */
  @Provide
  Arbitrary<byte[]> values() {
    Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
    return Arbitraries.frequencyOf(
        Tuple.of(1, any),
        Tuple.of(3, any.map(bytes -> {
          byte[] framed = new byte[bytes.length + 1];
          System.arraycopy(bytes, 0, framed, 1, bytes.length);
          return framed;
        })));
  }
}
