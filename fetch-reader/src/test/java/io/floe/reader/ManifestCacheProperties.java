package io.floe.reader;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.PropertyDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever the bound and the order segments are asked in, the manifest cache stays within its bytes. */
class ManifestCacheProperties {
  private static Path dir;
  private static final List<TieredSegment> SEGMENTS = new ArrayList<>();

  @BeforeContainer
  static void tier() throws IOException {
    dir = PropertyDirectory.create("floe-manifest-cache");
    for (int batches : new int[] {1, 5, 20, 60, 150}) {
      SEGMENTS.add(TieredSegment.write(Segments.manyBatches(dir.resolve("segment-" + batches), batches), dir));
    }
  }

  @AfterContainer
  static void delete() {
    PropertyDirectory.delete(dir);
  }

  @Property(tries = 100)
  void theCachedManifestsNeverTakeMoreBytesThanTheBound(
      @ForAll @LongRange(max = 40_000) long bound, @ForAll("requests") List<Integer> requests) throws IOException {
    try (SegmentFetcher fetcher = new SegmentFetcher(new NioFileIO(), SEGMENTS.get(0).manifestPrefix(), bound, Fetches.PARKING)) {
      for (int request : requests) {
        TieredSegment tiered = SEGMENTS.get(request);
        try (InputStream index = fetcher.index(tiered.segment(), IndexKind.OFFSET)) {
          index.readAllBytes();
        }

        assertTrue(fetcher.cachedManifestBytes() <= bound,
            () -> fetcher.cachedManifestBytes() + " bytes cached, over the bound of " + bound);
      }
    }
  }

  @Provide
  Arbitrary<List<Integer>> requests() {
    return Arbitraries.integers().between(0, SEGMENTS.size() - 1).list().ofMinSize(1).ofMaxSize(30);
  }
}
