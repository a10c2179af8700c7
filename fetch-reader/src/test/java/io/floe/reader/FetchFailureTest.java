package io.floe.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.ManifestPaths;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;
import java.util.UUID;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cannot be served fails with a message naming the segment and the object at fault. */
class FetchFailureTest {
  private static final int TO_THE_END = Integer.MAX_VALUE;

  @TempDir
  Path dir;

  @Test
  void aSegmentWithoutManifestIsNotFoundAndTheMessageNamesThePath() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 3), dir);
    SegmentRef unknown = new SegmentRef("orders", TieredSegment.TOPIC_ID, 3, UUID.randomUUID().toString(), 0, 11);
    String path = ManifestPaths.of(tiered.manifestPrefix(), unknown);
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      SegmentNotFoundException fetch = assertThrows(SegmentNotFoundException.class,
          () -> fetcher.fetch(unknown, 0, TO_THE_END));
      SegmentNotFoundException index = assertThrows(SegmentNotFoundException.class,
          () -> fetcher.index(unknown, IndexKind.OFFSET));

      assertEquals("Cannot fetch " + unknown + ": no manifest at " + path, fetch.getMessage());
      assertEquals(fetch.getMessage(), index.getMessage());
    }
  }

  @Test
  void aDamagedManifestFailsTheFetchNamingThePath() throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 3), dir);
    Path manifest = Path.of(tiered.manifestPath());
    byte[] bytes = Files.readAllBytes(manifest);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(manifest, bytes);
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      FetchFailedException e = assertThrows(FetchFailedException.class,
          () -> fetcher.fetch(tiered.segment(), 0, TO_THE_END));

      assertTrue(e.getMessage().startsWith("Cannot fetch " + tiered.segment() + ": manifest at "
          + tiered.manifestPath() + " is corrupt: manifest checksum"), e.getMessage());
    }
  }

  @Test
  void aTruncatedManifestFailsTheFetchNamingThePath() throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 3), dir);
    Path manifest = Path.of(tiered.manifestPath());
    byte[] bytes = Files.readAllBytes(manifest);
    Files.write(manifest, Arrays.copyOf(bytes, bytes.length / 2));
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      FetchFailedException e = assertThrows(FetchFailedException.class,
          () -> fetcher.index(tiered.segment(), IndexKind.OFFSET));

      assertTrue(e.getMessage().contains("manifest at " + tiered.manifestPath() + " is corrupt"), e.getMessage());
    }
  }

  @Test
  void aManifestWhoseDataSchemaDoesNotParseFailsTheFetchNamingThePath() throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 3), dir);
    SegmentManifest manifest = tiered.manifest();
    Files.write(Path.of(tiered.manifestPath()), ManifestCodec.encode(new SegmentManifest(manifest.segment(),
        manifest.tableName(), "{\"type\": \"struct\"", List.of(), manifest.files(), manifest.batches(), manifest.indexes())));
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      FetchFailedException e = assertThrows(FetchFailedException.class,
          () -> fetcher.fetch(tiered.segment(), 0, TO_THE_END));

      assertTrue(e.getMessage().startsWith("Cannot fetch " + tiered.segment() + ": manifest at "
          + tiered.manifestPath() + " is corrupt: its data schema does not parse: "), e.getMessage());
    }
  }

  @Test
  void anUnreadableObjectStoreFailsTheFetchNamingThePath() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 3), dir);
    FileIO unreachable = new FileIO() {
      @Override
      public InputFile newInputFile(String location) {
        throw new UncheckedIOException(new IOException("Connection refused"));
      }

      @Override
      public OutputFile newOutputFile(String location) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void deleteFile(String location) {
        throw new UnsupportedOperationException();
      }
    };
    try (SegmentFetcher fetcher = new SegmentFetcher(unreachable, tiered.manifestPrefix(), 1 << 20, Fetches.PARKING)) {
      FetchFailedException e = assertThrows(FetchFailedException.class,
          () -> fetcher.fetch(tiered.segment(), 0, TO_THE_END));

      assertEquals("Cannot fetch " + tiered.segment() + ": cannot read manifest at " + tiered.manifestPath()
          + ": java.io.IOException: Connection refused", e.getMessage());
    }
  }

  @Test
  void aMissingDataFileFailsTheFetchNamingTheFile() throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 3), dir);
    String location = tiered.manifest().files().get(0).location();
    Files.delete(Path.of(location));
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      FetchFailedException e = assertThrows(FetchFailedException.class,
          () -> fetcher.fetch(tiered.segment(), 0, TO_THE_END));

      assertTrue(e.getMessage().startsWith("Cannot fetch " + tiered.segment()
          + ": cannot read batch at position 0 from data file " + location + ": "), e.getMessage());
    }
  }

  @Test
  void aDataFileHoldingOtherRowsThanTheManifestListsFailsTheFetchInsteadOfServingThem() throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir.resolve("a"), 3), dir);
    TieredSegment other = TieredSegment.write(Segments.exactBytes(dir.resolve("b")), dir);
    SegmentManifest manifest = tiered.manifest();
    Files.write(Path.of(tiered.manifestPath()), ManifestCodec.encode(new SegmentManifest(manifest.segment(),
        manifest.tableName(), manifest.dataSchemaJson(), List.of(), other.manifest().files(), manifest.batches(),
        manifest.indexes())));
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      FetchFailedException e = assertThrows(FetchFailedException.class,
          () -> fetcher.fetch(tiered.segment(), 0, TO_THE_END));

      assertEquals("Cannot fetch " + tiered.segment() + ": data file " + other.manifest().files().get(0).location()
          + " holds offset 5000 of the batch at position 0 where manifest " + tiered.manifestPath()
          + " lists offsets 0-3 of the batch at position 0", e.getMessage());
    }
  }

  @Test
  void rowsThatRebuildAnotherBatchThanTheirOwnFailTheFetchNamingTheBatchAndItsDataFile() {
    // The second batch's rows read back with another base sequence, as a damaged page header can
    // make sound pages say: the rebuilt batch would carry a valid CRC of its own.
    TieredSegment tiered = TieredSegment.withRowsDamaged(Segments.manyBatches(dir, 3), dir, record -> {
      Record batch = (Record) ((Record) record.getField("_kafka")).getField("batch");
      if ((Long) batch.getField("base_offset") == 4) {
        batch.setField("base_sequence", 7);
      }
    });
    String location = tiered.manifest().files().get(0).location();
    long position = tiered.batches().get(1).position();
    try (SegmentFetcher fetcher = SegmentFetchTest.fetcher(tiered)) {
      FetchFailedException e = assertThrows(FetchFailedException.class,
          () -> Fetches.readAll(fetcher.fetch(tiered.segment(), 0, TO_THE_END)));

      assertTrue(e.getMessage().startsWith("Cannot fetch " + tiered.segment() + ": the rows of the batch at position "
          + position + " in data file " + location + " are damaged: "), e.getMessage());
    }
  }
}
