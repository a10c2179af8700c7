package io.floe.writer.data;

import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.DataFileRef.RowGroup;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The open Parquet data file of one partition value: its number in the segment's file list and its rows so far. */
final class PartitionFile {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionFile.class);

  private final int index;
  private final String location;
  private final DataWriter<Record> writer;
  private final Destination destination;
  private long rows;

  private PartitionFile(int index, String location, DataWriter<Record> writer, Destination destination) {
    this.index = index;
    this.location = location;
    this.writer = writer;
    this.destination = destination;
  }

  /**
   * Opens data file {@code index} of the partition {@code partition} of {@code table}, as
   * {@link FloeParquetFiles} writes them, with row groups of at most {@code rowGroupSizeBytes}.
   */
  static PartitionFile open(Table table, FileIO io, AttemptFiles attempt, StructLike partition, int index,
      long rowGroupSizeBytes, SortOrder declaredOrder, Destination destination) {
    String name = attempt.dataFileName(index);
    String location = table.spec().isUnpartitioned()
        ? table.locationProvider().newDataLocation(name)
        : table.locationProvider().newDataLocation(table.spec(), partition, name);
    attempt.writing(location);
    try {
      DataWriter<Record> writer = FloeParquetFiles.open(table, io.newOutputFile(location), table.spec(), partition,
          rowGroupSizeBytes, declaredOrder, Map.of());
      return new PartitionFile(index, location, writer, destination);
    } catch (IOException | RuntimeException e) {
      throw new DataFileException(location, e);
    }
  }

  int index() {
    return index;
  }

  /** Rows written so far, and so the ordinal of the next row. */
  long rows() {
    return rows;
  }

  /** Bytes written so far, with what is still buffered. */
  long length() {
    return writer.length();
  }

  void write(Record record) {
    try {
      writer.write(record);
    } catch (RuntimeException e) {
      throw new DataFileException(location, e);
    }
    rows++;
  }

  /** Closes the file, with its row groups: as the writer knows them, or read back from its footer through {@code io}. */
  WrittenFile close(FileIO io) {
    try {
      writer.close();
      DataFile file = writer.toDataFile();
      DataFileRef ref = new DataFileRef(file.location(), file.fileSizeInBytes(), rows, rowGroups(file, io));
      return new WrittenFile(file, ref, destination);
    } catch (IOException | RuntimeException e) {
      throw new DataFileException(location, e);
    }
  }

  /**
   * The file's row groups. Iceberg's split offsets are the starting positions of the row groups
   * the writer wrote, from its own footer: when there is one, it holds every row of the file, and
   * reading the footer back again would tell nothing more. The row counts of several are only in
   * the footer.
   */
  private List<RowGroup> rowGroups(DataFile file, FileIO io) {
    List<Long> starts = file.splitOffsets();
    if (starts != null && starts.size() == 1) {
      return List.of(new RowGroup(starts.get(0), 0, rows));
    }
    return RowGroups.of(io.newInputFile(file.location(), file.fileSizeInBytes()));
  }

  /** Closes the file of a failed attempt, which deletes it anyway. */
  void abandon() {
    try {
      writer.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing abandoned data file {} failed: {}", location, e.toString());
    }
  }
}
