package io.floe.reader;

import static io.floe.reader.Fetches.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cached manifest spares the object store a read; without room to cache, fetches still work. */
class ManifestCacheTest {
  @TempDir
  Path dir;

  private final RecordingFileIO io = new RecordingFileIO();

  @Test
  void aCachedManifestIsReadFromTheObjectStoreOnce() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 5), dir);
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20, Fetches.PARKING)) {
      for (int i = 0; i < 3; i++) {
        readAll(fetcher.fetch(tiered.segment(), 0, Integer.MAX_VALUE));
        readAll(fetcher.index(tiered.segment(), IndexKind.OFFSET));
      }

      assertEquals(1, manifestReads(tiered));
      assertEquals(tiered.manifestSize(), fetcher.cachedManifestBytes());
    }
  }

  @Test
  void aCacheWithNoRoomReadsTheManifestForEveryCallAndServesTheSame() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 5), dir);
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 0, Fetches.PARKING)) {
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(tiered.original(), readAll(fetcher.fetch(tiered.segment(), 0, Integer.MAX_VALUE)));
      }

      assertEquals(3, manifestReads(tiered));
      assertEquals(0, fetcher.cachedManifestBytes());
    }
  }

  private long manifestReads(TieredSegment tiered) {
    return io.opened().stream().filter(tiered.manifestPath()::equals).count();
  }
}
