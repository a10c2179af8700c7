package io.floe.writer.pending;

import io.floe.translator.table.KafkaColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * A data file of rows of one pending transaction, written by the upload of one segment: only the
 * Kafka view's branch has it until the transaction's outcome is tiered. It carries what it takes
 * to add the file to {@code main} later without rewriting it: its location, size, table partition
 * (as the spec's partition path) and spec; its column metrics are read back from its footer then.
 *
 * @param segmentStart first offset of the segment the file was written from
 * @param segmentEnd last offset of that segment
 * @param firstOffset offset of the file's first row
 * @param superseded offset ranges of the file's rows that a later upload of the same offsets
 *     (a retry or a new leader's segment) wrote again: those rows do not join {@code main} from this file
 * @param segmentDeleted Kafka deleted the segment while the transaction was pending; the file stays
 *     in the Kafka view's branch only until the outcome is known, so that no maintenance removes it
 */
public record PendingFile(String segmentId, long segmentStart, long segmentEnd, long firstOffset, String location,
    long sizeInBytes, long rowCount, int specId, String partitionPath, List<Offsets> superseded,
    boolean segmentDeleted) {

  public PendingFile {
    superseded = List.copyOf(superseded);
  }

  /** An inclusive range of offsets. */
  public record Offsets(long first, long last) {}

  /** A file just written by the upload of the segment {@code segmentId} with offsets [start, end]. */
  public static PendingFile written(String segmentId, long start, long end, DataFile file, PartitionSpec spec) {
    return new PendingFile(segmentId, start, end, firstOffset(file, spec).orElse(start), file.location(),
        file.fileSizeInBytes(), file.recordCount(), file.specId(), spec.partitionToPath(file.partition()), List.of(),
        false);
  }

  /** The lowest offset of the file's rows, from the column metrics the writer kept, if it kept them. */
  private static Optional<Long> firstOffset(DataFile file, PartitionSpec spec) {
    Types.NestedField offset = spec.schema().findField(KafkaColumns.KAFKA + "." + KafkaColumns.OFFSET);
    return Optional.ofNullable(file.lowerBounds()).map(bounds -> bounds.get(offset.fieldId()))
        .map(bound -> Conversions.<Long>fromByteBuffer(offset.type(), bound));
  }

  /**
   * The file as {@code main} adds it, its column metrics read from its footer as Iceberg's own
   * imports of Parquet files read them: the rows are not written twice.
   */
  public DataFile toDataFile(Table table) {
    PartitionSpec spec = table.specs().get(specId);
    DataFiles.Builder file = DataFiles.builder(spec)
        .withPath(location)
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(sizeInBytes)
        .withMetrics(ParquetUtil.fileMetrics(table.io().newInputFile(location, sizeInBytes), MetricsConfig.forTable(table)));
    if (!spec.isUnpartitioned()) {
      file.withPartitionPath(partitionPath);
    }
    return file.build();
  }

  /** Whether a later upload of offsets [first, last] wrote every row of this file again. */
  boolean supersededBy(long first, long last) {
    return first <= segmentStart && segmentEnd <= last;
  }

  /** This file, its rows in [first, last] written again by a later upload. */
  PendingFile supersededIn(long first, long last) {
    if (last < segmentStart || first > segmentEnd) {
      return this;
    }
    List<Offsets> ranges = new ArrayList<>(superseded);
    ranges.add(new Offsets(Math.max(first, segmentStart), Math.min(last, segmentEnd)));
    return new PendingFile(segmentId, segmentStart, segmentEnd, firstOffset, location, sizeInBytes, rowCount, specId,
        partitionPath, ranges, segmentDeleted);
  }

  PendingFile deleted() {
    return new PendingFile(segmentId, segmentStart, segmentEnd, firstOffset, location, sizeInBytes, rowCount, specId,
        partitionPath, superseded, true);
  }
}
