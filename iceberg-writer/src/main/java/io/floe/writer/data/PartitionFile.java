package io.floe.writer.data;

import io.floe.translator.manifest.DataFileRef;
import io.floe.translator.manifest.DataFileRef.RowGroup;
import io.floe.translator.table.KafkaColumns;
import java.io.IOException;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.util.PropertyUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The open Parquet data file of one partition value: its number in the segment's file list and its rows so far. */
final class PartitionFile {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionFile.class);
  /** The dictionary page limit Floe writes with when the table sets none. */
  static final int DICTIONARY_BYTES = 256 * 1024;
  /** The page size Floe writes with when the table sets none: below half of G1's smallest region. */
  static final int PAGE_BYTES = 256 * 1024;
  /** Columns of opaque bytes, written without Parquet statistics. */
  static final List<String> BLOB_COLUMNS = List.of(
      KafkaColumns.KAFKA + "." + KafkaColumns.VALUE_RAW,
      KafkaColumns.KAFKA + "." + KafkaColumns.BATCH + "." + KafkaColumns.RAW);

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
   * Opens data file {@code index} of the partition {@code partition} of {@code table}, with the
   * table's writer properties (its codec among them, KAFKA-NOTES §7.6) and row groups of at most
   * {@code rowGroupSizeBytes}.
   */
  static PartitionFile open(Table table, FileIO io, AttemptFiles attempt, StructLike partition, int index,
      long rowGroupSizeBytes, SortOrder declaredOrder, Destination destination) {
    String name = attempt.dataFileName(index);
    String location = table.spec().isUnpartitioned()
        ? table.locationProvider().newDataLocation(name)
        : table.locationProvider().newDataLocation(table.spec(), partition, name);
    attempt.writing(location);
    long rowGroupSize = Math.min(rowGroupSizeBytes, PropertyUtil.propertyAsLong(table.properties(),
        TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES_DEFAULT));
    try {
      Parquet.DataWriteBuilder builder = HadoopSiteFilesHidden.around(() -> Parquet.writeData(io.newOutputFile(location)))
          .forTable(table)
          .set(TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, Long.toString(rowGroupSize))
          // By default Iceberg measures a row group at most every 100 records: with large records
          // that buffers far past the bound, so let it measure as often as the size calls for.
          .set(TableProperties.PARQUET_ROW_GROUP_CHECK_MIN_RECORD_COUNT, "1");
      if (!table.properties().containsKey(TableProperties.PARQUET_DICT_SIZE_BYTES)) {
        // Unique keys and values fill a 2 MiB dictionary before Parquet gives up on it: each of
        // them hashed and copied for nothing. A small one still holds every low-cardinality column.
        builder.set(TableProperties.PARQUET_DICT_SIZE_BYTES, Integer.toString(DICTIONARY_BYTES));
      }
      if (!table.properties().containsKey(TableProperties.PARQUET_PAGE_SIZE_BYTES)) {
        // Parquet allocates a page's size at once, several times a page: 1 MiB arrays are
        // humongous objects to G1 in a broker's heap of up to 8 GiB, and each can start a collection.
        builder.set(TableProperties.PARQUET_PAGE_SIZE_BYTES, Integer.toString(PAGE_BYTES));
      }
      for (String blob : BLOB_COLUMNS) {
        String statistics = TableProperties.PARQUET_COLUMN_STATS_ENABLED_PREFIX + blob;
        if (!table.properties().containsKey(statistics)) {
          // Min and max of whole values and batches help no query; Parquet copies every new one.
          builder.set(statistics, "false");
        }
      }
      DataWriter<Record> writer = builder
          .createWriterFunc(GenericParquetWriter::create)
          .withPartition(partition)
          .withSortOrder(declaredOrder)
          .overwrite()
          .build();
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
