package io.floe.reader;

import static io.floe.reader.Fetches.readAll;
import static io.floe.reader.Fetches.validBatches;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.KafkaOracle;
import io.floe.translator.KafkaSegment;
import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.row.Fidelity;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code endPosition} (inclusive) ends a fetch in the original segment's coordinates. */
class FetchRangeTest {
  @TempDir
  Path dir;

  @Test
  void anEndInsideAByteIdenticalBatchCutsItThere() {
    TieredSegment tiered = TieredSegment.write(Segments.exactBytes(dir), dir);
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      for (BatchEntry batch : tiered.batches()) {
        int end = (int) (batch.position() + batch.sizeInBytes() / 2);
        byte[] served = readAll(fetcher.fetch(tiered.segment(), 0, end));

        assertArrayEquals(tiered.original(0, end), served, "to position " + end);
      }
    }
  }

  @Test
  void anEndOnABatchsLastByteServesThatBatchWholeAndNoMore() {
    TieredSegment tiered = TieredSegment.write(Segments.exactBytes(dir), dir);
    BatchEntry first = tiered.batches().get(1);
    BatchEntry last = tiered.batches().get(4);
    int end = (int) (last.position() + last.sizeInBytes() - 1);
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      byte[] served = readAll(fetcher.fetch(tiered.segment(), (int) first.position(), end));

      assertArrayEquals(tiered.original(first.position(), end), served);
      assertEquals(4, validBatches(served).size());
    }
  }

  @Test
  void aRecordIdenticalBatchStartingAtOrBeforeTheEndIsServedWhole() {
    TieredSegment tiered = TieredSegment.write(twoRecordIdenticalBatches(), dir);
    BatchEntry first = tiered.batches().get(0);
    assertEquals(Fidelity.RECORD_IDENTICAL, first.fidelity());
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      for (int end : new int[] {0, (int) first.sizeInBytes() / 2, (int) first.sizeInBytes() - 1}) {
        List<RecordBatch> served = validBatches(readAll(fetcher.fetch(tiered.segment(), 0, end)));

        assertEquals(1, served.size(), "to position " + end);
        assertEquals(first.lastOffset(), served.get(0).lastOffset());
        assertEquals(80, KafkaOracle.records(served.get(0)).size());
      }
    }
  }

  @Test
  void batchesStartingAfterTheEndAreNotServed() {
    TieredSegment tiered = TieredSegment.write(twoRecordIdenticalBatches(), dir);
    BatchEntry second = tiered.batches().get(1);
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      List<RecordBatch> served = validBatches(readAll(fetcher.fetch(tiered.segment(), 0, (int) second.position() - 1)));

      assertEquals(1, served.size());
      assertEquals(2, validBatches(readAll(fetcher.fetch(tiered.segment(), 0, (int) second.position()))).size());
    }
  }

  @Test
  void anEndBeforeTheStartServesNothing() {
    TieredSegment tiered = TieredSegment.write(Segments.exactBytes(dir), dir);
    BatchEntry batch = tiered.batches().get(3);
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      byte[] served = readAll(fetcher.fetch(tiered.segment(), (int) batch.position(), (int) batch.position() - 1));

      assertEquals(0, served.length);
    }
  }

  private Path twoRecordIdenticalBatches() {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.zstd().level(10).build(), Segments.records(1, 80));
      segment.plain(Compression.gzip().level(1).build(), Segments.records(81, 80));
      return segment.path();
    }
  }
}
