package io.floe.translator.value.protobuf;

import io.floe.translator.value.ParquetRoundTrip;
import static io.floe.translator.value.protobuf.Protos.field;
import static io.floe.translator.value.protobuf.Protos.mapEntry;
import static io.floe.translator.value.protobuf.Protos.message;
import static io.floe.translator.value.protobuf.Protos.repeated;
import static io.floe.translator.value.protobuf.Protos.type;
import static io.floe.translator.value.protobuf.Protos.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Int32Value;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values written by protobuf-java are typed, decode to the values that were written, and after the
 * trip through a Parquet data file re-encode to their exact payload.
 */
class ProtobufValueCodecTest {
  private static final BigDecimal MAX_UINT64 = new BigDecimal("18446744073709551615");

  @TempDir
  Path dir;

  /** One scalar kind: values as protobuf-java takes them, and the column values they decode to. */
  record Case(Type type, List<Object> written, List<Object> decoded) {
    @Override
    public String toString() {
      return type.name();
    }
  }

  static Stream<Case> everyScalarKind() {
    return Stream.of(
        same(Type.TYPE_INT32, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE),
        same(Type.TYPE_SINT32, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE),
        same(Type.TYPE_SFIXED32, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE),
        same(Type.TYPE_INT64, 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE),
        same(Type.TYPE_SINT64, 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE),
        same(Type.TYPE_SFIXED64, 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE),
        new Case(Type.TYPE_UINT32, List.of(0, 7, -1), List.of(0L, 7L, 4_294_967_295L)),
        new Case(Type.TYPE_FIXED32, List.of(0, 7, -1), List.of(0L, 7L, 4_294_967_295L)),
        new Case(Type.TYPE_UINT64, List.of(0L, 7L, -1L), List.of(BigDecimal.ZERO, BigDecimal.valueOf(7), MAX_UINT64)),
        new Case(Type.TYPE_FIXED64, List.of(0L, 7L, -1L), List.of(BigDecimal.ZERO, BigDecimal.valueOf(7), MAX_UINT64)),
        same(Type.TYPE_FLOAT, 1.5f, -0.0f, 0.0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE),
        same(Type.TYPE_DOUBLE, 1.5, -0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE),
        same(Type.TYPE_BOOL, true, false),
        same(Type.TYPE_STRING, "", "naïve ☕ 𝄞", "\u0000"),
        new Case(Type.TYPE_BYTES, List.of(ByteString.EMPTY, ByteString.copyFrom(new byte[] {0, -1, 127})),
            List.of(ByteBuffer.wrap(new byte[0]), ByteBuffer.wrap(new byte[] {0, -1, 127}))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyScalarKind")
  void everyScalarKindDecodesToItsValueAndComesBackExactly(Case kind) {
    Descriptor message = message(type("R", field("v", 1, kind.type())).build());
    FieldDescriptor v = message.findFieldByName("v");
    List<byte[]> payloads = kind.written().stream().map(w -> value(message).setField(v, w).build().toByteArray()).toList();

    List<Record> records = assertTypedAndExactThroughParquet(ProtobufValueCodec.of(message), payloads);

    for (int i = 0; i < records.size(); i++) {
      assertColumnValue(kind.decoded().get(i), records.get(i).get(0));
    }
  }

  @Test
  void nestedAndRepeatedMessagesMapsEnumsAndOneofsComeBackExactly() {
    Descriptor order = message(type("Order",
            field("id", 1, Type.TYPE_INT64),
            repeated(field("lines", 2, Type.TYPE_MESSAGE, ".acme.Line")),
            repeated(field("tags", 3, Type.TYPE_STRING)),
            repeated(field("sizes", 4, Type.TYPE_SINT32)),
            repeated(field("attributes", 5, Type.TYPE_MESSAGE, ".acme.Order.AttributesEntry")),
            field("status", 6, Type.TYPE_ENUM, ".acme.Status"),
            field("coupon", 7, Type.TYPE_STRING).setOneofIndex(0),
            field("discount", 8, Type.TYPE_INT32).setOneofIndex(0),
            field("first", 9, Type.TYPE_MESSAGE, ".acme.Line"))
        .addNestedType(mapEntry("AttributesEntry", field("", 0, Type.TYPE_STRING), field("", 0, Type.TYPE_INT64)))
        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("reduction"))
        .build(),
        type("Line", field("sku", 1, Type.TYPE_STRING), field("quantity", 2, Type.TYPE_UINT32)).build());
    Descriptor line = order.getFile().findMessageTypeByName("Line");
    DynamicMessage first = value(line).setField(line.findFieldByName("sku"), "A-1").setField(line.findFieldByName("quantity"), 2).build();
    DynamicMessage second = value(line).setField(line.findFieldByName("sku"), "B-7").build();
    byte[] full = value(order)
        .setField(order.findFieldByName("id"), 1L)
        .addRepeatedField(order.findFieldByName("lines"), first)
        .addRepeatedField(order.findFieldByName("lines"), second)
        .addRepeatedField(order.findFieldByName("tags"), "gift")
        .addRepeatedField(order.findFieldByName("sizes"), -3)
        .addRepeatedField(order.findFieldByName("sizes"), 40)
        .addRepeatedField(order.findFieldByName("attributes"), entry(order, "zulu", 1L))
        .addRepeatedField(order.findFieldByName("attributes"), entry(order, "alpha", 2L))
        .setField(order.findFieldByName("status"), order.getFile().findEnumTypeByName("Status").findValueByName("PAID"))
        .setField(order.findFieldByName("discount"), 5)
        .setField(order.findFieldByName("first"), first)
        .build().toByteArray();
    byte[] empty = value(order).build().toByteArray();

    List<Record> records = assertTypedAndExactThroughParquet(ProtobufValueCodec.of(order), List.of(full, empty));

    Record stored = records.get(0);
    assertEquals(List.of("A-1", "B-7"), ((List<?>) stored.getField("lines")).stream().map(l -> ((Record) l).getField("sku")).toList());
    assertEquals(List.of(-3, 40), stored.getField("sizes"));
    assertEquals(List.of("zulu", "alpha"), List.copyOf(((Map<?, ?>) stored.getField("attributes")).keySet()));
    assertEquals("PAID", stored.getField("status"));
    assertNull(stored.getField("coupon"));
    assertEquals(5, stored.getField("discount"));
    assertEquals(2L, ((Record) stored.getField("first")).getField("quantity"));
    assertNull(records.get(1).getField("first"));
    assertEquals("NEW", records.get(1).getField("status"));
  }

  @Test
  void aFieldWithPresenceIsNullWhenUnsetAndItsDefaultWhenSetToIt() {
    Descriptor limits = message(type("Limits",
            field("plain", 1, Type.TYPE_INT32),
            field("explicit", 2, Type.TYPE_INT32).setProto3Optional(true).setOneofIndex(0))
        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("_explicit")).build());
    byte[] unset = value(limits).build().toByteArray();
    byte[] defaults = value(limits).setField(limits.findFieldByName("explicit"), 0).build().toByteArray();

    List<Record> records = assertTypedAndExactThroughParquet(ProtobufValueCodec.of(limits), List.of(unset, defaults));

    assertEquals(0, records.get(0).getField("plain"));
    assertNull(records.get(0).getField("explicit"));
    assertEquals(0, records.get(1).getField("explicit"));
  }

  @Test
  void timestampsAndWrappersAreColumnsOfTheirOwnAndAbsentOnesAreNull() {
    Descriptor event = message(type("Event",
        field("at", 1, Type.TYPE_MESSAGE, ".google.protobuf.Timestamp"),
        field("count", 2, Type.TYPE_MESSAGE, ".google.protobuf.Int32Value"),
        field("note", 3, Type.TYPE_MESSAGE, ".google.protobuf.StringValue")).build());
    Instant at = Instant.parse("2026-03-01T08:00:00.250123Z");
    byte[] set = value(event)
        .setField(event.findFieldByName("at"), Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build())
        .setField(event.findFieldByName("count"), Int32Value.of(0))
        .setField(event.findFieldByName("note"), StringValue.of("late"))
        .build().toByteArray();
    byte[] unset = value(event).build().toByteArray();

    List<Record> records = assertTypedAndExactThroughParquet(ProtobufValueCodec.of(event), List.of(set, unset));

    assertEquals(at.atOffset(ZoneOffset.UTC), records.get(0).getField("at"));
    assertEquals(0, records.get(0).getField("count"));
    assertEquals("late", records.get(0).getField("note"));
    assertEquals(Arrays.asList(null, null, null), List.of(0, 1, 2).stream().map(records.get(1)::get).toList());
  }

  @Test
  void aRecursiveSubMessageIsKeptAsItsOwnProtobufBytes() {
    Descriptor category = message(type("Category",
        field("name", 1, Type.TYPE_STRING),
        repeated(field("children", 2, Type.TYPE_MESSAGE, ".acme.Category"))).build());
    FieldDescriptor name = category.findFieldByName("name");
    FieldDescriptor children = category.findFieldByName("children");
    DynamicMessage boots = value(category).setField(name, "boots").build();
    DynamicMessage shoes = value(category).setField(name, "shoes").addRepeatedField(children, boots).build();
    byte[] payload = value(category).setField(name, "all").addRepeatedField(children, shoes).build().toByteArray();

    Record stored = assertTypedAndExactThroughParquet(ProtobufValueCodec.of(category), List.of(payload)).get(0);

    assertEquals(List.of(ByteBuffer.wrap(shoes.toByteArray())), stored.getField("children"));
  }

  private static DynamicMessage entry(Descriptor order, String key, long value) {
    Descriptor entry = order.findNestedTypeByName("AttributesEntry");
    return value(entry).setField(entry.findFieldByName("key"), key).setField(entry.findFieldByName("value"), value).build();
  }

  /** Every payload is typed, and after the trip through Parquet, in either encoding, re-encodes exactly; the stored records. */
  private List<Record> assertTypedAndExactThroughParquet(ProtobufValueCodec codec, List<byte[]> payloads) {
    List<Record> records = payloads.stream()
        .map(payload -> codec.typed(payload).orElseThrow(() -> new AssertionError("not typed: " + codec.decode(payload))))
        .toList();
    List<Record> stored = new ArrayList<>();
    for (ParquetRoundTrip.Encoding encoding : ParquetRoundTrip.Encoding.values()) {
      stored = ParquetRoundTrip.through(encoding, dir, codec.columns(), records);
      for (int i = 0; i < payloads.size(); i++) {
        assertArrayEquals(payloads.get(i), codec.encode(stored.get(i)), encoding + " value " + i);
      }
    }
    return stored;
  }

  private static void assertColumnValue(Object expected, Object actual) {
    if (expected instanceof Float f) {
      assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((Float) actual));
    } else if (expected instanceof Double d) {
      assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) actual));
    } else {
      assertEquals(expected, actual);
    }
  }

  private static Case same(Type type, Object... values) {
    return new Case(type, Arrays.asList(values), Arrays.asList(values));
  }
}
