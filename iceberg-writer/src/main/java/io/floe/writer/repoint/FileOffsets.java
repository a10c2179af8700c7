package io.floe.writer.repoint;

import static io.floe.translator.table.KafkaColumns.KAFKA;
import static io.floe.translator.table.KafkaColumns.OFFSET;
import static io.floe.translator.table.KafkaColumns.PARTITION;

import io.floe.translator.manifest.BatchEntry.RowRun;
import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.DataFileRef.RowGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * The Kafka offsets of the rows of a data file from the first to the last row some runs point at,
 * by ordinal, as stored: whatever deletes {@code main} has for them. Only the row groups holding
 * those rows are read (as the manifest lists the file's row groups), only {@code _kafka.partition}
 * and {@code _kafka.offset} are decoded, and the offsets kept in one array (8 bytes a row).
 */
final class FileOffsets {
  private final long firstRow;
  private final long[] offsets;
  private final int read;

  private FileOffsets(long firstRow, long[] offsets, int read) {
    this.firstRow = firstRow;
    this.offsets = offsets;
    this.read = read;
  }

  /**
   * Reads the offsets of the rows {@code runs} span in {@code file}.
   *
   * @throws IllegalStateException if one of them is not of Kafka partition {@code partition}, or
   *     the runs span more rows than an array holds
   */
  static FileOffsets of(Table table, DataFileRef file, List<RowRun> runs, int partition) {
    String location = file.location();
    long first = runs.stream().mapToLong(RowRun::firstRow).min().orElse(0);
    long end = runs.stream().mapToLong(run -> run.firstRow() + run.rowCount()).max().orElse(0);
    if (end - first > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("Cannot re-point rows " + first + "-" + (end - 1) + " of data file " + location
          + ": too many to hold");
    }
    long[] offsets = new long[(int) (end - first)];
    Schema projection = table.schema().select(KAFKA + "." + PARTITION, KAFKA + "." + OFFSET);
    int read = 0;
    Parquet.ReadBuilder reader = Parquet.read(table.io().newInputFile(location, file.sizeInBytes()))
        .project(projection)
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(projection, fileSchema));
    long ordinal = 0;
    Optional<Split> split = Split.of(file, first, end);
    if (split.isPresent()) {
      reader.split(split.get().start(), split.get().length());
      ordinal = split.get().firstRow();
    }
    try (CloseableIterable<Record> records = reader.build()) {
      for (Record record : records) {
        if (ordinal >= end) {
          break;
        }
        if (ordinal >= first) {
          Record kafka = (Record) record.getField(KAFKA);
          if ((Integer) kafka.getField(PARTITION) != partition) {
            throw new IllegalStateException(String.format("Cannot re-point rows of partition %d: row %d of data "
                + "file %s is of partition %s", partition, ordinal, location, kafka.getField(PARTITION)));
          }
          offsets[read++] = (Long) kafka.getField(OFFSET);
        }
        ordinal++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the offsets of data file " + location + ": " + e.getMessage(), e);
    }
    return new FileOffsets(first, offsets, read);
  }

  /**
   * The bytes of the file that hold the row groups with rows in [first, end): from the start of the
   * first such group to the start of the group after the last (Parquet reads a row group when its
   * midpoint is in the range), and the ordinal of the first row there.
   */
  private record Split(long start, long length, long firstRow) {
    static Optional<Split> of(DataFileRef file, long first, long end) {
      List<RowGroup> groups = file.rowGroups();
      Optional<Split> split = Optional.empty();
      for (int i = 0; i < groups.size(); i++) {
        RowGroup group = groups.get(i);
        if (group.firstRow() + group.rowCount() <= first || group.firstRow() >= end) {
          continue;
        }
        long start = split.map(Split::start).orElse(group.startingPosition());
        long next = i + 1 < groups.size() ? groups.get(i + 1).startingPosition() : file.sizeInBytes();
        split = Optional.of(new Split(start, next - start, split.map(Split::firstRow).orElse(group.firstRow())));
      }
      return split;
    }
  }

  /** The offset of the row with this ordinal, if the file has it and it was read. */
  OptionalLong at(long ordinal) {
    long index = ordinal - firstRow;
    return index >= 0 && index < read ? OptionalLong.of(offsets[(int) index]) : OptionalLong.empty();
  }
}
