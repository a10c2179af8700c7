package io.floe.writer.repoint;

import static io.floe.translator.table.KafkaColumns.KAFKA;
import static io.floe.translator.table.KafkaColumns.OFFSET;
import static io.floe.translator.table.KafkaColumns.PARTITION;

import io.floe.translator.manifest.BatchEntry.RowRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * The Kafka offsets of some rows of a data file, by their ordinal in the file, as stored: what a
 * manifest's runs point at, whatever deletes {@code main} has for them. Only {@code _kafka.partition}
 * and {@code _kafka.offset} are decoded, and only the asked rows are kept.
 */
final class FileOffsets {
  private FileOffsets() {}

  /**
   * The offsets of the rows {@code runs} point at in the file at {@code location}, by ordinal.
   *
   * @throws IllegalStateException if one of them is not of Kafka partition {@code partition}
   */
  static Map<Long, Long> of(Table table, String location, List<RowRun> runs, int partition) {
    Schema projection = table.schema().select(KAFKA + "." + PARTITION, KAFKA + "." + OFFSET);
    Map<Long, Long> offsets = new HashMap<>();
    List<RowRun> ordered = runs.stream().sorted(Comparator.comparingLong(RowRun::firstRow)).toList();
    long last = ordered.stream().mapToLong(run -> run.firstRow() + run.rowCount()).max().orElse(0);
    int next = 0;
    try (CloseableIterable<Record> records = Parquet.read(table.io().newInputFile(location))
        .project(projection)
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(projection, fileSchema))
        .build()) {
      long ordinal = 0;
      for (Record record : records) {
        if (ordinal >= last) {
          break;
        }
        while (next < ordered.size() && ordered.get(next).firstRow() + ordered.get(next).rowCount() <= ordinal) {
          next++;
        }
        if (next < ordered.size() && ordered.get(next).firstRow() <= ordinal) {
          Record kafka = (Record) record.getField(KAFKA);
          if ((Integer) kafka.getField(PARTITION) != partition) {
            throw new IllegalStateException(String.format("Cannot re-point rows of partition %d: row %d of data "
                + "file %s is of partition %s", partition, ordinal, location, kafka.getField(PARTITION)));
          }
          offsets.put(ordinal, (Long) kafka.getField(OFFSET));
        }
        ordinal++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the offsets of data file " + location + ": " + e.getMessage(), e);
    }
    return offsets;
  }
}
