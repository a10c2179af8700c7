package io.floe.writer.data;

import io.floe.translator.format.BatchHeader;
import io.floe.translator.key.KeyVerdict;
import io.floe.translator.manifest.BatchEntry;
import io.floe.translator.row.KafkaRow;
import io.floe.translator.row.SegmentTranslator;
import io.floe.translator.row.TranslatedBatch;
import io.floe.translator.table.RowRecords;
import io.floe.translator.value.ValueVerdict;
import io.floe.writer.table.KafkaTableLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FileIO;

/**
 * Writes the rows of one segment into Parquet data files of a table, one batch in memory at a
 * time, each value typed or kept raw as {@link RowValues} says and each key typed as {@link RowKeys} says. Rows {@code main} holds, rows
 * only the Kafka view needs (control records, aborted or replaced data) and each producer's rows
 * of a pending transaction go to separate files ({@link AnalystRows}, {@link Destination}), so
 * that {@code main} needs no delete file for them and a pending transaction's files can join it
 * whole. Each row goes to the file of its partition (the table's spec: by default the day of its
 * timestamp; found once for a whole batch when its rows share it, {@link BatchPartitions}), in
 * offset order. A file is closed only at a batch boundary, once past the target
 * size, so a batch has at most one run of rows in any file: usually one run in all, two when its
 * timestamps cross midnight. Each batch is recorded with where its rows went.
 *
 * <p>One writer writes one segment.
 */
public final class SegmentDataWriter {
  /**
   * Files open at once, each buffering up to a row group: records whose timestamps scatter over
   * many days must not multiply the memory an upload holds.
   */
  private static final int MAX_OPEN_FILES = 4;

  private final Table table;
  private final FileIO io;
  private final AttemptFiles attempt;
  private final long targetFileSizeBytes;
  private final long rowGroupSizeBytes;
  private final SortOrder declaredOrder;
  private final RowRecords records;
  private final RowValues values;
  private final RowKeys keys;
  private final AnalystRows analystRows;
  private final BatchPartitions partitions;
  /** Open files by partition value and view, least recently written first. */
  private final LinkedHashMap<FileKey, PartitionFile> open = new LinkedHashMap<>(16, 0.75f, true);
  /** Every file by index; null while it is open. */
  private final List<WrittenFile> files = new ArrayList<>();

  /**
   * @param table a view of the table that does not change while the segment is written
   */
  public SegmentDataWriter(Table table, FileIO io, AttemptFiles attempt, long targetFileSizeBytes,
      long rowGroupSizeBytes, RowValues values, RowKeys keys, AnalystRows analystRows) {
    this.table = table;
    this.io = io;
    this.attempt = attempt;
    this.targetFileSizeBytes = targetFileSizeBytes;
    this.rowGroupSizeBytes = rowGroupSizeBytes;
    this.declaredOrder = KafkaTableLayout.declaredOrder(table);
    this.records = new RowRecords(table.schema());
    this.values = values;
    this.keys = keys;
    this.analystRows = analystRows;
    this.partitions = new BatchPartitions(table.spec(), table.schema());
  }

  /**
   * Writes every batch of the segment file, as rows of Kafka partition {@code partition}.
   *
   * @throws io.floe.translator.segment.SegmentFormatException if the segment is damaged
   * @throws DataFileException if a data file cannot be written
   */
  public WrittenData write(Path segmentFile, int partition) {
    List<BatchEntry> batches = new ArrayList<>();
    try (SegmentTranslator translator = new SegmentTranslator(segmentFile, partition)) {
      while (translator.hasNext()) {
        batches.add(write(translator.next()));
        closeFiles(MAX_OPEN_FILES);
      }
      closeFiles(0);
    } catch (RuntimeException e) {
      open.values().forEach(PartitionFile::abandon);
      open.clear();
      throw e;
    }
    return new WrittenData(files, batches);
  }

  private BatchEntry write(TranslatedBatch batch) {
    List<Record> batchRecords = new ArrayList<>(batch.rows().size());
    for (KafkaRow row : batch.rows()) {
      ValueVerdict value = values.verdict(row.value());
      Record record = records.toRecord(row, batch, value);
      values.fill(value, record);
      KeyVerdict key = keys.verdict(row.key());
      records.setKey(record, key);
      keys.fill(key, record);
      batchRecords.add(record);
    }
    Optional<PartitionKey> common = partitions.common(batchRecords);
    Map<PartitionFile, Run> runs = new LinkedHashMap<>();
    for (int i = 0; i < batchRecords.size(); i++) {
      Record record = batchRecords.get(i);
      PartitionKey partition = common.isPresent() ? common.get() : partitions.of(record);
      PartitionFile file = fileOf(partition, analystRows.destination(batch.rows().get(i)));
      runs.computeIfAbsent(file, Run::new).rowCount++;
      file.write(record);
    }
    BatchHeader header = batch.rows().get(0).batch().header();
    return new BatchEntry(batch.position(), batch.sizeInBytes(), header.baseOffset(), header.lastOffset(),
        batch.fidelity(), runs.values().stream().map(Run::toRowRun).toList());
  }

  /** The open file of a table partition and destination; {@code partition} may be changed after the call. */
  private PartitionFile fileOf(PartitionKey partition, Destination destination) {
    PartitionFile file = open.get(new FileKey(partition, destination));
    if (file == null) {
      PartitionKey key = partition.copy();
      file = PartitionFile.open(table, io, attempt, key, files.size(), rowGroupSizeBytes, declaredOrder, destination);
      files.add(null);
      open.put(new FileKey(key, destination), file);
    }
    return file;
  }

  /** An open file's place: its table partition, and which view its rows are for. */
  private record FileKey(PartitionKey partition, Destination destination) {}

  /**
   * At a batch boundary: closes the files past the target size, and the least recently written
   * beyond {@code limit} open.
   */
  private void closeFiles(int limit) {
    Iterator<PartitionFile> iterator = open.values().iterator();
    while (iterator.hasNext()) {
      PartitionFile file = iterator.next();
      if (open.size() > limit || file.length() >= targetFileSizeBytes) {
        files.set(file.index(), file.close(io));
        iterator.remove();
      }
    }
  }

  /** The rows of the current batch in one file: they are consecutive there, from the file's next row on. */
  private static final class Run {
    private final int file;
    private final long firstRow;
    private int rowCount;

    Run(PartitionFile file) {
      this.file = file.index();
      this.firstRow = file.rows();
    }

    BatchEntry.RowRun toRowRun() {
      return new BatchEntry.RowRun(file, firstRow, rowCount);
    }
  }
}
