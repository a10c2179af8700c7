package io.floe.translator.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.row.Fidelity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Manifests already in object storage stay readable: a manifest the code of commit 695aa2b wrote
 * (when the manifest still held the registry client's records) decodes to what was written, and
 * encodes again to the same bytes.
 */
class ManifestFormatCompatibilityTest {
  private static final String WRITTEN_BEFORE = "written-before-own-schema-records.manifest";

  @Test
  void aManifestWrittenBeforeTheManifestHadItsOwnSchemaRecordsDecodesToWhatWasWritten() throws IOException {
    SegmentManifest written = writtenBefore();

    SegmentManifest decoded = ManifestCodec.decode(bytes(WRITTEN_BEFORE));

    assertEquals(written.segment(), decoded.segment());
    assertEquals(written.tableName(), decoded.tableName());
    assertEquals(written.dataSchemaJson(), decoded.dataSchemaJson());
    assertEquals(WriterSchemaText.of(written.writerSchemas()), WriterSchemaText.of(decoded.writerSchemas()));
    assertEquals(written.files(), decoded.files());
    assertEquals(written.batches(), decoded.batches());
    assertArrayEquals(written.indexes().offsetIndex(), decoded.indexes().offsetIndex());
    assertArrayEquals(written.indexes().timeIndex(), decoded.indexes().timeIndex());
    assertArrayEquals(written.indexes().transactionIndex().orElseThrow(), decoded.indexes().transactionIndex().orElseThrow());
    assertArrayEquals(written.indexes().producerSnapshot(), decoded.indexes().producerSnapshot());
    assertArrayEquals(written.indexes().leaderEpoch(), decoded.indexes().leaderEpoch());
  }

  @Test
  void theSameManifestIsWrittenToTheSameBytesAsBefore() throws IOException {
    assertArrayEquals(bytes(WRITTEN_BEFORE), ManifestCodec.encode(writtenBefore()));
  }

  /**
   * What the fixture holds: an Avro schema with a reference, a Protobuf schema (descriptor and a
   * referenced file) under two lists of message indexes, a JSON Schema with references two deep,
   * files, batches of every fidelity and all five Kafka indexes.
   */
  private static SegmentManifest writtenBefore() {
    StoredSchema money = new StoredSchema(5, StoredSchema.Format.AVRO,
        "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"cents\",\"type\":\"long\"},{\"name\":\"currency\",\"type\":\"string\"}]}",
        Optional.empty(), List.of());
    StoredSchema order = new StoredSchema(7, StoredSchema.Format.AVRO,
        "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"total\",\"type\":\"com.acme.Money\"}]}",
        Optional.empty(), List.of(new StoredSchema.Reference("com.acme.Money", "money-value", 2, money)));
    StoredSchema timestamp = new StoredSchema(11, StoredSchema.Format.PROTOBUF,
        "syntax = \"proto3\";\npackage google.protobuf;\nmessage Timestamp { int64 seconds = 1; int32 nanos = 2; }\n",
        Optional.of(new byte[] {0x0a, 0x1f, 0x67, 0x6f, 0x6f, 0x67, 0x6c, 0x65, 0x2f, 0x00, (byte) 0xff}), List.of());
    StoredSchema shipment = new StoredSchema(12, StoredSchema.Format.PROTOBUF,
        "syntax = \"proto3\";\nimport \"google/protobuf/timestamp.proto\";\nmessage Envelope {}\nmessage Shipment { message Leg { google.protobuf.Timestamp at = 1; } repeated Leg legs = 1; }\n",
        Optional.of(new byte[] {0x0a, 0x0e, 0x73, 0x68, 0x69, 0x70, 0x2e, 0x70, 0x72, 0x6f, 0x74, 0x6f, (byte) 0x80}),
        List.of(new StoredSchema.Reference("google/protobuf/timestamp.proto", "timestamp", 1, timestamp)));
    StoredSchema country = new StoredSchema(18, StoredSchema.Format.JSON,
        "{\"type\":\"string\",\"enum\":[\"FR\",\"DE\",\"JP\"]}", Optional.empty(), List.of());
    StoredSchema address = new StoredSchema(19, StoredSchema.Format.JSON,
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"country\":{\"$ref\":\"country.json\"}}}",
        Optional.empty(), List.of(new StoredSchema.Reference("country.json", "country", 4, country)));
    StoredSchema customer = new StoredSchema(20, StoredSchema.Format.JSON,
        "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"home\":{\"$ref\":\"address.json\"},\"über\":{\"type\":\"boolean\"}}}",
        Optional.empty(), List.of(new StoredSchema.Reference("address.json", "address", 3, address),
            new StoredSchema.Reference("country.json", "country", 4, country)));
    return new SegmentManifest(
        new SegmentRef("orders", "k1Xo2PZ8QYqkM4pB3r6m1A", 3, "Zq0bRj7kS5m9mYv1u2T0lw", 1000, 1999),
        "floe.orders",
        "{\"type\":\"struct\",\"schema-id\":0,\"fields\":[{\"id\":1,\"name\":\"_kafka\",\"required\":true,\"type\":\"string\"}]}",
        List.of(
            new WriterSchemaEntry(order, List.of(), Map.of(1, 101, 2, 102, 3, 103, 4, 104)),
            new WriterSchemaEntry(shipment, List.of(1, 0), Map.of(1, 201, 2, 202)),
            new WriterSchemaEntry(shipment, List.of(0), Map.of()),
            new WriterSchemaEntry(customer, List.of(), Map.of(3, 303, 1, 301))),
        List.of(
            new DataFileRef("s3://warehouse/floe/orders/data/ts_day=2025-01-01/00000-a.parquet", 52_431, 700,
                List.of(new DataFileRef.RowGroup(4, 0, 500), new DataFileRef.RowGroup(40_000, 500, 200))),
            new DataFileRef("s3://warehouse/floe/orders/data/ts_day=2025-01-02/00001-b.parquet", 20_002, 300,
                List.of(new DataFileRef.RowGroup(4, 0, 300)))),
        List.of(
            new BatchEntry(0, 16_384, 1000, 1499, Fidelity.BYTE_IDENTICAL, List.of(new BatchEntry.RowRun(0, 0, 500))),
            new BatchEntry(16_384, 8_000, 1500, 1699, Fidelity.RECORD_IDENTICAL,
                List.of(new BatchEntry.RowRun(0, 500, 150), new BatchEntry.RowRun(1, 0, 50))),
            new BatchEntry(24_384, 9_000, 1700, 1999, Fidelity.RAW, List.of(new BatchEntry.RowRun(1, 50, 250)))),
        new KafkaIndexes(new byte[] {0, 0, 0, 0, 0, 0, 0, 4}, new byte[] {0, 0, 1, -108, 1, 2, 3, 4, 0, 0, 0, 0},
            Optional.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, -24, 0, 0, 0, 0, 0, 0, 3, -23}),
            new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, "0\n1\n0 1000\n".getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] bytes(String resource) throws IOException {
    try (InputStream in = ManifestFormatCompatibilityTest.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }
}
