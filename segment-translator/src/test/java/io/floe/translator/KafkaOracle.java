package io.floe.translator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.format.BatchHeader;
import io.floe.translator.row.BatchRebuilder;
import io.floe.translator.row.Fidelity;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.row.TranslatedBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.Utils;

/**
 * Kafka's own reading of a segment, as the judge of Floe's: every row must say what Kafka's record
 * classes say of the same bytes, and every rebuilt batch must pass Kafka's validation and read back
 * the same.
 */
public final class KafkaOracle {
  private KafkaOracle() {}

  /** Translates the segment, checks every batch against Kafka's view, and returns the batches. */
  public static List<TranslatedBatch> assertExactRoundTrip(Path segment) {
    List<TranslatedBatch> translated = new ArrayList<>();
    try (SegmentTranslator translator = new SegmentTranslator(segment, 3)) {
      translator.forEachRemaining(translated::add);
    }
    try (FileRecords kafka = FileRecords.open(segment.toFile(), false)) {
      int i = 0;
      for (var batch : kafka.batches()) {
        assertTrue(i < translated.size(), "Floe read fewer batches than Kafka");
        TranslatedBatch floe = translated.get(i++);
        assertEquals(batch.position(), floe.position(), "position");
        assertEquals(batch.sizeInBytes(), floe.sizeInBytes(), "size");
        ByteBuffer original = ByteBuffer.allocate(batch.sizeInBytes());
        batch.writeTo(original);
        original.flip();
        ByteBuffer rebuilt = BatchRebuilder.rebuild(floe.rows()).bytes();
        if (floe.fidelity() == Fidelity.RAW) {
          assertEquals(original, rebuilt, "a raw batch rebuilds to its exact bytes");
          continue;
        }
        assertRowsDescribe(batch, floe.rows());
        RecordBatch rebuiltBatch = MemoryRecords.readableRecords(rebuilt.duplicate()).batches().iterator().next();
        rebuiltBatch.ensureValid();
        assertSameBatch(batch, rebuiltBatch);
        if (batch.compressionType() == CompressionType.NONE) {
          assertEquals(Fidelity.BYTE_IDENTICAL, floe.fidelity(), "an uncompressed batch is byte-identical");
        }
        if (floe.fidelity() == Fidelity.BYTE_IDENTICAL) {
          assertEquals(original, rebuilt, "byte-identical means the same bytes");
        }
      }
      assertEquals(translated.size(), i, "Floe read more batches than Kafka");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return translated;
  }

  private static void assertRowsDescribe(RecordBatch batch, List<KafkaRow> rows) {
    List<Record> records = records(batch);
    assertEquals(records.size(), rows.size(), "one row per record");
    for (int r = 0; r < rows.size(); r++) {
      KafkaRow row = rows.get(r);
      Record record = records.get(r);
      String at = "offset " + record.offset();
      assertEquals(record.offset(), row.offset(), at);
      assertEquals(record.timestamp(), row.timestamp(), at + " timestamp");
      assertEquals(batch.timestampType().name(), row.timestampType().name(), at + " timestamp type");
      assertArrayEquals(bytes(record.key()), row.key(), at + " key");
      assertArrayEquals(bytes(record.value()), row.value(), at + " value");
      Header[] headers = record.headers();
      assertEquals(headers.length, row.headers().size(), at + " header count");
      for (int h = 0; h < headers.length; h++) {
        assertEquals(headers[h].key(), row.headers().get(h).key(), at + " header key");
        assertArrayEquals(headers[h].value(), row.headers().get(h).value(), at + " header value");
      }
      BatchHeader header = row.batch().header();
      assertEquals(batch.baseOffset(), header.baseOffset(), at + " base offset");
      assertEquals(batch.lastOffset(), header.lastOffset(), at + " last offset");
      assertEquals(batch.partitionLeaderEpoch(), header.partitionLeaderEpoch(), at + " leader epoch");
      assertEquals(batch.producerId(), header.producerId(), at + " producer id");
      assertEquals(batch.producerEpoch(), header.producerEpoch(), at + " producer epoch");
      assertEquals(batch.baseSequence(), header.baseSequence(), at + " base sequence");
      assertEquals(batch.isTransactional(), header.attributes().isTransactional(), at + " transactional");
      assertEquals(batch.isControlBatch(), header.attributes().isControl(), at + " control");
      assertEquals(batch.compressionType().id, header.attributes().compression().orElseThrow().id(), at + " codec");
      assertEquals(batch.maxTimestamp(), header.maxTimestamp(), at + " max timestamp");
    }
  }

  /** Header fields and records as a consumer reads them, CRC and length aside. */
  public static void assertSameBatch(RecordBatch expected, RecordBatch actual) {
    assertEquals(expected.baseOffset(), actual.baseOffset(), "base offset");
    assertEquals(expected.lastOffset(), actual.lastOffset(), "last offset");
    assertEquals(expected.partitionLeaderEpoch(), actual.partitionLeaderEpoch(), "leader epoch");
    assertEquals(expected.magic(), actual.magic(), "magic");
    assertEquals(expected.compressionType(), actual.compressionType(), "codec");
    assertEquals(expected.timestampType(), actual.timestampType(), "timestamp type");
    assertEquals(expected.maxTimestamp(), actual.maxTimestamp(), "max timestamp");
    assertEquals(expected.producerId(), actual.producerId(), "producer id");
    assertEquals(expected.producerEpoch(), actual.producerEpoch(), "producer epoch");
    assertEquals(expected.baseSequence(), actual.baseSequence(), "base sequence");
    assertEquals(expected.isTransactional(), actual.isTransactional(), "transactional");
    assertEquals(expected.isControlBatch(), actual.isControlBatch(), "control");
    List<Record> expectedRecords = records(expected);
    List<Record> actualRecords = records(actual);
    assertEquals(expectedRecords.size(), actualRecords.size(), "record count");
    for (int r = 0; r < expectedRecords.size(); r++) {
      Record e = expectedRecords.get(r);
      Record a = actualRecords.get(r);
      assertEquals(e.offset(), a.offset(), "offset");
      assertEquals(e.timestamp(), a.timestamp(), "timestamp at " + e.offset());
      assertEquals(e.sequence(), a.sequence(), "sequence at " + e.offset());
      assertArrayEquals(bytes(e.key()), bytes(a.key()), "key at " + e.offset());
      assertArrayEquals(bytes(e.value()), bytes(a.value()), "value at " + e.offset());
      assertArrayEquals(e.headers(), a.headers(), "headers at " + e.offset());
    }
  }

  public static List<Record> records(RecordBatch batch) {
    List<Record> records = new ArrayList<>();
    batch.forEach(records::add);
    return records;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    return buffer == null ? null : Utils.toArray(buffer);
  }

  /** The codecs a producer may choose, by Kafka's names. */
  public static Compression compression(String name) {
    return Compression.of(CompressionType.forName(name)).build();
  }
}
