package io.floe.writer.maintenance;

import io.floe.translator.table.KafkaColumns;
import io.floe.writer.data.CheckedParquetRows;
import io.floe.writer.data.FloeParquetFiles;
import io.floe.writer.data.MainCompactionFiles;
import io.floe.writer.table.KafkaTableLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Writes the rows of a {@link CompactionGroup} into one new data file of its table partition, file
 * after file, as {@code main} holds them (with the table's current schema), checking on the way
 * that they come in strictly increasing offsets and that every file gives the rows the table says
 * it holds. The file is named as no upload names its files, so that it is never taken for a
 * segment's own, and its footer names the segments whose rows it holds when every file of the group
 * says whose it holds ({@link MainCompactionFiles}).
 */
final class CompactedFile {
  private final Table table;
  private final Schema schema;
  private final int kafkaPosition;
  private final int partitionPosition;
  private final int offsetPosition;
  private final Pacing pacing;

  CompactedFile(Table table, Pacing pacing) {
    this.table = table;
    this.pacing = pacing;
    this.schema = table.schema();
    this.kafkaPosition = schema.columns().indexOf(schema.findField(KafkaColumns.KAFKA));
    Schema kafka = new Schema(schema.findField(KafkaColumns.KAFKA).type().asStructType().fields());
    this.partitionPosition = kafka.columns().indexOf(kafka.findField(KafkaColumns.PARTITION));
    this.offsetPosition = kafka.columns().indexOf(kafka.findField(KafkaColumns.OFFSET));
  }

  /**
   * Writes the group's rows in row groups of at most {@code rowGroupBytes}.
   *
   * @throws RowsOutOfOrderException if the files' rows are not in strictly increasing offsets of
   *     the group's Kafka partition; the file written so far is deleted
   * @throws DamagedDataFileException if a page of the files does not match its checksum; the same
   */
  DataFile write(CompactionGroup group, long rowGroupBytes) {
    String name = MainCompactionFiles.newName();
    String location = group.spec().isUnpartitioned() ? table.locationProvider().newDataLocation(name)
        : table.locationProvider().newDataLocation(group.spec(), group.partition(), name);
    boolean written = false;
    try {
      DataWriter<Record> writer = FloeParquetFiles.open(table, table.io().newOutputFile(location), group.spec(),
          group.partition(), rowGroupBytes, KafkaTableLayout.declaredOrder(table), footer(group));
      try (writer) {
        long lastOffset = -1;
        for (DataFile file : group.files()) {
          lastOffset = copy(file, group.kafkaPartition(), lastOffset, writer);
          pacing.done(file.fileSizeInBytes());
        }
      }
      written = true;
      return writer.toDataFile();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write compacted data file " + location + ": " + e.getMessage(), e);
    } finally {
      if (!written) {
        deleteIfWritten(location);
      }
    }
  }

  /** Parquet creates the file with its first row group: a copy that failed before has nothing to delete. */
  private void deleteIfWritten(String location) {
    try {
      table.io().deleteFile(location);
    } catch (NotFoundException e) {
      // some FileIOs refuse to delete what is not there
    }
  }

  /** Names the segments whose rows the group's files hold, if each of them says. */
  private Map<String, String> footer(CompactionGroup group) {
    Set<String> segments = new LinkedHashSet<>();
    for (DataFile file : group.files()) {
      Optional<Set<String>> in = MainCompactionFiles.segmentsIn(table.io(), file.location());
      if (in.isEmpty()) {
        return Map.of();
      }
      segments.addAll(in.get());
    }
    return MainCompactionFiles.footer(segments);
  }

  private long copy(DataFile file, int kafkaPartition, long after, DataWriter<Record> writer) throws IOException {
    long rows = 0;
    long lastOffset = after;
    try (CloseableIterable<Record> records = CheckedParquetRows.of(
        table.io().newInputFile(file.location(), file.fileSizeInBytes()), schema)) {
      for (Record record : records) {
        Record kafka = record.get(kafkaPosition, Record.class);
        long offset = kafka.get(offsetPosition, Long.class);
        if (kafka.get(partitionPosition, Integer.class) != kafkaPartition || offset <= lastOffset) {
          throw new RowsOutOfOrderException(String.format("Cannot compact data file %s: its row of partition %d "
              + "offset %d does not follow offset %d of partition %d", file.location(),
              kafka.get(partitionPosition, Integer.class), offset, lastOffset, kafkaPartition));
        }
        writer.write(record);
        lastOffset = offset;
        rows++;
      }
    } catch (ParquetDecodingException e) {
      throw new DamagedDataFileException("Cannot compact data file " + file.location() + ": " + e.getMessage(), e);
    }
    if (rows != file.recordCount()) {
      throw new IllegalStateException(String.format("Cannot compact data file %s: it holds %d rows, the table says %d",
          file.location(), rows, file.recordCount()));
    }
    return lastOffset;
  }
}
