package io.floe.translator.value.protobuf;

import static io.floe.translator.value.protobuf.Protos.field;
import static io.floe.translator.value.protobuf.Protos.mapEntry;
import static io.floe.translator.value.protobuf.Protos.message;
import static io.floe.translator.value.protobuf.Protos.repeated;
import static io.floe.translator.value.protobuf.Protos.type;
import static io.floe.translator.value.protobuf.Protos.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Timestamp;
import io.floe.translator.value.MalformedValueException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values that must stay raw: they do not decode as their message type, or protobuf-java would write
 * their columns as other bytes. Every payload here was written by protobuf-java, with a writer
 * descriptor that differs from the reader's where that is how such bytes arise. None of them throws.
 */
class ProtobufValuesKeptRawTest {
  private static final Descriptor ORDER = message(type("Order",
      field("id", 1, Type.TYPE_INT64), field("sku", 2, Type.TYPE_STRING)).build());

  @Test
  void aValueWithAFieldItsSchemaDoesNotKnowIsKeptRaw() {
    Descriptor newer = message(type("Order",
        field("id", 1, Type.TYPE_INT64), field("sku", 2, Type.TYPE_STRING), field("note", 3, Type.TYPE_STRING)).build());
    byte[] payload = value(newer).setField(newer.findFieldByName("id"), 1L).setField(newer.findFieldByName("note"), "x").build().toByteArray();

    ProtobufValueCodec codec = ProtobufValueCodec.of(ORDER);
    assertEquals(1L, codec.decode(payload).getField("id"));
    assertTrue(codec.typed(payload).isEmpty());
  }

  @Test
  void fieldsWrittenOutOfNumberOrderAreKeptRaw() {
    byte[] sku = value(ORDER).setField(ORDER.findFieldByName("sku"), "A-1").build().toByteArray();
    byte[] id = value(ORDER).setField(ORDER.findFieldByName("id"), 7L).build().toByteArray();
    // Concatenated messages are one message with both fields: here sku comes before id.
    byte[] payload = concat(sku, id);

    ProtobufValueCodec codec = ProtobufValueCodec.of(ORDER);
    assertEquals(7L, codec.decode(payload).getField("id"));
    assertTrue(codec.typed(payload).isEmpty());
  }

  @Test
  void aRepeatedScalarWrittenUnpackedWhereTheSchemaPacksItIsKeptRaw() {
    Descriptor packed = message(type("Sizes", repeated(field("sizes", 1, Type.TYPE_INT32))).build());
    Descriptor unpacked = message(type("Sizes",
        repeated(field("sizes", 1, Type.TYPE_INT32)).setOptions(FieldOptions.newBuilder().setPacked(false))).build());
    byte[] payload = value(unpacked).addRepeatedField(unpacked.findFieldByName("sizes"), 1)
        .addRepeatedField(unpacked.findFieldByName("sizes"), 2).build().toByteArray();

    ProtobufValueCodec codec = ProtobufValueCodec.of(packed);
    assertEquals(List.of(1, 2), codec.decode(payload).getField("sizes"));
    assertTrue(codec.typed(payload).isEmpty());
  }

  @Test
  void aProto3DefaultWrittenExplicitlyIsKeptRaw() {
    FileDescriptorProto proto2 = Protos.proto3("explicit", type("Order",
        field("id", 1, Type.TYPE_INT64), field("sku", 2, Type.TYPE_STRING)).build()).toBuilder().setSyntax("proto2").build();
    Descriptor explicit = Protos.build(proto2).getMessageTypes().get(0);
    byte[] payload = value(explicit).setField(explicit.findFieldByName("id"), 0L).build().toByteArray();

    ProtobufValueCodec codec = ProtobufValueCodec.of(ORDER);
    assertEquals(0L, codec.decode(payload).getField("id"));
    assertTrue(codec.typed(payload).isEmpty());
  }

  @Test
  void aMapWithAKeyWrittenTwiceIsKeptRaw() {
    Descriptor counts = message(type("Counts", repeated(field("counts", 1, Type.TYPE_MESSAGE, ".acme.Counts.CountsEntry")))
        .addNestedType(mapEntry("CountsEntry", field("", 0, Type.TYPE_STRING), field("", 0, Type.TYPE_INT32))).build());
    byte[] once = value(counts).addRepeatedField(counts.findFieldByName("counts"), entry(counts, "a", 1)).build().toByteArray();
    byte[] again = value(counts).addRepeatedField(counts.findFieldByName("counts"), entry(counts, "a", 2)).build().toByteArray();
    byte[] payload = concat(once, again);

    ProtobufValueCodec codec = ProtobufValueCodec.of(counts);
    assertEquals(Map.of("a", 2), codec.decode(payload).getField("counts"));
    assertTrue(codec.typed(payload).isEmpty());
  }

  @Test
  void aFloatNaNOtherThanTheCanonicalOneIsKeptRaw() {
    Descriptor ratio = message(type("Ratio", field("v", 1, Type.TYPE_FLOAT)).build());
    byte[] payload = value(ratio).setField(ratio.findFieldByName("v"), Float.intBitsToFloat(0x7fc00001)).build().toByteArray();

    assertTrue(ProtobufValueCodec.of(ratio).typed(payload).isEmpty());
  }

  @Test
  void aTimestampWithNanosecondsBelowAMicrosecondIsKeptRaw() {
    Descriptor event = message(type("Event", field("at", 1, Type.TYPE_MESSAGE, ".google.protobuf.Timestamp")).build());
    byte[] payload = value(event).setField(event.findFieldByName("at"), Timestamp.newBuilder().setSeconds(1).setNanos(1).build())
        .build().toByteArray();

    assertTrue(ProtobufValueCodec.of(event).typed(payload).isEmpty());
  }

  @Test
  void aTimestampBeyondIcebergsMicrosecondsIsKeptRaw() {
    Descriptor event = message(type("Event", field("at", 1, Type.TYPE_MESSAGE, ".google.protobuf.Timestamp")).build());
    byte[] payload = value(event).setField(event.findFieldByName("at"), Timestamp.newBuilder().setSeconds(Long.MAX_VALUE / 1000).build())
        .build().toByteArray();

    assertThrows(MalformedValueException.class, () -> ProtobufValueCodec.of(event).decode(payload));
    assertTrue(ProtobufValueCodec.of(event).typed(payload).isEmpty());
  }

  @Test
  void anEnumNumberTheEnumDoesNotNameIsKeptRaw() {
    Descriptor reader = message(type("Order", field("status", 1, Type.TYPE_ENUM, ".acme.Status")).build());
    Descriptor writer = message(type("Order", field("status", 1, Type.TYPE_INT32)).build());
    byte[] payload = value(writer).setField(writer.findFieldByName("status"), 7).build().toByteArray();

    assertThrows(MalformedValueException.class, () -> ProtobufValueCodec.of(reader).decode(payload));
    assertTrue(ProtobufValueCodec.of(reader).typed(payload).isEmpty());
  }

  @Test
  void aPayloadCutShortIsKeptRaw() {
    byte[] whole = value(ORDER).setField(ORDER.findFieldByName("sku"), "A-1").build().toByteArray();
    byte[] payload = Arrays.copyOf(whole, whole.length - 1);

    assertThrows(MalformedValueException.class, () -> ProtobufValueCodec.of(ORDER).decode(payload));
    assertTrue(ProtobufValueCodec.of(ORDER).typed(payload).isEmpty());
  }

  private static DynamicMessage entry(Descriptor counts, String key, int count) {
    Descriptor entry = counts.findNestedTypeByName("CountsEntry");
    FieldDescriptor keyField = entry.findFieldByName("key");
    return value(entry).setField(keyField, key).setField(entry.findFieldByName("value"), count).build();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(first);
    bytes.writeBytes(second);
    return bytes.toByteArray();
  }
}
