package io.floe.writer;

import static io.floe.translator.SampleRecords.T0;
import static io.floe.translator.SampleRecords.record;
import static io.floe.translator.SampleRecords.records;
import static io.floe.writer.Warehouse.kafka;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.translator.KafkaSegment;
import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.BatchEntry.RowRun;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.table.KafkaColumns;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.TableProperties;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How rows are laid out in data files: by day, in offset order, rolled between batches, row groups recorded. */
class DataFilesTest {
  private static final long DAY = Duration.ofDays(1).toMillis();

  @TempDir
  Path dir;

  @Test
  void aBatchWhoseTimestampsCrossMidnightHasOneRunInEachDaysFile() {
    Warehouse warehouse = new Warehouse(dir);
    Path segment;
    try (KafkaSegment log = KafkaSegment.create(dir.resolve("log"), 100)) {
      // Producer timestamps need not grow: back and forth across midnight within one batch.
      log.plain(Compression.NONE,
          record(T0 - 2_000, 1),
          record(T0 + 1_000, 2),
          record(T0 - 1_000, 3));
      log.plain(Compression.NONE, records(4, 3));
      segment = log.path();
    }
    SegmentManifest manifest = warehouse.uploader().upload(Warehouse.upload(segment, 3, "MidnightAAAAAAAAAAAAAA")).manifest();

    assertEquals(2, manifest.files().size());
    BatchEntry crossing = manifest.batches().get(0);
    assertEquals(2, crossing.runs().size());
    assertEquals(List.of(100L, 102L), offsets(warehouse, manifest, crossing.runs().get(0)));
    assertEquals(List.of(101L), offsets(warehouse, manifest, crossing.runs().get(1)));
    assertEquals(List.of(new RowRun(1, 1, 3)), manifest.batches().get(1).runs());
    assertEquals(List.of(103L, 104L, 105L), offsets(warehouse, manifest, manifest.batches().get(1).runs().get(0)));
  }

  @Test
  void filesRollPastTheTargetSizeOnlyBetweenBatches() {
    Warehouse warehouse = new Warehouse(dir);
    Path segment;
    try (KafkaSegment log = KafkaSegment.create(dir.resolve("log"))) {
      for (int batch = 0; batch < 40; batch++) {
        log.plain(Compression.NONE, records((int) log.nextOffset(), 50));
      }
      segment = log.path();
    }
    long target = 64 * 1024;
    SegmentManifest manifest = warehouse.uploader(warehouse.settings(target, 16 * 1024))
        .upload(Warehouse.upload(segment, 3, "RollAAAAAAAAAAAAAAAAAA")).manifest();

    List<DataFileRef> files = manifest.files();
    assertTrue(files.size() > 1, () -> files.size() + " file(s)");
    long[] nextRow = new long[files.size()];
    for (BatchEntry batch : manifest.batches()) {
      assertEquals(1, batch.runs().size(), "a batch of one day stays in one file");
      RowRun run = batch.runs().get(0);
      assertEquals(nextRow[run.file()], run.firstRow(), "batches follow one another in their file");
      nextRow[run.file()] += run.rowCount();
    }
    for (int f = 0; f < files.size(); f++) {
      assertEquals(files.get(f).rowCount(), nextRow[f], "runs cover file " + f);
      if (f < files.size() - 1) {
        assertTrue(files.get(f).sizeInBytes() >= target, "file " + f + " rolled early: " + files.get(f).sizeInBytes());
      }
    }
  }

  @Test
  void everyRowGroupIsRecordedAsTheFilesFooterHasIt() throws IOException {
    SegmentManifest manifest = uploadWithRowGroupsOf(16 * 1024, "RowGroupsAAAAAAAAAAAAA");

    for (DataFileRef file : manifest.files()) {
      List<BlockMetaData> blocks = footerRowGroups(file);
      assertTrue(blocks.size() > 1, () -> file.location() + " has " + blocks.size() + " row group(s)");
      assertRowGroupsAre(blocks, file);
    }
  }

  /** One row group is taken from the writer, not read back: it must still be the footer's. */
  @Test
  void aSingleRowGroupIsRecordedAsTheFilesFooterHasIt() throws IOException {
    SegmentManifest manifest = uploadWithRowGroupsOf(8 * Warehouse.MEBIBYTE, "OneRowGroupAAAAAAAAAAA");

    for (DataFileRef file : manifest.files()) {
      List<BlockMetaData> blocks = footerRowGroups(file);
      assertEquals(1, blocks.size(), () -> file.location() + " has " + blocks.size() + " row group(s)");
      assertRowGroupsAre(blocks, file);
    }
  }

  private SegmentManifest uploadWithRowGroupsOf(long rowGroupSizeBytes, String segmentId) {
    Warehouse warehouse = new Warehouse(dir);
    Path segment;
    try (KafkaSegment log = KafkaSegment.create(dir.resolve("log"))) {
      for (int batch = 0; batch < 20; batch++) {
        log.plain(Compression.NONE, records((int) log.nextOffset(), 100));
      }
      segment = log.path();
    }
    return warehouse.uploader(warehouse.settings(Warehouse.MEBIBYTE, rowGroupSizeBytes))
        .upload(Warehouse.upload(segment, 3, segmentId)).manifest();
  }

  private static List<BlockMetaData> footerRowGroups(DataFileRef file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(LocalFileIO.path(file.location())))) {
      return reader.getFooter().getBlocks();
    }
  }

  private static void assertRowGroupsAre(List<BlockMetaData> blocks, DataFileRef file) {
    assertEquals(blocks.size(), file.rowGroups().size());
    long firstRow = 0;
    for (int g = 0; g < blocks.size(); g++) {
      DataFileRef.RowGroup group = file.rowGroups().get(g);
      assertEquals(blocks.get(g).getStartingPos(), group.startingPosition(), "start of row group " + g);
      assertEquals(firstRow, group.firstRow(), "first row of row group " + g);
      assertEquals(blocks.get(g).getRowCount(), group.rowCount(), "rows of row group " + g);
      firstRow += group.rowCount();
    }
    assertEquals(file.rowCount(), firstRow);
  }

  @Test
  void valuesKeptRawCarryNoParquetStatisticsWhileOffsetsDo() throws IOException {
    Warehouse warehouse = new Warehouse(dir);
    Path segment;
    try (KafkaSegment log = KafkaSegment.create(dir.resolve("log"))) {
      log.plain(Compression.NONE, records(0, 50));
      segment = log.path();
    }
    SegmentManifest manifest = warehouse.uploader().upload(Warehouse.upload(segment, 3, "StatisticsAAAAAAAAAAAA"))
        .manifest();

    List<ColumnChunkMetaData> columns;
    try (ParquetFileReader reader = ParquetFileReader.open(
        new LocalInputFile(LocalFileIO.path(manifest.files().get(0).location())))) {
      columns = reader.getFooter().getBlocks().get(0).getColumns();
    }
    assertTrue(statistics(columns, "_kafka.offset").hasNonNullValue(), "offsets have their min and max");
    assertTrue(statistics(columns, "_kafka.value_raw").isEmpty(), "a raw value column has no min and max");
    assertTrue(statistics(columns, "_kafka.batch.raw").isEmpty(), "a raw batch column has no min and max");
  }

  @Test
  void valuesArePagedInQuarterMebibytesUnlessTheTableSetsItsOwnPageSize() throws IOException {
    Warehouse warehouse = new Warehouse(dir);
    SegmentUploader uploader = warehouse.uploader();
    SegmentManifest floeDefault = uploader.upload(Warehouse.upload(twoMebibytesOfValues(0), 3,
        "PagesAAAAAAAAAAAAAAAAA")).manifest();
    warehouse.table().updateProperties().set(TableProperties.PARQUET_PAGE_SIZE_BYTES, Long.toString(4 * Warehouse.MEBIBYTE))
        .commit();
    SegmentManifest tableOwn = uploader.upload(Warehouse.upload(twoMebibytesOfValues(2048), 3,
        "OwnPagesAAAAAAAAAAAAAA")).manifest();

    assertTrue(valuePages(floeDefault) >= 6, "2 MiB of values in pages of 256 KiB: " + valuePages(floeDefault));
    assertEquals(1, valuePages(tableOwn), "2 MiB of values in pages of the table's 4 MiB");
  }

  @ParameterizedTest
  @ValueSource(strings = {"uncompressed", "snappy", "gzip", "lz4", "zstd"})
  void filesAreWrittenWithTheCodecTheTableNames(String codec) throws IOException {
    Warehouse warehouse = new Warehouse(dir);
    SegmentUploader uploader = warehouse.uploader();
    uploader.upload(Warehouse.upload(twoMebibytesOfValues(0), 3, "CodecAAAAAAAAAAAAAAAAA"));
    warehouse.table().updateProperties().set(TableProperties.PARQUET_COMPRESSION, codec).commit();
    SegmentManifest manifest = uploader.upload(Warehouse.upload(twoMebibytesOfValues(2048), 3,
        "CodecBBBBBBBBBBBBBBBBB")).manifest();

    try (ParquetFileReader reader = ParquetFileReader.open(
        new LocalInputFile(LocalFileIO.path(manifest.files().get(0).location())))) {
      assertEquals(CompressionCodecName.fromConf(codec),
          reader.getFooter().getBlocks().get(0).getColumns().get(0).getCodec());
    }
    assertEquals(4096, Warehouse.kafkaViewRows(warehouse.table()).size(), "both segments' rows read back");
  }

  private Path twoMebibytesOfValues(long baseOffset) {
    byte[] value = new byte[1024];
    try (KafkaSegment log = KafkaSegment.create(dir.resolve("log-" + baseOffset), baseOffset)) {
      for (int batch = 0; batch < 128; batch++) {
        SimpleRecord[] records = new SimpleRecord[16];
        for (int i = 0; i < records.length; i++) {
          value[0] = (byte) i;
          value[1] = (byte) batch;
          records[i] = new SimpleRecord(T0, null, value.clone());
        }
        log.plain(Compression.NONE, records);
      }
      return log.path();
    }
  }

  private static int valuePages(SegmentManifest manifest) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(
        new LocalInputFile(LocalFileIO.path(manifest.files().get(0).location())))) {
      ColumnChunkMetaData values = reader.getFooter().getBlocks().get(0).getColumns().stream()
          .filter(column -> column.getPath().toDotString().equals("_kafka.value_raw")).findFirst().orElseThrow();
      return reader.readOffsetIndex(values).getPageCount();
    }
  }

  private static Statistics<?> statistics(List<ColumnChunkMetaData> columns, String path) {
    return columns.stream().filter(column -> column.getPath().toDotString().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("No column " + path)).getStatistics();
  }

  @Test
  void recordsScatteredOverManyDaysKeepOnlyAFewFilesOpen() {
    Warehouse warehouse = new Warehouse(dir);
    Path segment;
    try (KafkaSegment log = KafkaSegment.create(dir.resolve("log"))) {
      for (int day = 0; day < 6; day++) {
        log.plain(Compression.NONE, record(T0 + day * DAY, day));
      }
      // Back to the first day, whose file was closed to keep the others open.
      log.plain(Compression.NONE, record(T0, 6));
      segment = log.path();
    }
    SegmentManifest manifest = warehouse.uploader().upload(Warehouse.upload(segment, 3, "ScatteredAAAAAAAAAAAAA")).manifest();

    assertEquals(7, manifest.files().size());
    assertEquals(7, Warehouse.rows(warehouse.table()).size());
  }

  private static List<Long> offsets(Warehouse warehouse, SegmentManifest manifest, RowRun run) {
    Schema schema = warehouse.table().schema();
    List<Record> rows = warehouse.fileRows(manifest.files().get(run.file()).location(), schema);
    return rows.subList((int) run.firstRow(), (int) run.firstRow() + run.rowCount()).stream()
        .map(row -> (Long) kafka(row).getField(KafkaColumns.OFFSET))
        .toList();
  }
}
