package io.floe.translator;

import static io.floe.translator.KafkaOracle.assertExactRoundTrip;
import static io.floe.translator.KafkaOracle.compression;
import static io.floe.translator.SampleRecords.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.format.TimestampType;
import io.floe.translator.row.Fidelity;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.RawReason;
import io.floe.translator.row.TranslatedBatch;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What rows cannot represent exactly is kept as the batch's own bytes, never lost (promise 2). */
class RawBatchTest {
  private static final int ATTRIBUTES = 21;
  private static final int FIRST_RECORD = 61;

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"0, none", "0, gzip", "1, none", "1, snappy", "1, lz4"})
  void legacyMagicBatchesAreKeptAsTheirBytes(byte magic, String codec) {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.legacy(magic, compression(codec), records(1, 3));
      segment.legacy(magic, compression(codec), records(4, 1));
      List<TranslatedBatch> batches = assertExactRoundTrip(segment.path());

      assertTrue(batches.stream().allMatch(b -> b.rawReason().equals(Optional.of(RawReason.LEGACY_MAGIC))));
      // Uncompressed old messages are entries of their own; a compressed wrapper holds several.
      assertEquals(codec.equals("none") ? 4 : 2, batches.size());
      KafkaRow row = batches.get(batches.size() - 1).rows().get(0);
      assertEquals(3, row.offset());
      assertEquals(magic, row.batch().header().magic());
      assertEquals(magic == 0 ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME, row.timestampType());
      assertNull(row.value(), "a raw row's value lives in its batch bytes");
    }
  }

  @Test
  void aSegmentMixingMagicsKeepsTheOldBatchesRawAndTheNewOnesAsRows() {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.legacy(RecordBatch.MAGIC_VALUE_V1, Compression.NONE, records(1, 2));
      segment.plain(Compression.NONE, records(3, 2));
      List<TranslatedBatch> batches = assertExactRoundTrip(segment.path());

      assertEquals(List.of(Fidelity.RAW, Fidelity.RAW, Fidelity.BYTE_IDENTICAL),
          batches.stream().map(TranslatedBatch::fidelity).toList());
      assertEquals(2, batches.get(2).rows().get(0).offset());
    }
  }

  @Test
  void attributeBitsNoKafkaVersionAssignsKeepTheBatchRaw() {
    ByteBuffer batch = kafkaBatch();
    batch.putShort(ATTRIBUTES, (short) (batch.getShort(ATTRIBUTES) | 0x0100));
    rewriteCrc(batch);
    List<TranslatedBatch> batches = segmentOf(batch);

    assertEquals(Optional.of(RawReason.UNKNOWN_ATTRIBUTES), batches.get(0).rawReason());
  }

  @Test
  void aNonCanonicalVarintKeepsTheBatchRawSoItsBytesSurvive() {
    ByteBuffer kafka = kafkaBatch();
    // The last byte is the last record's header count, a one-byte varint 0. Spell it 0x80 0x00:
    // Kafka's reader accepts it, Floe's canonical writer would not reproduce it.
    ByteBuffer batch = ByteBuffer.allocate(kafka.remaining() + 1);
    batch.put(kafka.duplicate()).put(batch.position() - 1, (byte) 0x80).put((byte) 0).flip();
    batch.putInt(8, batch.getInt(8) + 1);
    int lastRecordLength = lastRecordLengthPosition(batch);
    batch.put(lastRecordLength, (byte) (batch.get(lastRecordLength) + 2)); // zig-zag: +1 length is +2
    rewriteCrc(batch);
    RecordBatch altered = MemoryRecords.readableRecords(batch.duplicate()).batches().iterator().next();
    altered.ensureValid();
    assertEquals(2, KafkaOracle.records(altered).size(), "Kafka still reads both records");
    List<TranslatedBatch> batches = segmentOf(batch);

    assertEquals(Optional.of(RawReason.NOT_REPRODUCIBLE), batches.get(0).rawReason());
  }

  private List<TranslatedBatch> segmentOf(ByteBuffer batch) {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.appendRaw(batch, 2);
      return assertExactRoundTrip(segment.path());
    }
  }

  /** An uncompressed two-record batch, as Kafka's producer builds it. */
  private static ByteBuffer kafkaBatch() {
    MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
        new SimpleRecord(1L, new byte[] {1}, new byte[] {2}), new SimpleRecord(2L, new byte[] {3}, new byte[] {4}));
    return records.buffer().duplicate();
  }

  private static int lastRecordLengthPosition(ByteBuffer batch) {
    int firstLength = batch.get(FIRST_RECORD) >> 1;
    return FIRST_RECORD + 1 + firstLength;
  }

  private static void rewriteCrc(ByteBuffer batch) {
    CRC32C crc = new CRC32C();
    crc.update(batch.duplicate().position(ATTRIBUTES));
    batch.putInt(17, (int) crc.getValue());
  }
}
