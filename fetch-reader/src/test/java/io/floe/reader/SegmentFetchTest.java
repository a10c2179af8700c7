package io.floe.reader;

import static io.floe.reader.Fetches.readAll;
import static io.floe.reader.Fetches.validBatches;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaOracle;
import io.floe.translator.KafkaSegment;
import io.floe.translator.KafkaSegments;
import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.row.Fidelity;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fetch serves the segment's batches from the position the broker asks, exactly. */
class SegmentFetchTest {
  private static final int TO_THE_END = Integer.MAX_VALUE;

  @TempDir
  Path dir;

  @Test
  void aFetchFromEveryBatchPositionServesTheOriginalBytesToTheEnd() {
    TieredSegment tiered = TieredSegment.write(Segments.exactBytes(dir), dir);
    assertTrue(tiered.batches().stream().anyMatch(b -> b.fidelity() == Fidelity.RAW), "the segment has raw batches");
    assertTrue(tiered.batches().stream().noneMatch(b -> b.fidelity() == Fidelity.RECORD_IDENTICAL));
    try (SegmentFetcher fetcher = fetcher(tiered)) {
      for (BatchEntry batch : tiered.batches()) {
        byte[] served = readAll(fetcher.fetch(tiered.segment(), (int) batch.position(), TO_THE_END));

        assertArrayEquals(tiered.original(batch.position(), TO_THE_END), served, "from position " + batch.position());
        validBatches(served);
      }
    }
  }

  @Test
  void aStartInsideAByteIdenticalOrRawBatchServesItsOriginalBytesFromThere() {
    TieredSegment tiered = TieredSegment.write(Segments.exactBytes(dir), dir);
    try (SegmentFetcher fetcher = fetcher(tiered)) {
      for (BatchEntry batch : tiered.batches()) {
        for (long start : new long[] {batch.position() + 1, batch.position() + batch.sizeInBytes() - 1}) {
          byte[] served = readAll(fetcher.fetch(tiered.segment(), (int) start, TO_THE_END));

          assertArrayEquals(tiered.original(start, TO_THE_END), served, "from position " + start);
        }
      }
    }
  }

  @Test
  void aStartInsideARecordIdenticalBatchServesFromTheNextBatch() {
    TieredSegment tiered = TieredSegment.write(recordIdenticalBetweenTwoOthers(), dir);
    BatchEntry recompressed = tiered.batches().get(1);
    BatchEntry next = tiered.batches().get(2);
    assertEquals(Fidelity.RECORD_IDENTICAL, recompressed.fidelity());
    try (SegmentFetcher fetcher = fetcher(tiered)) {
      byte[] served = readAll(fetcher.fetch(tiered.segment(), (int) recompressed.position() + 1, TO_THE_END));

      assertArrayEquals(tiered.original(next.position(), TO_THE_END), served);
    }
  }

  @Test
  void aStartAtOrPastTheSegmentsEndServesNothing() {
    TieredSegment tiered = TieredSegment.write(Segments.exactBytes(dir), dir);
    int size = (int) tiered.manifest().segmentSizeInBytes();
    try (SegmentFetcher fetcher = fetcher(tiered)) {
      assertEquals(0, readAll(fetcher.fetch(tiered.segment(), size, TO_THE_END)).length);
      assertEquals(0, readAll(fetcher.fetch(tiered.segment(), size + 4096, TO_THE_END)).length);
    }
  }

  @Test
  void aRecordIdenticalBatchComesBackWithEveryRecordAndAValidChecksum() {
    TieredSegment tiered = TieredSegment.write(recordIdenticalBetweenTwoOthers(), dir);
    try (SegmentFetcher fetcher = fetcher(tiered)) {
      List<RecordBatch> served = validBatches(readAll(fetcher.fetch(tiered.segment(), 0, TO_THE_END)));

      List<RecordBatch> original = originalBatches(tiered);
      assertEquals(original.size(), served.size());
      for (int i = 0; i < original.size(); i++) {
        KafkaOracle.assertSameBatch(original.get(i), served.get(i));
      }
      assertNotEquals(original.get(1).checksum(), served.get(1).checksum(), "the zstd level 10 batch was recompressed");
    }
  }

  @Test
  void everyKindOfBatchComesBackExactlyAsItsFidelitySays() {
    TieredSegment tiered = TieredSegment.write(KafkaSegments.everyKind(dir), dir);
    try (SegmentFetcher fetcher = fetcher(tiered)) {
      List<RecordBatch> served = validBatches(readAll(fetcher.fetch(tiered.segment(), 0, TO_THE_END)));

      List<RecordBatch> original = originalBatches(tiered);
      assertEquals(original.size(), served.size());
      for (int i = 0; i < original.size(); i++) {
        if (tiered.batches().get(i).fidelity() == Fidelity.RECORD_IDENTICAL) {
          KafkaOracle.assertSameBatch(original.get(i), served.get(i));
        } else {
          assertEquals(bytes(original.get(i)), bytes(served.get(i)), "batch at " + tiered.batches().get(i).position());
        }
      }
    }
  }

  @Test
  void aBatchWhoseRowsLieInTwoFilesComesBackExact() {
    TieredSegment tiered = TieredSegment.write(Segments.acrossMidnight(dir), dir,
        TieredSegment.Layout.dayPartitions(Segments.MIDNIGHT));
    assertEquals(2, tiered.batches().get(1).runs().size(), "an uncompressed batch in two files");
    assertEquals(2, tiered.batches().get(2).runs().size(), "a compressed batch in two files");
    try (SegmentFetcher fetcher = fetcher(tiered)) {
      for (BatchEntry batch : tiered.batches()) {
        byte[] served = readAll(fetcher.fetch(tiered.segment(), (int) batch.position(), TO_THE_END));

        assertArrayEquals(tiered.original(batch.position(), TO_THE_END), served, "from position " + batch.position());
      }
    }
  }

  private Path recordIdenticalBetweenTwoOthers() {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      segment.plain(Compression.NONE, Segments.records(1, 5));
      segment.plain(Compression.zstd().level(10).build(), Segments.records(6, 80));
      segment.plain(KafkaOracle.compression("zstd"), Segments.records(86, 5));
      return segment.path();
    }
  }

  private static List<RecordBatch> originalBatches(TieredSegment tiered) {
    List<RecordBatch> batches = new ArrayList<>();
    MemoryRecords.readableRecords(ByteBuffer.wrap(tiered.original())).batches().forEach(batches::add);
    return batches;
  }

  private static ByteBuffer bytes(RecordBatch batch) {
    ByteBuffer buffer = ByteBuffer.allocate(batch.sizeInBytes());
    batch.writeTo(buffer);
    return buffer.flip();
  }

  static SegmentFetcher fetcher(TieredSegment tiered) {
    return new SegmentFetcher(new NioFileIO(), tiered.manifestPrefix(), 1 << 20, Fetches.PARKING);
  }
}
