package io.floe.reader;

import static io.floe.reader.Fetches.readAll;
import static io.floe.reader.Fetches.readSome;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegment;
import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.row.Fidelity;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed fetch is parked so that the next fetch of the same reader goes on from it: the broker
 * reads a segment one fetch at a time, each from the batch the previous one was cut in or a little
 * before. A fetch that goes on serves exactly what a fresh fetch serves; any other start opens the
 * data files afresh.
 */
class FetchContinuationTest {
  private static final int TO_THE_END = Integer.MAX_VALUE;
  private static final int FETCH_BYTES = 700;

  @TempDir
  Path dir;

  private final RecordingFileIO io = new RecordingFileIO();

  @Test
  void aConsumerReadingOnFetchByFetchIsServedWhatFreshFetchesServe() {
    for (TieredSegment tiered : List.of(
        TieredSegment.write(Segments.exactBytes(dir.resolve("exact")), dir),
        TieredSegment.write(recordIdentical(dir.resolve("recompressed")), dir, smallRowGroups()),
        TieredSegment.write(Segments.manyBatches(dir.resolve("many"), 60), dir, smallRowGroups()),
        TieredSegment.write(Segments.acrossMidnight(dir.resolve("midnight")), dir,
            TieredSegment.Layout.dayPartitions(Segments.MIDNIGHT)))) {
      try (SegmentFetcher fetcher = parking(tiered); SegmentFetcher fresh = notParking(tiered)) {
        int batch = 0;
        while (batch < tiered.batches().size()) {
          int start = (int) tiered.batches().get(batch).position();
          byte[] served = BrokerReads.read(fetcher.fetch(tiered.segment(), start, TO_THE_END), FETCH_BYTES);

          assertArrayEquals(BrokerReads.read(fresh.fetch(tiered.segment(), start, TO_THE_END), FETCH_BYTES), served,
              () -> tiered.segment() + " from " + start);
          batch = BrokerReads.cutBatch(batch, served);
        }
      }
    }
  }

  @Test
  void aFetchGoesOnFromAParkedFetchOnlyWhileTheManifestListsTheFilesItRead() throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 60), dir, smallRowGroups());
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20,
        Fetches.PARKING_WITHOUT_READ_AHEAD, Duration.ZERO); SegmentFetcher fresh = notParking(tiered)) {
      int cut = BrokerReads.cutBatch(0, firstFetch(fetcher, tiered));
      // Re-pointed at a copy of its data file, as after a compaction of main.
      Path copy = dir.resolve("compacted.parquet");
      Files.copy(Path.of(dataFile(tiered)), copy);
      SegmentManifest manifest = tiered.manifest();
      DataFileRef file = manifest.files().get(0);
      Files.write(Path.of(tiered.manifestPath()), ManifestCodec.encode(new SegmentManifest(manifest.segment(),
          manifest.tableName(), manifest.dataSchemaJson(), manifest.writerSchemas(),
          List.of(new DataFileRef(copy.toString(), file.sizeInBytes(), file.rowCount(), file.rowGroups())),
          manifest.batches(), manifest.indexes())));
      int start = (int) tiered.batches().get(cut).position();

      byte[] served = BrokerReads.read(fetcher.fetch(tiered.segment(), start, TO_THE_END), FETCH_BYTES);

      assertArrayEquals(BrokerReads.read(fresh.fetch(tiered.segment(), start, TO_THE_END), FETCH_BYTES), served);
      assertTrue(io.opened().contains(copy.toString()), io.opened().toString());
    }
  }

  @Test
  void aConsumerReadingOnOpensEachDataFileOnce() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 60), dir, smallRowGroups());
    try (SegmentFetcher fetcher = parking(tiered)) {
      int fetches = 0;
      for (int batch = 0; batch < tiered.batches().size(); fetches++) {
        byte[] served = BrokerReads.read(fetcher.fetch(tiered.segment(), (int) tiered.batches().get(batch).position(),
            TO_THE_END), FETCH_BYTES);
        batch = BrokerReads.cutBatch(batch, served);
      }

      assertTrue(fetches > 10, "fetches: " + fetches);
      assertEquals(List.of(dataFile(tiered)), io.opened().stream().filter(l -> l.endsWith(".parquet")).toList());
    }
  }

  @Test
  void aParkedFetchRebuildsTheNextBatchesAheadSoTheNextFetchServesThemWithoutReadingTheDataFile()
      throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 60), dir, smallRowGroups());
    int readAhead = 4 * FETCH_BYTES;
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20,
        new ParkingLimits(16, 1L << 30, Duration.ofMinutes(10), readAhead));
        SegmentFetcher fresh = notParking(tiered)) {
      int cut = BrokerReads.cutBatch(0, firstFetch(fetcher, tiered));
      awaitTrue(() -> fetcher.fetchesReadingAhead() == 0, "the parked fetch has read ahead");
      int readsBefore = io.reads(dataFile(tiered)).size();
      int start = (int) tiered.batches().get(cut).position();

      try (InputStream next = fetcher.fetch(tiered.segment(), start, TO_THE_END)) {
        byte[] served = next.readNBytes(readAhead / 2);

        assertEquals(readsBefore, io.reads(dataFile(tiered)).size(), "reads of the data file by the second fetch");
        assertArrayEquals(readSome(fresh.fetch(tiered.segment(), start, TO_THE_END), readAhead / 2), served);
      }
    }
  }

  @Test
  void aConsumerStartingEachFetchWhereKafkasOffsetIndexPointsGoesOnOverLargeCompressedBatches() {
    TieredSegment tiered = TieredSegment.write(largeProducerZstdBatches(dir), dir, smallRowGroups());
    List<BatchEntry> batches = tiered.batches();
    int fetchBytes = 3 * (int) batches.get(0).sizeInBytes() / 2;
    try (SegmentFetcher fetcher = parking(tiered)) {
      int fetches = 0;
      int cut = 0;
      while (cut < batches.size()) {
        int first = offsetIndexFloor(batches, batches.get(cut).baseOffset());
        byte[] served = BrokerReads.read(fetcher.fetch(tiered.segment(), (int) batches.get(first).position(), TO_THE_END),
            fetchBytes);
        cut = Math.max(cut + 1, BrokerReads.cutBatch(first, served));
        fetches++;
      }

      assertTrue(fetches > 10, "fetches: " + fetches);
      assertEquals(Fidelity.BYTE_IDENTICAL, batches.get(0).fidelity(), "batches rebuilt byte for byte");
      assertEquals(List.of(dataFile(tiered)), io.opened().stream().filter(l -> l.endsWith(".parquet")).toList());
    }
  }

  @Test
  void everyStartTheBrokerCanTakeAfterACutFetchGoesOnAndIsExact() {
    TieredSegment tiered = TieredSegment.write(Segments.exactBytes(dir), dir, smallRowGroups());
    int cut = 6;
    BatchEntry cutBatch = tiered.batches().get(cut);
    int firstFetchBytes = (int) (cutBatch.position() + cutBatch.sizeInBytes() / 2);
    assertEquals(cut, BrokerReads.cutBatch(0, readSome(notParking(tiered).fetch(tiered.segment(), 0, TO_THE_END),
        firstFetchBytes)));
    assertEquals(Fidelity.BYTE_IDENTICAL, cutBatch.fidelity());
    int[] starts = {
        (int) tiered.batches().get(cut - 3).position(), (int) tiered.batches().get(cut - 1).position(),
        (int) cutBatch.position(), (int) (cutBatch.position() + cutBatch.sizeInBytes() / 2),
        (int) tiered.batches().get(cut + 1).position()};
    try (SegmentFetcher fresh = notParking(tiered)) {
      for (int start : starts) {
        try (SegmentFetcher fetcher = parking(tiered)) {
          readSome(fetcher.fetch(tiered.segment(), 0, TO_THE_END), firstFetchBytes);
          InputStream next = fetcher.fetch(tiered.segment(), start, TO_THE_END);

          assertEquals(0, fetcher.parkedFetches(), "the fetch from " + start + " goes on from the parked one");
          assertArrayEquals(readAll(fresh.fetch(tiered.segment(), start, TO_THE_END)), readAll(next), "from " + start);
        }
      }
    }
  }

  @Test
  void aStartInsideARecordIdenticalBatchGoesOnFromTheNextBatch() {
    TieredSegment tiered = TieredSegment.write(recordIdentical(dir), dir, smallRowGroups());
    byte[] first = firstFetch(tiered);
    BatchEntry cutBatch = tiered.batches().get(BrokerReads.cutBatch(0, first));
    assertEquals(Fidelity.RECORD_IDENTICAL, cutBatch.fidelity());
    int start = (int) (cutBatch.position() + 1);
    try (SegmentFetcher fetcher = parking(tiered); SegmentFetcher fresh = notParking(tiered)) {
      firstFetch(fetcher, tiered);
      InputStream next = fetcher.fetch(tiered.segment(), start, TO_THE_END);

      assertEquals(0, fetcher.parkedFetches());
      assertArrayEquals(readAll(fresh.fetch(tiered.segment(), start, TO_THE_END)), readAll(next));
    }
  }

  @Test
  void aStartBehindTheRetainedBatchesOrFarAheadOpensTheDataFileAfreshAndIsExact() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 60), dir, smallRowGroups());
    int middle = (int) tiered.batches().get(20).position();
    int[] starts = {(int) tiered.batches().get(19).position(), (int) tiered.batches().get(50).position()};
    try (SegmentFetcher fresh = notParking(tiered)) {
      for (int start : starts) {
        try (SegmentFetcher fetcher = parking(tiered)) {
          readSome(fetcher.fetch(tiered.segment(), middle, TO_THE_END), FETCH_BYTES);
          InputStream next = fetcher.fetch(tiered.segment(), start, TO_THE_END);

          assertEquals(1, fetcher.parkedFetches(), "the fetch from " + start + " leaves the parked one");
          assertArrayEquals(readAll(fresh.fetch(tiered.segment(), start, TO_THE_END)), readAll(next), "from " + start);
        }
      }
    }
  }

  @Test
  void twoConsumersReadingOneSegmentInTurnAreEachServedExactlyAndEachGoesOn() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 80), dir, smallRowGroups());
    try (SegmentFetcher fetcher = parking(tiered); SegmentFetcher fresh = notParking(tiered)) {
      int[] next = {0, tiered.batches().size() / 2};
      int fetches = 0;
      while (next[0] < tiered.batches().size() / 2 && next[1] < tiered.batches().size()) {
        for (int consumer = 0; consumer < 2; consumer++) {
          int start = (int) tiered.batches().get(next[consumer]).position();
          byte[] served = BrokerReads.read(fetcher.fetch(tiered.segment(), start, TO_THE_END), FETCH_BYTES);

          assertArrayEquals(BrokerReads.read(fresh.fetch(tiered.segment(), start, TO_THE_END), FETCH_BYTES), served,
              "consumer " + consumer + " from " + start);
          next[consumer] = BrokerReads.cutBatch(next[consumer], served);
          fetches++;
        }
      }

      assertTrue(fetches > 10, "fetches: " + fetches);
      assertEquals(2, fetcher.parkedFetches());
      assertEquals(2, io.opened().stream().filter(dataFile(tiered)::equals).count(), "opened " + io.opened());
    }
  }

  @Test
  void parkedFetchesAreBoundedInNumberAndTheOldestGoesFirst() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 60), dir, smallRowGroups());
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20,
        new ParkingLimits(2, 1L << 30, Duration.ofMinutes(10), 2048))) {
      int firstCut = BrokerReads.cutBatch(0, firstFetch(fetcher, tiered));
      for (int start : new int[] {20, 40}) {
        readSome(fetcher.fetch(tiered.segment(), (int) tiered.batches().get(start).position(), TO_THE_END), FETCH_BYTES);
      }

      assertEquals(2, fetcher.parkedFetches());
      assertEquals(2, io.openStreams());
      InputStream first = fetcher.fetch(tiered.segment(), (int) tiered.batches().get(firstCut).position(), TO_THE_END);
      assertEquals(2, fetcher.parkedFetches(), "the first consumer's fetch was closed, so it starts afresh");
      readAll(first);
    }
  }

  @Test
  void parkedFetchesAreBoundedInBytesCountingTheirOpenRowGroups() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 60), dir, smallRowGroups());
    long oneFetch;
    try (SegmentFetcher probe = parking(tiered)) {
      firstFetch(probe, tiered);
      oneFetch = probe.parkedBytes();
    }
    long rowGroup = rowGroupBytes(tiered.manifest().files().get(0), 0);
    assertTrue(oneFetch > rowGroup, "a parked fetch weighs " + oneFetch + " with a row group of " + rowGroup);
    long bound = oneFetch * 3 / 2;
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20,
        new ParkingLimits(16, bound, Duration.ofMinutes(10), 2048))) {
      for (int start : new int[] {0, 20, 40}) {
        readSome(fetcher.fetch(tiered.segment(), (int) tiered.batches().get(start).position(), TO_THE_END), FETCH_BYTES);

        assertTrue(fetcher.parkedBytes() <= bound, fetcher.parkedBytes() + " bytes parked");
      }
      assertEquals(1, fetcher.parkedFetches());
      assertEquals(1, io.openStreams());
    }
  }

  @Test
  void aFetchHeavierThanTheByteBoundIsClosedInsteadOfParked() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 60), dir, smallRowGroups());
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20,
        new ParkingLimits(16, 1, Duration.ofMinutes(10), 2048))) {
      firstFetch(fetcher, tiered);

      assertEquals(0, fetcher.parkedFetches());
      assertEquals(0, io.openStreams());
    }
  }

  @Test
  void aParkedFetchLeftIdleIsClosedWithoutAnotherFetch() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 60), dir, smallRowGroups());
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20,
        new ParkingLimits(16, 1L << 30, Duration.ofMillis(50), 2048))) {
      firstFetch(fetcher, tiered);

      awaitTrue(() -> fetcher.parkedFetches() == 0 && io.openStreams() == 0, "the idle fetch is closed");
      assertEquals(0, fetcher.parkedBytes());
    }
  }

  @Test
  void closingTheFetcherClosesTheParkedFetchesAndAFetchClosedAfterIt() throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 60), dir, smallRowGroups());
    SegmentFetcher fetcher = parking(tiered);
    firstFetch(fetcher, tiered);
    InputStream open = fetcher.fetch(tiered.segment(), (int) tiered.batches().get(40).position(), TO_THE_END);
    open.readNBytes(100);
    assertEquals(2, io.openStreams());

    fetcher.close();
    assertEquals(1, io.openStreams());
    open.close();

    assertEquals(0, io.openStreams());
    assertEquals(0, fetcher.parkedFetches());
  }

  @Test
  void aDataFileDamagedWhileParkedFailsTheFetchGoingOnNamingTheFileAndIsNotParkedAgain() throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 60), dir, smallRowGroups());
    DataFileRef file = tiered.manifest().files().get(0);
    try (SegmentFetcher fetcher = parking(tiered)) {
      int cut = BrokerReads.cutBatch(0, firstFetch(fetcher, tiered));
      try (RandomAccessFile data = new RandomAccessFile(file.location(), "rw")) {
        data.setLength(file.rowGroups().get(file.rowGroups().size() - 1).startingPosition());
      }
      BatchEntry from = tiered.batches().get(cut);

      FetchFailedException e = assertThrows(FetchFailedException.class,
          () -> readAll(fetcher.fetch(tiered.segment(), (int) from.position(), TO_THE_END)));
      assertTrue(e.getMessage().startsWith("Cannot fetch " + tiered.segment() + ": cannot read batch at position "),
          e.getMessage());
      assertTrue(e.getMessage().contains(" from data file " + file.location() + ": "), e.getMessage());
      assertEquals(0, fetcher.parkedFetches());
      assertEquals(0, io.openStreams());
    }
  }

  /** Row groups of 2 KiB: files of several, so that where a fetch starts in one matters. */
  private static TieredSegment.Layout smallRowGroups() {
    return TieredSegment.Layout.oneFile().withRowGroupBytes(2048);
  }

  /**
   * Compressed batches whose recompression is not the producer's bytes (zstd at another level than
   * the producer's default): record-identical; between them, uncompressed ones.
   */
  private static Path recordIdentical(Path dir) {
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      for (int i = 0; i < 12; i++) {
        if (i % 2 == 0) {
          segment.plain(Compression.zstd().level(10).build(), Segments.records((int) segment.nextOffset(), 80));
        } else {
          segment.plain(Compression.NONE, Segments.records((int) segment.nextOffset(), 6));
        }
      }
      return segment.path();
    }
  }

  /**
   * Where the broker starts a fetch of {@code offset}: Kafka's offset index maps a batch's last
   * offset to its position, and the broker takes the last entry at or below the offset, so a fetch
   * of the batch a previous fetch was cut in starts a batch before it.
   */
  private static int offsetIndexFloor(List<BatchEntry> batches, long offset) {
    int floor = 0;
    for (int i = 0; i < batches.size() && batches.get(i).lastOffset() <= offset; i++) {
      floor = i;
    }
    return floor;
  }

  /**
   * zstd batches at the producer's level, each of 200 records of 256 bytes of words: about 14 KiB
   * compressed, rebuilt into buffers with room to spare.
   */
  private static Path largeProducerZstdBatches(Path dir) {
    Random random = new Random(3);
    String[] words = {"page_view", "checkout", "Berlin", "Osaka", "mobile", "books", "pending", "shipped"};
    try (KafkaSegment segment = KafkaSegment.create(dir)) {
      for (int batch = 0; batch < 24; batch++) {
        SimpleRecord[] records = new SimpleRecord[200];
        for (int i = 0; i < records.length; i++) {
          StringBuilder text = new StringBuilder();
          while (text.length() < 256) {
            text.append(words[random.nextInt(words.length)]).append(' ').append(random.nextInt(100_000)).append(' ');
          }
          records[i] = new SimpleRecord(Segments.MIDNIGHT, null, text.substring(0, 256).getBytes(StandardCharsets.UTF_8));
        }
        segment.plain(Compression.zstd().build(), records);
      }
      return segment.path();
    }
  }

  private SegmentFetcher parking(TieredSegment tiered) {
    return new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20, Fetches.PARKING);
  }

  private static SegmentFetcher notParking(TieredSegment tiered) {
    return new SegmentFetcher(new NioFileIO(), tiered.manifestPrefix(), 1 << 20, ParkingLimits.NONE);
  }

  /** What a consumer's first fetch from the segment's start serves, without parking. */
  private static byte[] firstFetch(TieredSegment tiered) {
    try (SegmentFetcher fresh = notParking(tiered)) {
      return firstFetch(fresh, tiered);
    }
  }

  private static byte[] firstFetch(SegmentFetcher fetcher, TieredSegment tiered) {
    return readSome(fetcher.fetch(tiered.segment(), 0, TO_THE_END), FETCH_BYTES);
  }

  private static String dataFile(TieredSegment tiered) {
    return tiered.manifest().files().get(0).location();
  }

  private static long rowGroupBytes(DataFileRef file, int group) {
    return file.rowGroups().get(group + 1).startingPosition() - file.rowGroups().get(group).startingPosition();
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "waited 30 s for: " + what);
      Thread.onSpinWait();
    }
  }
}
