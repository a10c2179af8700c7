package io.floe.translator.value.protobuf;

import io.floe.translator.value.ParquetRoundTrip;
import static io.floe.translator.value.protobuf.Protos.field;
import static io.floe.translator.value.protobuf.Protos.type;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import io.floe.translator.KafkaOracle;
import io.floe.translator.KafkaSegment;
import io.floe.translator.SampleRecords;
import io.floe.translator.registry.RegisteredSchema;
import io.floe.translator.registry.SchemaType;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.value.WireFormat;
import io.floe.translator.value.WireValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values as they sit in a segment Kafka wrote: each Protobuf value in the registry's framing is
 * typed as the message its indexes name and comes back byte for byte from its Parquet columns; a
 * tombstone, a value without framing and a value written in another field order stay raw.
 */
class SegmentProtobufValuesTest {
  private static final int SCHEMA_ID = 42;
  private static final FileDescriptorProto ORDERS = Protos.proto3("orders",
      type("Order", field("id", 1, Type.TYPE_INT64), field("customer", 2, Type.TYPE_STRING)).build(),
      type("Refund", field("order", 1, Type.TYPE_INT64), field("cents", 2, Type.TYPE_UINT32)).build());
  private static final RegisteredSchema SCHEMA =
      new RegisteredSchema(SCHEMA_ID, SchemaType.PROTOBUF, "syntax = \"proto3\";", Optional.of(ORDERS.toByteArray()), List.of());
  private static final Descriptor ORDER = ProtobufMessageTypes.of(SCHEMA, List.of(0));
  private static final Descriptor REFUND = ProtobufMessageTypes.of(SCHEMA, List.of(1));

  @TempDir
  Path dir;

  @Test
  void framedProtobufValuesAreTypedAndEverythingElseStaysRaw() {
    byte[] customerFirst = concat(
        Protos.value(ORDER).setField(ORDER.findFieldByName("customer"), "ada").build().toByteArray(),
        Protos.value(ORDER).setField(ORDER.findFieldByName("id"), 3L).build().toByteArray());
    Path file;
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.NONE,
          value(List.of(0), Protos.value(ORDER).setField(ORDER.findFieldByName("id"), 1L)
              .setField(ORDER.findFieldByName("customer"), "grace").build().toByteArray()),
          new SimpleRecord(SampleRecords.T0, SampleRecords.key(2), null),
          new SimpleRecord(SampleRecords.T0, SampleRecords.key(3), SampleRecords.text(40, 3)),
          value(List.of(0), customerFirst));
      segment.plain(KafkaOracle.compression("zstd"),
          value(List.of(1), Protos.value(REFUND).setField(REFUND.findFieldByName("order"), 1L)
              .setField(REFUND.findFieldByName("cents"), -1).build().toByteArray()),
          value(List.of(0), Protos.value(ORDER).build().toByteArray()));
      file = segment.path();
    }

    List<KafkaRow> typedRows = new ArrayList<>();
    List<Long> rawOffsets = new ArrayList<>();
    for (KafkaRow row : rows(file)) {
      Optional<WireValue> wire = WireFormat.parse(row.value(), SchemaType.PROTOBUF);
      Optional<Record> typed = wire.flatMap(value -> codec(value).typed(value.payload()));
      if (typed.isEmpty()) {
        rawOffsets.add(row.offset());
        continue;
      }
      typedRows.add(row);
      ProtobufValueCodec codec = codec(wire.get());
      Record stored = ParquetRoundTrip.through(ParquetRoundTrip.Encoding.DICTIONARY, dir, codec.columns(), List.of(typed.get())).get(0);
      byte[] served = WireFormat.encode(new WireValue(SCHEMA_ID, wire.get().messageIndexes(), codec.encode(stored)));
      assertArrayEquals(row.value(), served, "offset " + row.offset());
    }

    assertEquals(List.of(1L, 2L, 3L), rawOffsets);
    assertEquals(List.of(0L, 4L, 5L), typedRows.stream().map(KafkaRow::offset).toList());
  }

  private static ProtobufValueCodec codec(WireValue value) {
    return ProtobufValueCodec.of(ProtobufMessageTypes.of(SCHEMA, value.messageIndexes()));
  }

  private static SimpleRecord value(List<Integer> messageIndexes, byte[] payload) {
    return new SimpleRecord(SampleRecords.T0, SampleRecords.key(1), WireFormat.encode(new WireValue(SCHEMA_ID, messageIndexes, payload)));
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private static List<KafkaRow> rows(Path segment) {
    List<KafkaRow> rows = new ArrayList<>();
    try (SegmentTranslator translator = new SegmentTranslator(segment, 3)) {
      translator.forEachRemaining(batch -> rows.addAll(batch.rows()));
    }
    return rows;
  }
}
