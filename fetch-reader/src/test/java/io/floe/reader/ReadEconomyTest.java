package io.floe.reader;

import static io.floe.reader.Fetches.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.DataFileRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetch reads only what it serves: the row groups and data files of the batches it needs, and
 * of those only the columns a rebuild reads.
 */
class ReadEconomyTest {
  private static final int TO_THE_END = Integer.MAX_VALUE;

  @TempDir
  Path dir;

  private final RecordingFileIO io = new RecordingFileIO();

  @Test
  void aFetchDeepInADataFileReadsNoEarlierRowGroup() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 120), dir,
        TieredSegment.Layout.oneFile().withRowGroupBytes(4096));
    DataFileRef file = tiered.manifest().files().get(0);
    assertTrue(file.rowGroups().size() >= 4, "row groups: " + file.rowGroups().size());
    DataFileRef.RowGroup group = file.rowGroups().get(file.rowGroups().size() / 2);
    BatchEntry batch = batchStartingAfterRow(tiered, group.firstRow());
    assertEquals(group, file.rowGroupOf(batch.runs().get(0).firstRow()), "the fetch starts inside the row group");
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20, Fetches.PARKING)) {
      byte[] served = readAll(fetcher.fetch(tiered.segment(), (int) batch.position(), TO_THE_END));

      assertArrayEquals(tiered.original(batch.position(), TO_THE_END), served);
      List<RecordingFileIO.Read> reads = io.reads(file.location());
      assertFalse(reads.isEmpty());
      for (RecordingFileIO.Read read : reads) {
        assertTrue(read.position() >= group.startingPosition(),
            () -> "read " + read + " before row group " + group);
      }
    }
  }

  @Test
  void aFetchOpensNoDataFileThatNoBatchItServesUses() {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 20), dir, halves(40));
    BatchEntry firstOfSecondHalf = tiered.batches().get(10);
    BatchEntry lastOfFirstHalf = tiered.batches().get(9);
    String firstFile = tiered.manifest().files().get(0).location();
    String secondFile = tiered.manifest().files().get(1).location();
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20, Fetches.PARKING_WITHOUT_READ_AHEAD)) {
      readAll(fetcher.fetch(tiered.segment(), (int) firstOfSecondHalf.position(), TO_THE_END));
      assertFalse(io.opened().contains(firstFile), "a fetch from the second half opened " + io.opened());

      readAll(fetcher.fetch(tiered.segment(), 0, (int) lastOfFirstHalf.position()));
      assertEquals(1, io.opened().stream().filter(secondFile::equals).count(),
          "a fetch ending in the first half opened " + io.opened());
    }
  }

  @Test
  void closingAFetchClosesItsDataFiles() throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 20), dir, halves(40));
    // Not parked: FetchContinuationTest covers what a parked fetch keeps open, and when it closes it.
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20, ParkingLimits.NONE)) {
      InputStream fetch = fetcher.fetch(tiered.segment(), 0, TO_THE_END);
      fetch.readNBytes(100);
      assertTrue(io.openStreams() > 0);

      fetch.close();

      assertEquals(0, io.openStreams());
      assertEquals(-1, fetch.read());
    }
  }

  @Test
  void aFetchReadToItsEndHasClosedItsDataFiles() throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 20), dir, halves(40));
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20, Fetches.PARKING);
        InputStream fetch = fetcher.fetch(tiered.segment(), 0, TO_THE_END)) {
      fetch.readAllBytes();

      assertEquals(2, io.opened().stream().filter(location -> location.endsWith(".parquet")).count());
      assertEquals(0, io.openStreams());
    }
  }

  @Test
  void aFetchReadsNoneOfTheColumnsOnlyAnalystsReadOfTheKey() throws IOException {
    TieredSegment tiered = TieredSegment.write(Segments.manyBatches(dir, 20), dir, TieredSegment.Layout.oneFile());
    DataFileRef file = tiered.manifest().files().get(0);
    List<ColumnChunkMetaData> keyColumns;
    try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(Path.of(file.location())))) {
      keyColumns = footer.getFooter().getBlocks().stream().flatMap(block -> block.getColumns().stream())
          .filter(column -> List.of("_kafka.key_text", "_kafka.key_schema_id").contains(column.getPath().toDotString()))
          .toList();
    }
    assertEquals(2, keyColumns.size(), "one row group, with both columns");
    try (SegmentFetcher fetcher = new SegmentFetcher(io, tiered.manifestPrefix(), 1 << 20, Fetches.PARKING)) {
      assertArrayEquals(tiered.original(0, TO_THE_END), readAll(fetcher.fetch(tiered.segment(), 0, TO_THE_END)));
    }

    for (RecordingFileIO.Read read : io.reads(file.location())) {
      for (ColumnChunkMetaData column : keyColumns) {
        boolean overlaps = read.position() < column.getStartingPos() + column.getTotalSize()
            && column.getStartingPos() < read.position() + read.length();
        assertFalse(overlaps, () -> "read " + read + " covers column " + column.getPath());
      }
    }
  }

  /** Rows before {@code offset} in one file, the rest in another. */
  private static TieredSegment.Layout halves(long offset) {
    return new TieredSegment.Layout(2, row -> row.offset() < offset ? 0 : 1, 64 * 1024);
  }

  private static BatchEntry batchStartingAfterRow(TieredSegment tiered, long row) {
    return tiered.batches().stream()
        .filter(batch -> batch.runs().get(0).firstRow() > row)
        .findFirst()
        .orElseThrow();
  }
}
