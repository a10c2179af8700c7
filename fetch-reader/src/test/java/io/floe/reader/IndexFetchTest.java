package io.floe.reader;

import static io.floe.reader.Fetches.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.manifest.KafkaIndexes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segment's Kafka indexes come back byte for byte as the broker uploaded them. */
class IndexFetchTest {
  @TempDir
  Path dir;

  @Test
  void everyIndexComesBackByteForByte() {
    TieredSegment tiered = TieredSegment.write(Segments.exactBytes(dir), dir);
    KafkaIndexes uploaded = tiered.manifest().indexes();
    assertTrue(uploaded.transactionIndex().isPresent(), "the segment has an aborted transaction");
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      assertArrayEquals(uploaded.offsetIndex(), readAll(fetcher.index(tiered.segment(), IndexKind.OFFSET)));
      assertArrayEquals(uploaded.timeIndex(), readAll(fetcher.index(tiered.segment(), IndexKind.TIMESTAMP)));
      assertArrayEquals(uploaded.transactionIndex().get(),
          readAll(fetcher.index(tiered.segment(), IndexKind.TRANSACTION)));
      assertArrayEquals(uploaded.producerSnapshot(),
          readAll(fetcher.index(tiered.segment(), IndexKind.PRODUCER_SNAPSHOT)));
      assertArrayEquals(uploaded.leaderEpoch(), readAll(fetcher.index(tiered.segment(), IndexKind.LEADER_EPOCH)));
    }
  }

  @Test
  void aSegmentWithoutTransactionIndexSaysSo() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 3), dir);
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      IndexNotFoundException e = assertThrows(IndexNotFoundException.class,
          () -> fetcher.index(tiered.segment(), IndexKind.TRANSACTION));

      assertTrue(e.getMessage().contains("transaction index of " + tiered.segment()), e.getMessage());
    }
  }
}
