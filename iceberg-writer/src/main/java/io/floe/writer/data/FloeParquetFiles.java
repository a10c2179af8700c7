package io.floe.writer.data;

import io.floe.translator.table.KafkaColumns;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Opens the Parquet data files of a table as Floe writes them, an upload's and a compaction's
 * alike: with the table's writer properties (its codec among them, KAFKA-NOTES §7.6), Floe's own
 * where the table sets none, and a bound on the row group.
 */
public final class FloeParquetFiles {
  /** The dictionary page limit Floe writes with when the table sets none. */
  static final int DICTIONARY_BYTES = 256 * 1024;
  /** The page size Floe writes with when the table sets none: below half of G1's smallest region. */
  static final int PAGE_BYTES = 256 * 1024;
  /** Columns of opaque bytes, written without Parquet statistics. */
  static final List<String> BLOB_COLUMNS = List.of(
      KafkaColumns.KAFKA + "." + KafkaColumns.VALUE_RAW,
      KafkaColumns.KAFKA + "." + KafkaColumns.BATCH + "." + KafkaColumns.RAW);

  private FloeParquetFiles() {}

  /**
   * Opens {@code file} for rows of the table partition {@code partition} of {@code spec}, sorted
   * as {@code order} says, in row groups of at most {@code rowGroupSizeBytes} (or the table's
   * smaller setting), with {@code footer} in its key-value metadata.
   */
  public static DataWriter<Record> open(Table table, OutputFile file, PartitionSpec spec, StructLike partition,
      long rowGroupSizeBytes, SortOrder order, Map<String, String> footer) throws IOException {
    long rowGroupSize = Math.min(rowGroupSizeBytes, PropertyUtil.propertyAsLong(table.properties(),
        TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES_DEFAULT));
    Parquet.DataWriteBuilder builder = HadoopSiteFilesHidden.around(() -> Parquet.writeData(file))
        .forTable(table)
        .withSpec(spec)
        .set(TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, Long.toString(rowGroupSize))
        // By default Iceberg measures a row group at most every 100 records: with large records
        // that buffers far past the bound, so let it measure as often as the size calls for.
        .set(TableProperties.PARQUET_ROW_GROUP_CHECK_MIN_RECORD_COUNT, "1");
    footer.forEach(builder::meta);
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
    return builder
        .createWriterFunc(GenericParquetWriter::create)
        .withPartition(partition)
        .withSortOrder(order)
        .overwrite()
        .build();
  }
}
