package io.floe.writer.repoint;

import static io.floe.translator.table.KafkaColumns.KAFKA;
import static io.floe.translator.table.KafkaColumns.OFFSET;
import static io.floe.translator.table.KafkaColumns.PARTITION;

import io.floe.translator.manifest.BatchEntry.RowRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalLong;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * The Kafka offsets of the rows of a data file from the first to the last row some runs point at,
 * by ordinal, as stored: whatever deletes {@code main} has for them. Only {@code _kafka.partition}
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
   * Reads the offsets of the rows {@code runs} span in the file at {@code location}.
   *
   * @throws IllegalStateException if one of them is not of Kafka partition {@code partition}, or
   *     the runs span more rows than an array holds
   */
  static FileOffsets of(Table table, String location, List<RowRun> runs, int partition) {
    long first = runs.stream().mapToLong(RowRun::firstRow).min().orElse(0);
    long end = runs.stream().mapToLong(run -> run.firstRow() + run.rowCount()).max().orElse(0);
    if (end - first > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("Cannot re-point rows " + first + "-" + (end - 1) + " of data file " + location
          + ": too many to hold");
    }
    long[] offsets = new long[(int) (end - first)];
    Schema projection = table.schema().select(KAFKA + "." + PARTITION, KAFKA + "." + OFFSET);
    int read = 0;
    try (CloseableIterable<Record> records = Parquet.read(table.io().newInputFile(location))
        .project(projection)
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(projection, fileSchema))
        .build()) {
      long ordinal = 0;
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

  /** The offset of the row with this ordinal, if the file has it and it was read. */
  OptionalLong at(long ordinal) {
    long index = ordinal - firstRow;
    return index >= 0 && index < read ? OptionalLong.of(offsets[(int) index]) : OptionalLong.empty();
  }
}
