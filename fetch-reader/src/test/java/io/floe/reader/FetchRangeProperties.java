package io.floe.reader;

import static io.floe.reader.Fetches.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.floe.translator.PropertyDirectory;
import java.io.IOException;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any range of a segment whose batches all rebuild to their original bytes is served as exactly
 * the original bytes of that range: wherever it starts and ends, inside batches or between them.
 */
class FetchRangeProperties {
  private static Path dir;
  private static TieredSegment tiered;
  private static SegmentFetcher fetcher;

  @BeforeContainer
  static void tier() throws IOException {
    dir = PropertyDirectory.create("floe-fetch-range");
    tiered = TieredSegment.write(Segments.exactBytes(dir), dir,
        TieredSegment.Layout.oneFile().withRowGroupBytes(2048));
    fetcher = SegmentFetchTest.fetcher(tiered);
  }

  @AfterContainer
  static void delete() {
    fetcher.close();
    PropertyDirectory.delete(dir);
  }

  @Property(tries = 300)
  void anyRangeServesExactlyTheOriginalBytesOfThatRange(
      @ForAll("positions") int start, @ForAll("positions") int end) {
    byte[] served = readAll(fetcher.fetch(tiered.segment(), start, end));

    assertArrayEquals(tiered.original(start, end), served, () -> "positions " + start + "-" + end);
  }

  /** Positions anywhere in the segment, on and around batch boundaries, and a little past its end. */
  @Provide
  Arbitrary<Integer> positions() {
    int size = (int) tiered.manifest().segmentSizeInBytes();
    Arbitrary<Integer> boundaries = Arbitraries.of(tiered.batches()).flatMap(batch ->
        Arbitraries.of((int) batch.position() - 1, (int) batch.position(), (int) batch.position() + 1))
        .filter(position -> position >= 0);
    return Arbitraries.oneOf(Arbitraries.integers().between(0, size + 64), boundaries);
  }
}
