package io.floe.reader;

import static io.floe.reader.Fetches.readSome;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.floe.translator.PropertyDirectory;
import io.floe.translator.KafkaOracle;
import io.floe.translator.KafkaSegment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.common.compress.Compression;

/**
 * Whatever the order of fetches, from consumers reading on as the broker serves them, starting a
 * little behind where they were cut, jumping anywhere in the segment, or several at once, each
 * fetch serves exactly what the same fetch serves from a fetcher that parks nothing.
 */
class FetchContinuationProperties {
  private static final int CONSUMERS = 3;

  private static Path dir;
  private static TieredSegment tiered;
  private static SegmentFetcher fresh;

  /** One fetch: whose, how it starts, how many bytes the broker reads of it. */
  record Step(int consumer, Start start, int lookBack, int position, int bytes) {}

  /**
   * Reading on from the batch the consumer's last fetch was cut in, {@code lookBack} batches
   * earlier (an offset-index entry before it); or from {@code position}, anywhere.
   */
  enum Start { READ_ON, JUMP }

  @BeforeContainer
  static void tier() throws IOException {
    dir = PropertyDirectory.create("floe-fetch-continuation");
    tiered = TieredSegment.write(mixedBatches(dir), dir, TieredSegment.Layout.oneFile().withRowGroupBytes(2048));
    fresh = new SegmentFetcher(new NioFileIO(), tiered.manifestPrefix(), 1 << 20, ParkingLimits.NONE);
  }

  @AfterContainer
  static void delete() {
    fresh.close();
    PropertyDirectory.delete(dir);
  }

  @Property(tries = 150)
  void anySequenceOfFetchesServesWhatFreshFetchesServe(@ForAll("sequences") List<Step> steps) {
    int[] nextBatch = new int[CONSUMERS];
    try (SegmentFetcher fetcher = new SegmentFetcher(new NioFileIO(), tiered.manifestPrefix(), 1 << 20,
        new ParkingLimits(2, 1L << 30, Duration.ofMinutes(10), 2048))) {
      for (Step step : steps) {
        int batch = Math.max(0, nextBatch[step.consumer()] - step.lookBack());
        boolean readingOn = step.start() == Start.READ_ON && batch < tiered.batches().size();
        int start = readingOn ? (int) tiered.batches().get(batch).position() : step.position();

        byte[] served = readSome(fetcher.fetch(tiered.segment(), start, Integer.MAX_VALUE), step.bytes());

        assertArrayEquals(readSome(fresh.fetch(tiered.segment(), start, Integer.MAX_VALUE), step.bytes()), served,
            () -> "consumer " + step.consumer() + " from " + start);
        nextBatch[step.consumer()] = readingOn ? BrokerReads.cutBatch(batch, served) : batchAt(start);
      }
    }
  }

  /** The index of the batch holding {@code position}, or the batch count past the segment's end. */
  private static int batchAt(int position) {
    int batch = 0;
    while (batch < tiered.batches().size()
        && tiered.batches().get(batch).position() + tiered.batches().get(batch).sizeInBytes() <= position) {
      batch++;
    }
    return batch;
  }

  @Provide
  Arbitrary<List<Step>> sequences() {
    return steps().list().ofMaxSize(40);
  }

  private Arbitrary<Step> steps() {
    int size = (int) tiered.manifest().segmentSizeInBytes();
    return Combinators.combine(
        Arbitraries.integers().between(0, CONSUMERS - 1),
        Arbitraries.frequency(Tuple.of(4, Start.READ_ON), Tuple.of(1, Start.JUMP)),
        Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, size + 16),
        Arbitraries.integers().between(1, 1500)).as(Step::new);
  }

  /**
   * Uncompressed batches, compressed ones that come back byte-identical, and ones that come back
   * record-identical (zstd at another level than the producer's), of varied sizes.
   */
  private static Path mixedBatches(Path dir) {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      for (int i = 0; i < 45; i++) {
        Compression codec = switch (i % 3) {
          case 0 -> Compression.NONE;
          case 1 -> KafkaOracle.compression("gzip");
          default -> Compression.zstd().level(10).build();
        };
        segment.plain(codec, Segments.records((int) segment.nextOffset(), 1 + i % 7));
      }
      return segment.path();
    }
  }
}
