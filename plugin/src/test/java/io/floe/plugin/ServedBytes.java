package io.floe.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.KafkaOracle;
import io.floe.translator.row.Fidelity;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.row.TranslatedBatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.storage.internals.log.AbortedTxn;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.server.log.remote.storage.RemoteStorageException;
import org.apache.kafka.server.log.remote.storage.RemoteStorageManager;
import org.apache.kafka.server.log.remote.storage.RemoteStorageManager.IndexType;

/** What a remote fetch must serve, judged against the original segment file by Kafka's own reader. */
final class ServedBytes {
  private ServedBytes() {}

  /** The segment's batches as the translator reads them, with their positions and verdicts. */
  static List<TranslatedBatch> batches(Path segment) {
    List<TranslatedBatch> batches = new ArrayList<>();
    try (SegmentTranslator translator = new SegmentTranslator(segment, 0)) {
      translator.forEachRemaining(batches::add);
    }
    return batches;
  }

  /**
   * How many rows the table's main holds of the segment: one per record, one per batch kept raw,
   * but none for a control record or a record of a transaction the segment aborts.
   */
  static long rowCount(Path segment) {
    List<AbortedTxn> aborted = SegmentTransactions.aborted(segment);
    return batches(segment).stream().flatMap(batch -> batch.rows().stream())
        .filter(row -> !row.batch().header().attributes().isControl() && !SegmentTransactions.isAborted(row, aborted))
        .count();
  }

  /**
   * Asserts that {@code served} is what a fetch from {@code start} must give: the original bytes,
   * except that a batch the translator found record-identical comes back with the same records
   * under a new length and CRC.
   */
  static void assertServedFrom(Path segment, int start, byte[] served) throws IOException {
    byte[] original = Files.readAllBytes(segment);
    List<RecordBatch> expected = kafkaBatches(ByteBuffer.wrap(original, start, original.length - start));
    List<RecordBatch> actual = kafkaBatches(ByteBuffer.wrap(served));
    assertEquals(expected.size(), actual.size(), "batches served from position " + start);
    for (int i = 0; i < expected.size(); i++) {
      actual.get(i).ensureValid();
      KafkaOracle.assertSameBatch(expected.get(i), actual.get(i));
    }
    boolean exact = batches(segment).stream()
        .filter(batch -> batch.position() >= start)
        .noneMatch(batch -> batch.fidelity() == Fidelity.RECORD_IDENTICAL);
    if (exact) {
      assertArrayEquals(Arrays.copyOfRange(original, start, original.length), served);
    }
  }

  /** Fetches the segment from the start of each of its batches, as consumers do, and checks every answer. */
  static void assertServedFromEveryBatch(RemoteStorageManager rsm, TieredSegment segment)
      throws IOException, RemoteStorageException {
    for (TranslatedBatch batch : batches(segment.segmentFile())) {
      try (InputStream in = rsm.fetchLogSegment(segment.metadata(), (int) batch.position())) {
        assertServedFrom(segment.segmentFile(), (int) batch.position(), in.readAllBytes());
      }
    }
  }

  /** Fetches each index the broker tiered with the segment and checks it comes back byte for byte. */
  static void assertEveryIndexServed(RemoteStorageManager rsm, TieredSegment segment)
      throws IOException, RemoteStorageException {
    for (IndexType type : List.of(IndexType.OFFSET, IndexType.TIMESTAMP, IndexType.PRODUCER_SNAPSHOT,
        IndexType.LEADER_EPOCH)) {
      try (InputStream in = rsm.fetchIndex(segment.metadata(), type)) {
        assertArrayEquals(segment.originalIndex(type), in.readAllBytes(), type.name());
      }
    }
  }

  private static List<RecordBatch> kafkaBatches(ByteBuffer bytes) {
    List<RecordBatch> batches = new ArrayList<>();
    MemoryRecords.readableRecords(bytes.slice()).batches().forEach(batches::add);
    return batches;
  }
}
