package io.floe.reader;

import static io.floe.reader.Fetches.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.translator.KafkaSegments;
import io.floe.translator.manifest.BatchEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's reader pool (10 threads) fetches at once: every fetch serves what the same fetch
 * serves alone, which the other tests prove exact.
 */
class ConcurrentFetchTest {
  private static final int THREADS = 10;
  private static final int FETCHES_PER_THREAD = 40;

  @TempDir
  Path dir;

  @Test
  void concurrentFetchesFromManyThreadsAreAllExact() throws Exception {
    List<TieredSegment> segments = List.of(
        TieredSegment.write(Segments.exactBytes(dir.resolve("exact")), dir),
        TieredSegment.write(Segments.manyBatches(dir.resolve("many"), 60), dir,
            TieredSegment.Layout.oneFile().withRowGroupBytes(4096)),
        TieredSegment.write(Segments.acrossMidnight(dir.resolve("midnight")), dir,
            TieredSegment.Layout.dayPartitions(Segments.MIDNIGHT)),
        TieredSegment.write(KafkaSegments.everyKind(dir.resolve("every")), dir));
    // Room for two manifests of four: threads also load and evict manifests at once.
    long cacheBytes = 2 * segments.stream().mapToLong(TieredSegment::manifestSize).max().orElseThrow();
    Map<String, byte[]> alone = new HashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (SegmentFetcher fetcher = new SegmentFetcher(new NioFileIO(), segments.get(0).manifestPrefix(), cacheBytes, Fetches.PARKING)) {
      for (TieredSegment tiered : segments) {
        for (BatchEntry batch : tiered.batches()) {
          alone.put(key(tiered, batch), readAll(fetcher.fetch(tiered.segment(), (int) batch.position(), Integer.MAX_VALUE)));
        }
      }
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(t);
        results.add(pool.submit(() -> {
          for (int i = 0; i < FETCHES_PER_THREAD; i++) {
            TieredSegment tiered = segments.get(random.nextInt(segments.size()));
            BatchEntry start = tiered.batches().get(random.nextInt(tiered.batches().size()));
            byte[] served = readAll(fetcher.fetch(tiered.segment(), (int) start.position(), Integer.MAX_VALUE));

            assertArrayEquals(alone.get(key(tiered, start)), served, () -> tiered.segment() + " from " + start.position());
          }
          return FETCHES_PER_THREAD;
        }));
      }
      for (Future<Integer> result : results) {
        assertEquals(FETCHES_PER_THREAD, result.get(2, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String key(TieredSegment tiered, BatchEntry batch) {
    return tiered.segment().segmentId() + "@" + batch.position();
  }
}
