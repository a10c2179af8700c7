package io.floe.reader;

import io.floe.translator.value.ValueFormat;
import io.floe.translator.typing.ValueTyper;
import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.KafkaIndexes;
import io.floe.translator.manifest.ManifestCodec;
import io.floe.translator.manifest.ManifestPaths;
import io.floe.translator.manifest.SegmentManifest;
import io.floe.translator.manifest.SegmentRef;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.row.TranslatedBatch;
import io.floe.translator.table.KafkaColumns;
import io.floe.translator.table.RowRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalInputFile;

/**
 * A segment tiered as Floe's writer tiers it, in the simplest way, for the reader's tests: its
 * rows written with Iceberg's Parquet writer into one or more real files (small row groups, so
 * that files have several), the row groups read back from the footers, and a manifest written
 * where the fetch path looks for it.
 *
 * <p>The data schema puts an extra column before {@code _kafka} and numbers every field afresh,
 * as a table an operator created would: the reader must find {@code _kafka} by name.
 */
final class TieredSegment {
  /** Values as an upload without a schema registry keeps them. */
  private static final ValueTyper UNTYPED = new ValueTyper(ValueFormat.AUTO, Optional.empty(), false);

  static final String TOPIC_ID = "Lsm4q7BpRzu2xVYrX9E0zA";
  static final Schema DATA_SCHEMA = TypeUtil.assignFreshIds(
      new Schema(
          Types.NestedField.optional(1000, "order_id", Types.StringType.get()),
          KafkaColumns.SCHEMA.findField(KafkaColumns.KAFKA)),
      new AtomicInteger(100)::incrementAndGet);

  /** Which data file each row goes to, and the row group size the files are written with. */
  record Layout(int files, ToIntFunction<KafkaRow> fileOf, long rowGroupBytes) {
    static Layout oneFile() {
      return new Layout(1, row -> 0, 64 * 1024);
    }

    /** Rows in two files as a table partitioned by day puts them: before and from {@code midnight}. */
    static Layout dayPartitions(long midnight) {
      return new Layout(2, row -> row.timestamp() < midnight ? 0 : 1, 64 * 1024);
    }

    Layout withRowGroupBytes(long bytes) {
      return new Layout(files, fileOf, bytes);
    }
  }

  private final String manifestPrefix;
  private final SegmentManifest manifest;
  private final byte[] original;

  private TieredSegment(String manifestPrefix, SegmentManifest manifest, byte[] original) {
    this.manifestPrefix = manifestPrefix;
    this.manifest = manifest;
    this.original = original;
  }

  static TieredSegment write(Path log, Path dir) {
    return write(log, dir, Layout.oneFile());
  }

  /** Tiers the segment file {@code log} under {@code dir}: data files in data/, manifests in manifests/. */
  static TieredSegment write(Path log, Path dir, Layout layout) {
    return write(log, dir, layout, record -> {});
  }

  /**
   * Tiers the segment with {@code damage} done to each row's record before it is stored: rows that
   * read back as sound Parquet but say something else than the segment.
   */
  static TieredSegment withRowsDamaged(Path log, Path dir, Consumer<Record> damage) {
    return write(log, dir, Layout.oneFile(), damage);
  }

  private static TieredSegment write(Path log, Path dir, Layout layout, Consumer<Record> damage) {
    String segmentId = UUID.randomUUID().toString();
    List<DataWriter<Record>> writers = new ArrayList<>();
    List<String> locations = new ArrayList<>();
    for (int f = 0; f < layout.files(); f++) {
      String location = dir.resolve("data").resolve(segmentId + "-" + f + ".parquet").toString();
      locations.add(location);
      writers.add(writer(location, layout.rowGroupBytes()));
    }
    long[] rowsInFile = new long[layout.files()];
    List<BatchEntry> batches = new ArrayList<>();
    RowRecords records = new RowRecords(DATA_SCHEMA);
    TransactionIndex transactions = new TransactionIndex();
    List<Long> maxTimestamps = new ArrayList<>();
    try (SegmentTranslator translator = new SegmentTranslator(log, 3)) {
      while (translator.hasNext()) {
        TranslatedBatch batch = translator.next();
        Map<Integer, BatchEntry.RowRun> runs = new HashMap<>();
        for (KafkaRow row : batch.rows()) {
          int file = layout.fileOf().applyAsInt(row);
          Record record = records.toRecord(row, batch, UNTYPED.type(row.value()));
          damage.accept(record);
          writers.get(file).write(record);
          BatchEntry.RowRun run = runs.get(file);
          runs.put(file, run == null
              ? new BatchEntry.RowRun(file, rowsInFile[file], 1)
              : new BatchEntry.RowRun(file, run.firstRow(), run.rowCount() + 1));
          rowsInFile[file]++;
          transactions.add(row);
        }
        KafkaRow first = batch.rows().get(0);
        maxTimestamps.add(first.batch().header().maxTimestamp());
        batches.add(new BatchEntry(batch.position(), batch.sizeInBytes(), first.batch().header().baseOffset(),
            lastOffset(batch), batch.fidelity(), runs.values().stream().sorted(
                (a, b) -> Integer.compare(a.file(), b.file())).toList()));
      }
    }
    List<DataFileRef> files = new ArrayList<>();
    for (int f = 0; f < layout.files(); f++) {
      close(writers.get(f));
      files.add(dataFile(locations.get(f)));
    }
    BatchEntry last = batches.get(batches.size() - 1);
    SegmentRef segment = new SegmentRef("orders", TOPIC_ID, 3, segmentId, batches.get(0).baseOffset(),
        last.lastOffset());
    KafkaIndexes indexes = new KafkaIndexes(offsetIndex(batches), timeIndex(batches, maxTimestamps), transactions.bytes(),
        ("producer snapshot of " + segmentId).getBytes(StandardCharsets.UTF_8),
        ("0\n1\n7 " + segment.startOffset() + "\n").getBytes(StandardCharsets.UTF_8));
    SegmentManifest manifest = new SegmentManifest(segment, "kafka.orders", SchemaParser.toJson(DATA_SCHEMA), List.of(), files,
        batches, indexes);
    String prefix = dir.resolve("manifests").toString();
    try {
      Path path = Path.of(ManifestPaths.of(prefix, segment));
      Files.createDirectories(path.getParent());
      Files.write(path, ManifestCodec.encode(manifest));
      return new TieredSegment(prefix, manifest, Files.readAllBytes(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SegmentRef segment() {
    return manifest.segment();
  }

  SegmentManifest manifest() {
    return manifest;
  }

  String manifestPrefix() {
    return manifestPrefix;
  }

  String manifestPath() {
    return ManifestPaths.of(manifestPrefix, manifest.segment());
  }

  /** Bytes of the manifest as stored: its weight in the fetcher's cache. */
  long manifestSize() {
    try {
      return Files.size(Path.of(manifestPath()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<BatchEntry> batches() {
    return manifest.batches();
  }

  /** The original segment's bytes from {@code start} to {@code end} (inclusive), within the segment. */
  byte[] original(long start, long end) {
    return Arrays.copyOfRange(original, (int) Math.min(start, original.length),
        (int) Math.max(Math.min(start, original.length), Math.min(end + 1, original.length)));
  }

  byte[] original() {
    return original.clone();
  }

  private static DataWriter<Record> writer(String location, long rowGroupBytes) {
    try {
      return Parquet.writeData(org.apache.iceberg.Files.localOutput(location))
          .schema(DATA_SCHEMA)
          .createWriterFunc(GenericParquetWriter::create)
          .withSpec(PartitionSpec.unpartitioned())
          .set("write.parquet.compression-codec", "zstd")
          .set("write.parquet.row-group-size-bytes", Long.toString(rowGroupBytes))
          .set("write.parquet.row-group-check-min-record-count", "2")
          .set("write.parquet.row-group-check-max-record-count", "4")
          .overwrite()
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void close(DataWriter<Record> writer) {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's size and row groups, as its footer states them. */
  private static DataFileRef dataFile(String location) {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(Path.of(location)))) {
      List<DataFileRef.RowGroup> groups = new ArrayList<>();
      long firstRow = 0;
      for (BlockMetaData block : reader.getRowGroups()) {
        groups.add(new DataFileRef.RowGroup(block.getStartingPos(), firstRow, block.getRowCount()));
        firstRow += block.getRowCount();
      }
      return new DataFileRef(location, Files.size(Path.of(location)), firstRow, groups);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lastOffset(TranslatedBatch batch) {
    KafkaRow first = batch.rows().get(0);
    // An entry of magic v0/v1 has one offset field: the offset of its last record.
    return first.batch().header().magic() < 2 ? first.offset() : first.batch().header().lastOffset();
  }

  /** Kafka's offset index: per batch, its offset relative to the segment's and its position. */
  private static byte[] offsetIndex(List<BatchEntry> batches) {
    ByteBuffer index = ByteBuffer.allocate(8 * batches.size());
    for (BatchEntry batch : batches) {
      index.putInt((int) (batch.baseOffset() - batches.get(0).baseOffset())).putInt((int) batch.position());
    }
    return index.array();
  }

  /** Kafka's time index: per batch, a timestamp and the relative offset it is reached at. */
  private static byte[] timeIndex(List<BatchEntry> batches, List<Long> maxTimestamps) {
    ByteBuffer index = ByteBuffer.allocate(12 * batches.size());
    for (int i = 0; i < batches.size(); i++) {
      index.putLong(maxTimestamps.get(i)).putInt((int) (batches.get(i).lastOffset() - batches.get(0).baseOffset()));
    }
    return index.array();
  }

  /** Kafka's transaction index: one entry per aborted transaction; absent when there is none. */
  private static final class TransactionIndex {
    private final ByteBuffer entries = ByteBuffer.allocate(34 * 64);
    private long firstOpenOffset = -1;

    void add(KafkaRow row) {
      if (row.isRaw() || !row.batch().header().attributes().isTransactional()) {
        return;
      }
      if (!row.batch().header().attributes().isControl()) {
        firstOpenOffset = firstOpenOffset < 0 ? row.offset() : firstOpenOffset;
        return;
      }
      boolean abort = row.key()[3] == 0; // control record key: version, then type (0 abort, 1 commit)
      if (abort) {
        entries.putShort((short) 0).putLong(row.batch().header().producerId()).putLong(firstOpenOffset)
            .putLong(row.offset()).putLong(row.offset());
      }
      firstOpenOffset = -1;
    }

    Optional<byte[]> bytes() {
      return entries.position() == 0 ? Optional.empty() : Optional.of(Arrays.copyOf(entries.array(), entries.position()));
    }
  }
}
